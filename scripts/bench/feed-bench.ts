import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp } from '../../src/app/open-app.js';
import type { PollReport } from '../../src/feeds/poll-feed.js';
import { offlineEnv } from './query-bench.js';
import { ROOT, tsNode } from './spawn.js';
import { percentile } from './stats.js';

/** One pass of the poller over every feed: what the bench reports of it. */
export interface FeedPass {
  polls: number;
  errors: number;
  seconds: number;
  cpuMsPerPoll: number;
  latencyMs: { p50: number; p95: number };
  added: number;
  addedPerSecond: number;
}

export interface FeedFigures {
  feeds: number;
  hosts: number;
  perRound: number;
  concurrency: number;
  intervalSeconds: number;
  first: FeedPass;
  newItems: FeedPass;
  unchanged: FeedPass;
  /** RSS with the store open and the feeds added, before the first poll. */
  startRssMb: number;
  peakRssMb: number;
  maxPerHost: number;
  maxInFlight: number;
}

type Message = Record<string, unknown>;

function ask(child: ChildProcess, msg: Message): Promise<Message> {
  return new Promise((resolve) => {
    child.once('message', (m) => resolve(m as Message));
    child.send(msg);
  });
}

/**
 * `feeds` RSS feeds on `hosts` loopback hosts (a publisher in another process), followed by the
 * real bot parts (openApp: SQLite store, feed table, undici client with its gate, poller,
 * analyser), every feed at the 300 s floor. Three passes, each one interval after the last: the
 * first poll of every feed, a poll where every feed has `perRound` new items beside old ones, and
 * a poll where nothing changed (conditional GET → 304). CPU is this process's (the bot's) only.
 */
export async function benchFeeds(
  sourcesPath: string,
  log: (s: string) => void,
  opts: { feeds?: number; hosts?: number; perRound?: number } = {},
): Promise<FeedFigures> {
  const feeds = opts.feeds ?? 500;
  const hosts = opts.hosts ?? 10;
  const perRound = opts.perRound ?? 5;
  const [cmd, args] = tsNode('scripts/bench/feed-publisher.ts', [
    sourcesPath,
    String(feeds),
    String(hosts),
    String(perRound),
  ]);
  const publisher = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const { urls } = (await new Promise<Message>((resolve) =>
    publisher.once('message', (m) => resolve(m as Message)),
  )) as { urls: string[] };
  const dir = mkdtempSync(join(tmpdir(), 'briefbot-bench-feeds-'));
  const storePath = join(dir, 'store.db');
  let offset = 0;
  const clock = () => new Date(Date.now() + offset);
  const intervalSeconds = 300;
  const app = await openApp({
    role: 'test',
    storePath,
    clock,
    env: {
      ...offlineEnv(storePath),
      FEEDS_ALLOW_PRIVATE_NETWORKS: 'true',
      FEEDS_MIN_INTERVAL_SECONDS: String(intervalSeconds),
    },
  });
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  try {
    const service = app.feeds!.service;
    for (const url of urls) await service.add({ url, every: `${intervalSeconds}s`, createdBy: 'bench' });
    const startRss = process.memoryUsage().rss;
    const pass = async (label: string): Promise<FeedPass> => {
      const cpu = process.cpuUsage();
      const start = performance.now();
      const reports: PollReport[] = await app.feeds!.poller.runDue();
      const seconds = (performance.now() - start) / 1000;
      const used = process.cpuUsage(cpu);
      const ms = reports.map((r) => r.ms);
      const added = reports.reduce((n, r) => n + r.added, 0);
      const figures: FeedPass = {
        polls: reports.length,
        errors: reports.filter((r) => r.outcome === 'error').length,
        seconds,
        cpuMsPerPoll: (used.user + used.system) / 1000 / Math.max(1, reports.length),
        latencyMs: { p50: percentile(ms, 50), p95: percentile(ms, 95) },
        added,
        addedPerSecond: added / seconds,
      };
      log(
        `feeds: ${label}: ${figures.polls} polls in ${seconds.toFixed(1)} s, ${added} added, ${figures.errors} errors, CPU ${figures.cpuMsPerPoll.toFixed(1)} ms/poll, p50 ${figures.latencyMs.p50.toFixed(0)} / p95 ${figures.latencyMs.p95.toFixed(0)} ms`,
      );
      offset += intervalSeconds * 1000;
      return figures;
    };
    await ask(publisher, { cmd: 'round' });
    const first = await pass('first poll, every feed new');
    await ask(publisher, { cmd: 'round' });
    const newItems = await pass(`every feed with ${perRound} new items`);
    const unchanged = await pass('nothing new (304)');
    const stats = (await ask(publisher, { cmd: 'stats' })) as { maxPerHost: number; maxInFlight: number };
    return {
      feeds,
      hosts,
      perRound,
      concurrency: app.config.feedPolling.concurrency,
      intervalSeconds,
      first,
      newItems,
      unchanged,
      startRssMb: startRss / 1e6,
      peakRssMb: peakRss / 1e6,
      maxPerHost: stats.maxPerHost,
      maxInFlight: stats.maxInFlight,
    };
  } finally {
    clearInterval(sampler);
    await app.close();
    publisher.send({ cmd: 'exit' });
    rmSync(dir, { recursive: true, force: true });
  }
}
