import { rmSync } from 'node:fs';
import { floorIngest } from './floor-ingest.js';
import { briefbotCli, run, tsNode } from './spawn.js';
import { spread, type Spread } from './stats.js';

export interface IngestFigures {
  articles: number;
  /** The ingest alone: nothing else of the bench runs meanwhile (the headline rate, beside the floor). */
  ingestMs: number;
  ingestRate: number;
  added: number;
  skipped: number;
  floorMs: number;
  floorRate: number;
  floorSentences: number;
  /** A second ingest of the same articles into a new store while another process queries it. */
  concurrent: Spread & {
    p99: number;
    max: number;
    errors: number;
    lastError: string;
    ingestMs: number;
    ingestRate: number;
  };
}

function removeStore(path: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
}

/** The real `briefbot ingest FILE.jsonl` in a child process, timed from spawn to exit. */
async function briefbotIngest(
  corpusPath: string,
  storePath: string,
): Promise<{ ms: number; added: number; updated: number; skipped: number }> {
  const ingest = await run(briefbotCli(['ingest', corpusPath, '--store', storePath, '--json']));
  if (ingest.code !== 0) throw new Error(`briefbot ingest failed (${ingest.code}): ${ingest.stderr.slice(-2000)}`);
  const report = JSON.parse(ingest.stdout.trim().split('\n').pop()!) as {
    added: number;
    updated: number;
    skipped: unknown[];
  };
  return { ms: ingest.ms, added: report.added, updated: report.updated, skipped: report.skipped.length };
}

/**
 * Three runs over the same corpus, one after another so none competes with another for the CPU:
 * 1. `briefbot ingest` in a child process (everything a user gets: decoding, analysis, store
 *    writes) into `storePath`, the store the rest of the bench queries;
 * 2. the floor, raw FTS5 inserts of the same articles, in this process;
 * 3. `briefbot ingest` again, into a scratch store, while a second child queries that store every
 *    100 ms: do readers get answers during a large ingest, and what do those queries cost the
 *    ingest. The scratch store is deleted afterwards.
 */
export async function benchIngest(
  corpusPath: string,
  storePath: string,
  floorPath: string,
  articles: number,
  log: (s: string) => void,
): Promise<IngestFigures> {
  removeStore(storePath);
  log(`ingest: briefbot ingest of ${articles} articles…`);
  const alone = await briefbotIngest(corpusPath, storePath);
  log(`ingest: ${alone.added} added in ${(alone.ms / 1000).toFixed(1)} s; floor…`);
  const floor = await floorIngest(corpusPath, floorPath);

  const scratch = storePath.replace(/(\.db)?$/, '-concurrent.db');
  removeStore(scratch);
  log(`ingest: the same articles again, into a scratch store, while another process queries it…`);
  let loopOut = '';
  let loopChild: import('node:child_process').ChildProcess | undefined;
  const loopDone = run(tsNode('scripts/bench/query-loop.ts', [scratch, '100']), {
    started: (c) => (loopChild = c),
  }).then((f) => (loopOut = f.stdout));
  let loaded: Awaited<ReturnType<typeof briefbotIngest>>;
  try {
    loaded = await briefbotIngest(corpusPath, scratch);
  } finally {
    loopChild?.stdin?.end();
    await loopDone;
    removeStore(scratch);
  }
  const loop = JSON.parse(loopOut.trim() || '{"latencies":[],"errors":0,"lastError":"query loop printed nothing"}') as {
    latencies: number[];
    errors: number;
    lastError: string;
  };
  const sorted = [...loop.latencies].sort((a, b) => a - b);
  return {
    articles,
    ingestMs: alone.ms,
    ingestRate: (alone.added + alone.updated) / (alone.ms / 1000),
    added: alone.added,
    skipped: alone.skipped,
    floorMs: floor.ms,
    floorRate: floor.articles / (floor.ms / 1000),
    floorSentences: floor.sentences,
    concurrent: {
      ...spread(loop.latencies),
      p99: sorted[Math.max(0, Math.ceil(0.99 * sorted.length) - 1)] ?? NaN,
      max: sorted[sorted.length - 1] ?? NaN,
      errors: loop.errors,
      lastError: loop.lastError,
      ingestMs: loaded.ms,
      ingestRate: (loaded.added + loaded.updated) / (loaded.ms / 1000),
    },
  };
}
