import Database from 'better-sqlite3';
import { openApp } from '../../src/app/open-app.js';
import type { Invocation } from '../../src/core/invocation.js';
import { queryTerms } from '../../src/core/query-terms.js';
import { ftsAnyOf } from '../../src/store/fts-terms.js';
import { SENTENCE_INDEX_CACHE_KIB } from '../../src/store/sqlite/sqlite-store.js';
import { STOP_WORDS } from '../../src/text/stopwords.js';
import type { BenchQuestion } from './questions.js';
import { percentile } from './stats.js';

export interface Latency {
  p50: number;
  p95: number;
  p99: number;
  n: number;
}

export interface QueryFigures {
  floor: Latency;
  ask: Latency & { answered: number };
  search: Latency;
  brief: Latency;
  errors: number;
}

const latency = (ms: number[]): Latency => ({
  p50: percentile(ms, 50),
  p95: percentile(ms, 95),
  p99: percentile(ms, 99),
  n: ms.length,
});

/** The question's content words, as the floor's terms. */
export const floorTerms = (question: string) => queryTerms(question).filter((t) => !STOP_WORDS.has(t));

/** The environment the bench runs the app in: no LLM (answers are extractive), quiet logs. */
export function offlineEnv(storePath: string): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, BRIEFBOT_STORE: storePath, LOG_LEVEL: 'silent' };
}

/**
 * /ask, /search and /brief through the real bot (bot.dispatch, timed from the call to the reply),
 * beside the floor: a bare FTS5 MATCH with bm25(), top 20 sentences, for the question's terms.
 */
export async function benchQueries(
  storePath: string,
  questions: BenchQuestion[],
  log: (s: string) => void,
): Promise<QueryFigures> {
  // The floor's connection gets the same page cache as the store's sentence-search connection, so
  // the ratio compares the query work, not two cache sizes.
  const db = new Database(storePath, { readonly: true });
  db.pragma(`cache_size = -${SENTENCE_INDEX_CACHE_KIB}`);
  const bare = db.prepare(
    'SELECT rowid, bm25(sentences_fts) AS score FROM sentences_fts WHERE sentences_fts MATCH ? ORDER BY score LIMIT 20',
  );
  const floorOnce = (q: BenchQuestion) => {
    const match = ftsAnyOf(floorTerms(q.ask));
    if (match) bare.all(match);
  };
  const app = await openApp({ role: 'test', storePath, env: offlineEnv(storePath) });
  const invocation = (command: string, options: Record<string, unknown>): Invocation => ({
    platform: 'console',
    command,
    options,
    user: { id: 'bench', isAdmin: false },
    channel: { platform: 'console', id: 'console' },
  });
  let errors = 0;
  let answered = 0;
  const timed = async (fn: () => unknown): Promise<number> => {
    const start = performance.now();
    await fn();
    return performance.now() - start;
  };
  const dispatch = async (command: string, options: Record<string, unknown>) => {
    const reply = await app.bot.dispatch(invocation(command, options));
    if (reply.errorCode) errors++;
    if (command === 'ask' && reply.answered) answered++;
  };
  try {
    // Warm-up (page cache, JIT, prepared statements), not counted.
    for (const q of questions.slice(0, 20)) {
      floorOnce(q);
      await dispatch('ask', { question: q.ask });
    }
    errors = 0;
    answered = 0;
    const floor: number[] = [];
    const ask: number[] = [];
    const search: number[] = [];
    const brief: number[] = [];
    // Interleaved per question, so a busy moment on the shared machine hits every series alike.
    for (const [i, q] of questions.entries()) {
      floor.push(await timed(() => floorOnce(q)));
      ask.push(await timed(() => dispatch('ask', { question: q.ask })));
      search.push(await timed(() => dispatch('search', { query: q.search })));
      brief.push(await timed(() => dispatch('brief', { topic: q.brief })));
      if ((i + 1) % 250 === 0) log(`queries: ${i + 1}/${questions.length}`);
    }
    return {
      floor: latency(floor),
      ask: { ...latency(ask), answered },
      search: latency(search),
      brief: latency(brief),
      errors,
    };
  } finally {
    await app.close();
    db.close();
  }
}
