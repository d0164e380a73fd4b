import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import { StoreArticleSource } from '../../src/digest/article-source.js';
import { DigestRunner } from '../../src/digest/runner.js';
import { silentLogger } from '../../src/log.js';
import { PgDigestRepository } from '../../src/digest/postgres/pg-digest-repository.js';
import { openPostgresStore, type PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { analyze } from '../../src/text/analyze.js';
import { TcpProxy } from '../fakes/tcp-proxy.js';
import { dropSchema, shouldRunPostgres, testSchema, TEST_DATABASE_URL, viaProxy } from '../store/postgres-test-db.js';
import { HttpRecordingAdapter } from './http-recording-adapter.js';
import { RecorderServer } from './recorder-server.js';

const run = await shouldRunPostgres('database-outage');
const CHANNELS = 30;
const RUN_AT = new Date('2026-01-05T08:00:30.000Z');
const target = new URL(TEST_DATABASE_URL);

async function eventually(check: () => boolean | Promise<boolean>, deadlineMs = 30_000): Promise<void> {
  const until = Date.now() + deadlineMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met before the deadline');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe.skipIf(!run)('digests when PostgreSQL goes down while the bot runs', () => {
  const schema = testSchema('bb_outage');
  const proxy = new TcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
  const recorder = new RecorderServer({ replicas: 1, replyDelayMs: 30 });
  let store: PostgresStore;
  let runner: DigestRunner;

  beforeAll(async () => {
    await proxy.up();
    await recorder.start();
    store = await openPostgresStore(viaProxy(proxy.url), {
      schema,
      connectTimeoutMs: 1_000,
      statementTimeoutMs: 2_000,
      retry: { initialDelayMs: 50, maxDelayMs: 300 },
      clock: () => new Date('2026-01-05T06:00:00.000Z'),
    });
    const text = readFileSync(new URL('../fixtures/articles/us-mexico-security-dialogue.txt', import.meta.url), 'utf8');
    await store.upsert(
      { id: 'dialogue', title: 'U.S.-Mexico security dialogue', text, published: '2021-10-08' },
      analyze(text, '2021-10-08'),
    );
    const repo = new PgDigestRepository(store);
    for (let i = 0; i < CHANNELS; i++) {
      await repo.upsertSubscription(
        { channel: { platform: 'console', id: `ch${i}` }, schedule: '0 8 * * *', timezone: 'UTC', createdBy: 'ops' },
        new Date('2026-01-05T07:00:00.000Z'),
      );
    }
    runner = new DigestRunner({
      repo,
      adapters: new Map([['console', new HttpRecordingAdapter(recorder.url, 'solo')]]),
      source: new StoreArticleSource(store),
      clock: () => new Date(),
      logger: silentLogger(),
      instanceId: 'solo',
      config: {
        leaseMs: 1_500,
        concurrency: 4,
        postTimeoutMs: 5_000,
        retry: { baseMs: 100, maxDelayMs: 500, maxAttempts: 10 },
      },
    });
  }, 60_000);

  afterAll(async () => {
    await store?.close();
    await proxy.down();
    await recorder.stop();
    await dropSchema(schema);
  });

  it('fails the run with STORE_UNAVAILABLE while down, resumes when back, and posts each channel exactly once', async () => {
    // Down before the run: nothing can be recorded or posted, and the error says why.
    await proxy.down();
    const early = await runner.reconcile(RUN_AT).catch((e: unknown) => e);
    expect(early).toBeInstanceOf(UserError);
    expect((early as UserError).code).toBe('STORE_UNAVAILABLE');
    expect(recorder.posts).toHaveLength(0);

    // Back: the run is recorded and starts posting; the database drops again in the middle of it.
    await proxy.up();
    await eventually(() => store.isReady());
    expect(await runner.reconcile(RUN_AT)).toBe(CHANNELS);
    const draining = runner.drain(RUN_AT).catch((e: unknown) => e);
    await eventually(() => recorder.posts.length >= 8);
    await proxy.down();
    const interrupted = await draining;
    const postedDuringOutage = recorder.posts.length;
    expect(postedDuringOutage).toBeLessThan(CHANNELS);
    if (interrupted instanceof Error) expect((interrupted as UserError).code).toBe('STORE_UNAVAILABLE');

    // Back again: the rows left leased come free when their lease ends, and the run finishes.
    await proxy.up();
    await eventually(() => store.isReady());
    await eventually(async () => {
      await runner.drain(RUN_AT);
      const active = await store.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM digest_runs WHERE state IN ('claimed', 'posting')`,
      );
      return active.rows[0].n === 0;
    });

    const counts = recorder.countsByChannel();
    expect(counts.size).toBe(CHANNELS);
    expect([...counts.entries()].filter(([, n]) => n !== 1)).toEqual([]);
    const ledger = await store.db.query<{ state: string; n: number }>(
      'SELECT state, count(*)::int AS n FROM digest_runs GROUP BY state',
    );
    expect(ledger.rows).toEqual([{ state: 'posted', n: CHANNELS }]);
    const behind = await store.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM digest_subscriptions s JOIN digest_runs r ON r.subscription_id = s.id
       WHERE s.watermark IS DISTINCT FROM r.covers_to`,
    );
    expect(behind.rows[0].n).toBe(0);
    console.log(
      `database outage figures: ${JSON.stringify({ channels: CHANNELS, postedBeforeOutage: postedDuringOutage, total: recorder.posts.length, doubled: recorder.posts.length - counts.size })}`,
    );
  }, 120_000);
});
