/**
 * Child process of the benchmark: queries the store once every --every ms while another process
 * ingests into it (WAL lets readers run beside the writer), until stdin closes; then prints the
 * latencies as JSON. Started by ingest-bench.ts.
 */
import { existsSync } from 'node:fs';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';

const [storePath, everyArg] = process.argv.slice(2);
const every = Number(everyArg ?? 100);
const words = [
  'government',
  'minister',
  'profits',
  'music',
  'film',
  'election',
  'match',
  'mobile',
  'growth',
  'court',
  'company',
  'players',
  'prices',
  'software',
  'award',
];
const latencies: number[] = [];
let errors = 0;
let lastError = '';
let stop = false;
process.stdin.on('end', () => (stop = true));
process.stdin.resume();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
while (!stop && !existsSync(storePath)) await sleep(50);
let store: Awaited<ReturnType<typeof openSqliteStore>> | undefined;
while (!stop && !store) {
  try {
    store = await openSqliteStore(storePath, { readonly: true });
  } catch {
    await sleep(100); // the writer may still be creating the schema
  }
}
let n = 0;
while (!stop && store) {
  const terms = [words[n % words.length], words[(n * 7 + 3) % words.length]];
  n++;
  const start = performance.now();
  try {
    await store.searchSentences(terms, { limit: 20 });
    latencies.push(performance.now() - start);
  } catch (e) {
    errors++;
    lastError = (e as Error).message;
  }
  await sleep(every);
}
await store?.close();
process.stdout.write(`${JSON.stringify({ latencies, errors, lastError })}\n`);
