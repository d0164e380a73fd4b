/**
 * The bot side of the crash test, as its own process so the parent can SIGKILL it anywhere.
 * It loads its code and says {"loaded"}, then waits for {"open": true} before touching the
 * database, so the parent can keep a warm spare ready and "restart" the bot the moment the last
 * one is killed. Then each {"at": ISO} runs the schedule as of that moment (catch-up included,
 * exactly as on a restart) and answers {"done": ISO} on stdout.
 */
import { createInterface } from 'node:readline';
import { StoreArticleSource } from '../../../src/digest/article-source.js';
import { runSchedule } from '../../../src/digest/run-schedule.js';
import { DigestRunner } from '../../../src/digest/runner.js';
import { SqliteDigestRepository } from '../../../src/digest/sqlite/sqlite-digest-repository.js';
import { silentLogger } from '../../../src/log.js';
import { openSqliteStore } from '../../../src/store/sqlite/sqlite-store.js';
import { HttpRecorderAdapter } from '../helpers/http-recorder-adapter.js';

const [dbPath, baseUrl] = process.argv.slice(2);
let now = new Date(0);
const clock = () => new Date(now);
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
process.stdout.write(JSON.stringify({ loaded: true }) + '\n');
await lines.next();
const store = await openSqliteStore(dbPath, { clock });
const repo = await SqliteDigestRepository.open(store);
// This process replaces one that was killed: its leases are void (single-node takeover).
await repo.breakLeases();
const runner = new DigestRunner({
  repo,
  adapters: new Map([['slack', new HttpRecorderAdapter(baseUrl)]]),
  source: new StoreArticleSource(store),
  clock,
  logger: silentLogger(),
  config: { concurrency: 4 },
});

process.stdout.write(JSON.stringify({ ready: true }) + '\n');
for (let r = await lines.next(); !r.done; r = await lines.next()) {
  const line = r.value;
  if (!line.trim()) continue;
  const { at } = JSON.parse(line) as { at: string };
  now = new Date(at);
  await runSchedule(runner, now);
  process.stdout.write(JSON.stringify({ done: at }) + '\n');
}
await store.close();
