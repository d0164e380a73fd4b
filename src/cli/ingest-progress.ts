import { Presets, SingleBar } from 'cli-progress';
import type { IngestProgress } from '../store/ingest/ingest.js';

/** What the bar shows: how far through the input, the articles read so far, their rate and the time left. */
const FORMAT = 'ingest [{bar}] {percentage}% | {articles} articles | {rate} articles/s | ETA {left}';

const count = (n: number) => n.toLocaleString('en-US');

/** "45s", "3m 05s", "1h 02m"; "–" before there is anything to go by. */
function duration(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return '–';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/**
 * The progress bar of `briefbot ingest`: it moves with the bytes read (so one large JSON Lines
 * file moves it too, and the ETA is sound), and it counts articles, not bytes or files.
 * `force` draws it on a stream that is not a terminal (tests).
 */
export function ingestProgressBar(stream: NodeJS.WritableStream, opts: { force?: boolean; now?: () => number } = {}) {
  const now = opts.now ?? (() => performance.now());
  const bar = new SingleBar(
    { stream, format: FORMAT, noTTYOutput: opts.force, notTTYSchedule: 0, hideCursor: false },
    Presets.shades_classic,
  );
  let started: number | undefined;
  let articles = 0;
  let share = 0;
  // The time left from the share of the input read so far (bytes, which every format has), on our own clock.
  const payload = () => {
    const seconds = started === undefined ? 0 : (now() - started) / 1000;
    // Under half a second in, a rate or an ETA would be noise.
    const settled = seconds >= 0.5;
    const left = share >= 1 ? 0 : settled && share > 0 ? (seconds * (1 - share)) / share : undefined;
    return {
      articles: count(articles),
      rate: settled ? count(Math.round(articles / seconds)) : '–',
      left: duration(left),
    };
  };
  return {
    update(doneBytes: number, totalBytes: number, detail: Pick<IngestProgress, 'articlesRead'>): void {
      articles = detail.articlesRead;
      share = totalBytes > 0 ? Math.min(1, doneBytes / totalBytes) : 1;
      if (started === undefined) {
        started = now();
        bar.start(Math.max(totalBytes, 1), 0, payload());
      }
      bar.setTotal(Math.max(totalBytes, 1));
      bar.update(doneBytes, payload());
    },
    stop(): void {
      if (started !== undefined) bar.update(payload());
      bar.stop();
    },
  };
}
