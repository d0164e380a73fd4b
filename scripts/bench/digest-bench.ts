import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp } from '../../src/app/open-app.js';
import { ingestPaths } from '../../src/store/ingest/ingest.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { analyze } from '../../src/text/analyze.js';
import { generateArticles, readSources } from './corpus.js';
import type { ChannelRef } from '../../src/core/invocation.js';
import { offlineEnv } from './query-bench.js';
import { bucketFloorSeconds } from './rate-limit.js';
import { DISCORD_RATE, RecordingAdapter, SLACK_RATE } from './recording-adapter.js';
import { spread, type Spread } from './stats.js';

export interface DigestFigures {
  subscriptions: number;
  dayArticles: number;
  seconds: Spread;
  floorSeconds: number;
  ratio: Spread;
  lost: number;
  posted: number;
}

/**
 * 1,000 digest subscriptions (half Slack channels, half Discord channels; half with a topic) on
 * the bench store, all due at the same slot; the real runner composes each digest from the store
 * and hands it to a recording adapter that waits out the platform's rate limit. Timed from
 * runSchedule() to its return, against the floor the rate limits alone impose.
 */
export async function benchDigests(
  storePath: string,
  sourcesPath: string,
  count: number,
  topics: string[],
  reps: number,
  log: (s: string) => void,
  dayArticles = 300,
): Promise<DigestFigures> {
  // The digests run two days after the bench ingest (a fake clock), and the day before them
  // brings `dayArticles` new articles: each digest covers that day, as a newsroom's would, in the
  // full store (the 100,000 articles of the ingest are older than the window).
  const fakeNow = new Date(Date.now() + 2 * 86_400_000);
  const clock = () => new Date(fakeNow.getTime() + (performance.now() - startedAt));
  const startedAt = performance.now();
  await addDaysArticles(storePath, sourcesPath, dayArticles, clock, log);
  const app = await openApp({ role: 'test', storePath, env: offlineEnv(storePath), clock });
  const seconds: number[] = [];
  let lost = 0;
  let posted = 0;
  const slack = Math.ceil(count / 2);
  const discord = count - slack;
  const floor = Math.max(
    bucketFloorSeconds(discord, DISCORD_RATE.perSecond, DISCORD_RATE.burst),
    bucketFloorSeconds(1, SLACK_RATE.perSecond, SLACK_RATE.burst),
  );
  try {
    for (let rep = 0; rep < reps; rep++) {
      const adapters = { slack: new RecordingAdapter('slack'), discord: new RecordingAdapter('discord') };
      app.adapters.set('slack', adapters.slack);
      app.adapters.set('discord', adapters.discord);
      const channels: ChannelRef[] = [];
      for (let i = 0; i < count; i++) {
        const channel: ChannelRef =
          i % 2 === 0
            ? { platform: 'slack', id: `CBENCH${rep}X${String(i).padStart(5, '0')}`, workspace: 'TBENCH' }
            : { platform: 'discord', id: `9${rep}${String(i).padStart(16, '0')}`, workspace: '1' };
        channels.push(channel);
        await app.services.digests.subscribe({
          channel,
          schedule: '0 8 * * *',
          timezone: 'UTC',
          topic: i % 4 < 2 ? topics[i % topics.length] : undefined,
          createdBy: 'bench',
        });
      }
      // The next 08:00 UTC slot after the subscriptions were made; the run is timed as of just after it.
      const now = clock();
      const slot = new Date(
        Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + (now.getUTCHours() >= 8 ? 1 : 0), 8, 0, 0),
      );
      const start = performance.now();
      const reports = await app.digests.runSchedule(new Date(slot.getTime() + 30_000));
      const secs = (performance.now() - start) / 1000;
      seconds.push(secs);
      const markers = new Set([...adapters.slack.posts, ...adapters.discord.posts].map((p) => p.marker));
      const ok = reports.filter((r) => r.outcome?.state === 'posted').length;
      posted = ok;
      lost += count - Math.min(ok, markers.size);
      log(
        `digests: run ${rep + 1}/${reps}: ${ok}/${count} posted in ${secs.toFixed(2)} s (floor ${floor.toFixed(2)} s)`,
      );
      for (const channel of channels) await app.services.digests.unsubscribe(channel);
    }
  } finally {
    await app.close();
  }
  return {
    subscriptions: count,
    dayArticles,
    seconds: spread(seconds),
    floorSeconds: floor,
    ratio: spread(seconds.map((s) => s / floor)),
    lost,
    posted,
  };
}

/** The day's new articles (another seed, other ids), written by a store whose clock is the fake "now". */
async function addDaysArticles(
  storePath: string,
  sourcesPath: string,
  n: number,
  clock: () => Date,
  log: (s: string) => void,
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'briefbot-bench-day-'));
  const file = join(dir, 'day.jsonl');
  const lines: string[] = [];
  for (const a of generateArticles(readSources(sourcesPath), n, 424242))
    lines.push(
      JSON.stringify({ ...a, id: `day-${a.id}`, url: `${a.url}-day`, published: clock().toISOString().slice(0, 10) }),
    );
  writeFileSync(file, `${lines.join('\n')}\n`);
  const store = await openSqliteStore(storePath, { clock: () => new Date(clock().getTime() - 3_600_000) });
  try {
    const report = await ingestPaths([file], { store, analyze });
    log(
      `digests: the day's ${n} new articles: ${report.added} added, ${report.updated} updated, ${report.skipped.length} skipped`,
    );
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
