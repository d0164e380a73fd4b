import { availableParallelism } from 'node:os';
import type { Analysis, Analyzer } from '../../text/types.js';
import { createAnalyzerPool, type AnalyzerPool } from './analyzer-pool.js';
import type { IngestAnalyzer } from './ingest.js';

/** Articles analysed in the calling thread before a run counts as large and moves to worker threads. */
export const POOL_THRESHOLD = 64;

/**
 * The analyser for one ingest run: the first articles are analysed inline (a dropped file or two
 * costs no worker start-up, ~0.5 s each for the wink model), and once a run passes `threshold`
 * articles the rest go to a worker-thread pool, one worker per core, so a bulk JSON Lines ingest
 * uses every core while the main thread writes. Call `close` when the run ends.
 */
export function adaptiveAnalyzer(
  analyze: Analyzer,
  opts: { threshold?: number; poolSize?: number } = {},
): { analyze: IngestAnalyzer; close(): Promise<void> } {
  const threshold = opts.threshold ?? POOL_THRESHOLD;
  let seen = 0;
  let pool: AnalyzerPool | undefined;
  return {
    analyze: (text: string, published?: string): Analysis | Promise<Analysis> => {
      if (++seen <= threshold) return analyze(text, published);
      pool ??= createAnalyzerPool({ size: opts.poolSize ?? defaultPoolSize() });
      return pool.analyze(text, published);
    },
    close: async () => {
      await pool?.close();
    },
  };
}

/** One worker per core: the main thread mostly waits for analyses and only writes batches. */
function defaultPoolSize(): number {
  return Math.max(1, availableParallelism());
}
