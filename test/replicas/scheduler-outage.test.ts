import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { StoreArticleSource } from '../../src/digest/article-source.js';
import { PgDigestRepository } from '../../src/digest/postgres/pg-digest-repository.js';
import { DigestRunner } from '../../src/digest/runner.js';
import { DigestScheduler } from '../../src/digest/scheduler.js';
import { openPostgresStore, type PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { article } from '../store/analysis-fixture.js';
import { TcpProxy } from '../fakes/tcp-proxy.js';
import { dropSchema, shouldRunPostgres, testSchema, TEST_DATABASE_URL, viaProxy } from '../store/postgres-test-db.js';
import { HttpRecordingAdapter } from './http-recording-adapter.js';
import { RecorderServer } from './recorder-server.js';

const run = await shouldRunPostgres('scheduler-outage');
const CHANNELS = 20;
const target = new URL(TEST_DATABASE_URL);

async function eventually(check: () => boolean | Promise<boolean>, deadlineMs: number): Promise<void> {
  const until = Date.now() + deadlineMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met before the deadline');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.skipIf(!run)('the running digest scheduler when PostgreSQL drops mid-run', () => {
  const schema = testSchema('bb_sched');
  const proxy = new TcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
  const recorder = new RecorderServer({ replicas: 1, replyDelayMs: 60 });
  const lines: { msg: string }[] = [];
  const logger = pino({ level: 'warn' }, { write: (s: string) => void lines.push(JSON.parse(s)) });
  let store: PostgresStore;
  let scheduler: DigestScheduler;

  beforeAll(async () => {
    await proxy.up();
    await recorder.start();
    store = await openPostgresStore(viaProxy(proxy.url), {
      schema,
      connectTimeoutMs: 1_000,
      statementTimeoutMs: 2_000,
      retry: { initialDelayMs: 50, maxDelayMs: 300 },
      clock: () => new Date(Date.now() - 3_600_000),
    });
    const a = article(['Officials met in Mexico City to discuss security cooperation.']);
    await store.upsert({ id: 'talks', title: 'Security talks', text: a.text }, a.analysis);
    const repo = new PgDigestRepository(store);
    // A daily slot two minutes ago: due now on start, and cron will not fire it again for a day,
    // so only the scheduler's own retry can finish the run after the outage.
    const slot = new Date(Date.now() - 120_000);
    const schedule = `${slot.getUTCMinutes()} ${slot.getUTCHours()} * * *`;
    for (let i = 0; i < CHANNELS; i++) {
      await repo.upsertSubscription(
        { channel: { platform: 'console', id: `s${i}` }, schedule, timezone: 'UTC', createdBy: 'ops' },
        new Date(Date.now() - 3 * 3_600_000),
      );
    }
    const runner = new DigestRunner({
      repo,
      adapters: new Map([['console', new HttpRecordingAdapter(recorder.url, 'solo')]]),
      source: new StoreArticleSource(store),
      clock: () => new Date(),
      logger,
      instanceId: 'solo',
      config: {
        leaseMs: 1_500,
        concurrency: 2,
        postTimeoutMs: 5_000,
        retry: { baseMs: 100, maxDelayMs: 500, maxAttempts: 10 },
      },
    });
    scheduler = new DigestScheduler({ repo, runner, clock: () => new Date(), logger, singleNode: false });
  }, 60_000);

  afterAll(async () => {
    await scheduler?.stop();
    await store?.close();
    await proxy.down();
    await recorder.stop();
    await dropSchema(schema);
  });

  it('waits while the store is down and resumes by itself when it is back, posting each channel once', async () => {
    const starting = scheduler.start();
    await eventually(() => recorder.posts.length >= 4, 30_000);
    await proxy.down();
    await starting;
    const atOutage = recorder.posts.length;
    expect(atOutage).toBeLessThan(CHANNELS);
    expect(lines.some((l) => l.msg.includes('store unavailable; will retry'))).toBe(true);

    await new Promise((r) => setTimeout(r, 500));
    await proxy.up();
    await eventually(() => recorder.countsByChannel().size === CHANNELS, 45_000);
    // Let any straggler land before counting doubles.
    await new Promise((r) => setTimeout(r, 500));
    expect([...recorder.countsByChannel().values()].filter((n) => n !== 1)).toEqual([]);
    expect(recorder.posts).toHaveLength(CHANNELS);
  }, 90_000);
});
