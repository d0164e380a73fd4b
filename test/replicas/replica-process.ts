/**
 * One bot replica for the replica test, run as its own process (`node --import tsx`): the real
 * PostgreSQL store, the real PostgreSQL digest ledger and the real digest runner, posting through
 * an HTTP adapter to the test's recorder. It runs the schedule as of RUN_AT until no run is left
 * active (taking over rows whose lease expired), then prints what it did as one JSON line.
 */
import pino from 'pino';
import { openPostgresStore } from '../../src/store/postgres/postgres-store.js';
import { PgDigestRepository } from '../../src/digest/postgres/pg-digest-repository.js';
import { DigestRunner, type RunOutcome } from '../../src/digest/runner.js';
import { StoreArticleSource } from '../../src/digest/article-source.js';
import { HttpRecordingAdapter } from './http-recording-adapter.js';

const env = (name: string): string => {
  const v = process.env[name];
  if (!v) throw new Error(`replica-process: ${name} is not set`);
  return v;
};

const replica = env('REPLICA_ID');
const recorder = env('RECORDER_URL');
const at = new Date(env('RUN_AT'));
const logger = pino({ level: process.env.REPLICA_LOG_LEVEL ?? 'warn' }, pino.destination(2));

const store = await openPostgresStore(env('DATABASE_URL'), {
  schema: env('BB_SCHEMA'),
  poolSize: 3,
  logger,
  applicationName: replica,
});
const repo = new PgDigestRepository(store);
const runner = new DigestRunner({
  repo,
  adapters: new Map([['console', new HttpRecordingAdapter(recorder, replica)]]),
  source: new StoreArticleSource(store),
  clock: () => new Date(),
  logger,
  instanceId: replica,
  config: {
    leaseMs: Number(env('LEASE_MS')),
    concurrency: 4,
    postTimeoutMs: 10_000,
    retry: { baseMs: 200, maxDelayMs: 1_000, maxAttempts: 10 },
  },
});

// Wait at the start line until every replica is up, so all three share the run.
await fetch(`${recorder}/ready`, { method: 'POST', body: replica });

const outcomes: RunOutcome[] = [];
for (;;) {
  await runner.reconcile(at);
  outcomes.push(...(await runner.drain(at)));
  const active = await store.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM digest_runs WHERE state IN ('claimed', 'posting')`,
  );
  if (active.rows[0].n === 0) break;
  // Rows still leased by another replica (alive or dead): look again shortly.
  await new Promise((r) => setTimeout(r, 150));
}
await store.close();
process.stdout.write(`${JSON.stringify({ replica, outcomes })}\n`);
