import { rmSync } from 'node:fs';
import { floorIngest } from './floor-ingest.js';
import { briefbotCli, run, tsNode } from './spawn.js';
import { spread, type Spread } from './stats.js';

export interface IngestFigures {
  articles: number;
  ingestMs: number;
  ingestRate: number;
  added: number;
  skipped: number;
  floorMs: number;
  floorRate: number;
  floorSentences: number;
  /** Latency of store queries from another process while the ingest ran. */
  concurrent: Spread & { p99: number; max: number; errors: number; lastError: string };
}

/**
 * The real `briefbot ingest FILE.jsonl` in a child process (everything a user gets: decoding,
 * analysis, store writes), timed from spawn to exit, while a second child queries the same store;
 * then the floor, raw FTS5 inserts of the same articles, in this process.
 */
export async function benchIngest(corpusPath: string, storePath: string, floorPath: string, articles: number, log: (s: string) => void): Promise<IngestFigures> {
  for (const suffix of ['', '-wal', '-shm']) rmSync(storePath + suffix, { force: true });
  let loopOut = '';
  let loopChild: import('node:child_process').ChildProcess | undefined;
  const loopDone = run(tsNode('scripts/bench/query-loop.ts', [storePath, '100']), { started: (c) => (loopChild = c) }).then((f) => (loopOut = f.stdout));
  log(`ingest: briefbot ingest of ${articles} articles (with a query loop in another process)…`);
  const ingest = await run(briefbotCli(['ingest', corpusPath, '--store', storePath, '--json']));
  loopChild?.stdin?.end();
  await loopDone;
  if (ingest.code !== 0) throw new Error(`briefbot ingest failed (${ingest.code}): ${ingest.stderr.slice(-2000)}`);
  const report = JSON.parse(ingest.stdout.trim().split('\n').pop()!) as { added: number; updated: number; skipped: unknown[] };
  const loop = JSON.parse(loopOut.trim() || '{"latencies":[],"errors":0,"lastError":"query loop printed nothing"}') as { latencies: number[]; errors: number; lastError: string };
  log(`ingest: ${report.added} added in ${(ingest.ms / 1000).toFixed(1)} s; floor…`);
  const floor = await floorIngest(corpusPath, floorPath);
  const sorted = [...loop.latencies].sort((a, b) => a - b);
  return {
    articles,
    ingestMs: ingest.ms,
    ingestRate: (report.added + report.updated) / (ingest.ms / 1000),
    added: report.added,
    skipped: report.skipped.length,
    floorMs: floor.ms,
    floorRate: floor.articles / (floor.ms / 1000),
    floorSentences: floor.sentences,
    concurrent: {
      ...spread(loop.latencies),
      p99: sorted[Math.max(0, Math.ceil(0.99 * sorted.length) - 1)] ?? NaN,
      max: sorted[sorted.length - 1] ?? NaN,
      errors: loop.errors,
      lastError: loop.lastError,
    },
  };
}
