import type { DigestFigures } from './digest-bench.js';
import type { FeedFigures } from './feed-bench.js';
import type { IngestFigures } from './ingest-bench.js';
import type { QueryFigures } from './query-bench.js';
import type { StartupFigures } from './startup-memory.js';
import { fmt } from './stats.js';

export interface PeerFigures {
  articles: number;
  indexMs: number;
  heapMb: number;
  rssMb: number;
  p50: number;
  p95: number;
  p99: number;
}

export interface Results {
  articles: number;
  textMb: number;
  questions: number;
  ingest?: IngestFigures;
  queries?: QueryFigures;
  peer?: PeerFigures | { error: string };
  startup?: StartupFigures;
  digests?: DigestFigures;
  feeds?: FeedFigures;
}

const verdict = (ok: boolean) => (ok ? '**met**' : '**missed**');
const row = (cells: string[]) => `| ${cells.join(' | ')} |`;

/** The Markdown table of every figure, with its reference in the same run and the targets. */
export function renderTable(r: Results): string {
  const lines = [
    row(['Measure', 'Figure', 'Reference (same run)', 'Ratio', 'Target']),
    row(['---', '---', '---', '---', '---']),
  ];
  const i = r.ingest;
  if (i) {
    lines.push(
      row([
        `Ingest: \`briefbot ingest\` of ${i.articles.toLocaleString('en-US')} articles (JSON Lines, all enrichment)`,
        `${fmt(i.ingestRate)} articles/s (${fmt(i.ingestMs / 1000)} s; ${i.added} added, ${i.skipped} skipped)`,
        `floor, raw FTS5 inserts: ${fmt(i.floorRate)} articles/s (${fmt(i.floorMs / 1000)} s, ${i.floorSentences.toLocaleString('en-US')} sentences)`,
        `${(i.ingestRate / i.floorRate).toFixed(2)}× floor`,
        `≥ 1,000 articles/s: ${verdict(i.ingestRate >= 1000)}`,
      ]),
    );
    const c = i.concurrent;
    lines.push(
      row([
        `Store queries from another process, every 100 ms, during a second ingest of the same articles (WAL)`,
        `p50 ${fmt(c.median)} ms, p95 ${fmt(c.p95)} ms, p99 ${fmt(c.p99)} ms, max ${fmt(c.max)} ms over ${c.runs} queries; ${c.errors} errors; that ingest ${fmt(c.ingestRate)} articles/s (${fmt(c.ingestMs / 1000)} s)`,
        `the ingest alone: ${fmt(i.ingestRate)} articles/s`,
        `ingest ${(c.ingestRate / i.ingestRate).toFixed(2)}× alone`,
        `answers while ingesting: ${verdict(c.runs > 0 && c.errors === 0)}`,
      ]),
    );
  }
  const q = r.queries;
  if (q) {
    const lat = (l: { p50: number; p95: number; p99: number }) =>
      `p50 ${fmt(l.p50)} / p95 ${fmt(l.p95)} / p99 ${fmt(l.p99)} ms`;
    const floor = `bare FTS5 MATCH + bm25(), top 20 sentences: ${lat(q.floor)}`;
    lines.push(
      row([
        `/ask over ${q.ask.n} questions (bot.dispatch → reply; ${q.ask.answered} answered)`,
        lat(q.ask),
        floor,
        `p95 ${(q.ask.p95 / q.floor.p95).toFixed(2)}× floor`,
        `p95 ≤ 1.5× floor: ${verdict(q.ask.p95 <= 1.5 * q.floor.p95)}`,
      ]),
    );
    lines.push(
      row([
        `/search (same subjects)`,
        lat(q.search),
        'as above',
        `p95 ${(q.search.p95 / q.floor.p95).toFixed(2)}× floor`,
        '—',
      ]),
    );
    lines.push(
      row([
        `/brief (topic = the question's main name)`,
        lat(q.brief),
        'as above',
        `p95 ${(q.brief.p95 / q.floor.p95).toFixed(2)}× floor`,
        '—',
      ]),
    );
    if (q.errors) lines.push(row(['Command errors during the query run', String(q.errors), '—', '—', '0']));
  }
  const p = r.peer;
  if (p && 'error' in p) lines.push(row(['Peer: MiniSearch', `failed: ${p.error}`, '—', '—', '—']));
  else if (p) {
    lines.push(
      row([
        `Peer: MiniSearch, ${p.articles.toLocaleString('en-US')} articles in memory`,
        `index ${fmt(p.indexMs / 1000)} s, heap ${fmt(p.heapMb)} MB (RSS ${fmt(p.rssMb)} MB), query p50 ${fmt(p.p50)} / p95 ${fmt(p.p95)} / p99 ${fmt(p.p99)} ms`,
        r.queries
          ? `briefbot /ask p95 ${fmt(r.queries.ask.p95)} ms at ${r.articles.toLocaleString('en-US')} articles`
          : '—',
        r.queries ? `MiniSearch p95 ${(p.p95 / r.queries.ask.p95).toFixed(2)}× /ask p95` : '—',
        '—',
      ]),
    );
  }
  const s = r.startup;
  if (s) {
    lines.push(
      row([
        `Start-up to "ready" (\`node dist/src/main.js\`, console door, store open)`,
        `median ${fmt(s.readyMs.median)} ms, p95 ${fmt(s.readyMs.p95)} ms over ${s.readyMs.runs} starts`,
        '—',
        '—',
        `≤ 1 s: ${verdict(s.readyMs.p95 <= 1000)}`,
      ]),
    );
    lines.push(
      row([
        `RSS of the idle bot, ${r.articles.toLocaleString('en-US')}-article store open`,
        `median ${fmt(s.idleRssMb.median)} MB, p95 ${fmt(s.idleRssMb.p95)} MB`,
        '—',
        '—',
        `≤ 250 MB: ${verdict(s.idleRssMb.p95 <= 250)}`,
      ]),
    );
    lines.push(
      row([
        `RSS under query load (${s.loadRssMb.questions} questions through the console door)`,
        `median ${fmt(s.loadRssMb.median)} MB, peak ${fmt(s.loadRssMb.peak)} MB (${s.loadRssMb.samples} samples)`,
        '—',
        '—',
        `≤ 250 MB: ${verdict(s.loadRssMb.peak <= 250)}`,
      ]),
    );
  }
  const d = r.digests;
  if (d) {
    lines.push(
      row([
        `Digest fan-out: ${d.subscriptions} subscriptions (½ Slack 1 msg/s per channel, ½ Discord 50 req/s; ½ with a topic), each covering the day's ${d.dayArticles} new articles in the full store`,
        `median ${fmt(d.seconds.median, 2)} s, p95 ${fmt(d.seconds.p95, 2)} s over ${d.seconds.runs} runs; ${d.posted} posted, ${d.lost} lost`,
        `rate-limit floor ${fmt(d.floorSeconds, 2)} s`,
        `median ${d.ratio.median.toFixed(2)}×, p95 ${d.ratio.p95.toFixed(2)}×`,
        `≤ 1.1×, nothing lost: ${verdict(d.ratio.p95 <= 1.1 && d.lost === 0)}`,
      ]),
    );
  }
  const f = r.feeds;
  if (f) {
    const pass = (p: FeedFigures['newItems']) =>
      `${p.polls} polls in ${fmt(p.seconds)} s (${p.errors} errors): CPU ${fmt(p.cpuMsPerPoll)} ms/poll, latency p50 ${fmt(p.latencyMs.p50)} / p95 ${fmt(p.latencyMs.p95)} ms`;
    const what = `Feeds: ${f.feeds} RSS feeds on ${f.hosts} local hosts, every one due in the same ${f.intervalSeconds} s interval (global cap ${f.concurrency} requests)`;
    lines.push(
      row([
        `${what}; every feed with ${f.perRound} new items`,
        `${pass(f.newItems)}; ${f.newItems.added} added, ${fmt(f.newItems.addedPerSecond)} articles/s`,
        `first poll of every feed: ${f.first.added} added, ${fmt(f.first.addedPerSecond)} articles/s, ${fmt(f.first.cpuMsPerPoll)} ms CPU/poll`,
        `pass ${fmt((f.newItems.seconds / f.intervalSeconds) * 100)}% of the interval`,
        `fits one interval: ${verdict(f.newItems.seconds < f.intervalSeconds && f.newItems.errors === 0)}`,
      ]),
    );
    lines.push(row([`${what}; nothing new (conditional GET → 304)`, pass(f.unchanged), '—', '—', '—']));
    lines.push(
      row([
        `Feeds: requests at once (publisher's count); peak RSS of the bot`,
        `max ${f.maxPerHost} to one host, max ${f.maxInFlight} overall; peak RSS ${fmt(f.peakRssMb)} MB (${fmt(f.startRssMb)} MB before the first poll)`,
        '—',
        '—',
        `1 per host: ${verdict(f.maxPerHost === 1)}`,
      ]),
    );
  }
  return lines.join('\n');
}
