/**
 * Child process of the benchmark (run with --expose-gc): the peer, MiniSearch, given the same
 * articles and the same questions. Prints index time, heap and query latencies as JSON.
 * Args: CORPUS.jsonl ARTICLES QUESTIONS.json
 */
import { readFileSync } from 'node:fs';
import MiniSearch from 'minisearch';
import { readCorpus } from './corpus.js';
import { floorTerms } from './query-bench.js';
import { percentile } from './stats.js';
import type { BenchQuestion } from './questions.js';

const [corpusPath, countArg, questionsPath] = process.argv.slice(2);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const articles = await readCorpus(corpusPath, Number(countArg));
const questions = JSON.parse(readFileSync(questionsPath, 'utf8')) as BenchQuestion[];
gc();
const heapBefore = process.memoryUsage().heapUsed;
const start = performance.now();
const index = new MiniSearch({
  fields: ['title', 'text'],
  storeFields: ['title'],
  searchOptions: { boost: { title: 4 } },
});
index.addAll(articles);
const indexMs = performance.now() - start;
articles.length = 0; // only the index stays: its heap is what a MiniSearch bot would hold
gc();
const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1048576;
for (const q of questions.slice(0, 20)) index.search(floorTerms(q.ask).join(' '));
const ms: number[] = [];
for (const q of questions) {
  const t = performance.now();
  index.search(floorTerms(q.ask).join(' ')).slice(0, 20);
  ms.push(performance.now() - t);
}
process.stdout.write(
  `${JSON.stringify({ articles: Number(countArg), indexMs, heapMb, rssMb: process.memoryUsage().rss / 1048576, p50: percentile(ms, 50), p95: percentile(ms, 95), p99: percentile(ms, 99) })}\n`,
);
