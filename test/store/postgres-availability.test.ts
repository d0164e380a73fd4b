import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { UserError } from '../../src/core/errors.js';
import { parseDatabaseUrl } from '../../src/store/postgres/database-url.js';
import { PostgresStore, openPostgresStore } from '../../src/store/postgres/postgres-store.js';
import type { Analysis } from '../../src/text/types.js';
import { TcpProxy } from '../fakes/tcp-proxy.js';
import { openStore, storeReadiness, whenStoreReady } from '../../src/store/open-store.js';
import { Readiness } from '../../src/http/readiness.js';
import { startOpsServer } from '../../src/http/ops-server.js';
import { createMetrics } from '../../src/metrics.js';
import { dropSchema, shouldRunPostgres, testSchema, TEST_DATABASE_URL, viaProxy } from './postgres-test-db.js';

const target = new URL(TEST_DATABASE_URL);
const run = await shouldRunPostgres('postgres-availability');

function capturingLogger() {
  const lines: { msg: string; attempt?: number; delayMs?: number; level: number }[] = [];
  const logger = pino({ level: 'debug' }, { write: (s: string) => void lines.push(JSON.parse(s)) });
  return { logger, lines };
}

function analysisOf(text: string): Analysis {
  return {
    sentences: [{ idx: 0, text, start: 0, end: text.length, entities: [], dates: [], hasNumber: false }],
    people: [],
    quotes: [],
  };
}

async function eventually(check: () => boolean | Promise<boolean>, deadlineMs = 20_000): Promise<void> {
  const until = Date.now() + deadlineMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met before the deadline');
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function expectUnavailable(p: Promise<unknown>): Promise<void> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(UserError);
  expect((e as UserError).code).toBe('STORE_UNAVAILABLE');
  expect((e as UserError).message).toBe('The article store is unavailable right now; try again shortly.');
}

describe('a malformed DATABASE_URL', () => {
  it.each([
    ['an empty value', '   '],
    ['text that is not a URL', 'not a url at all'],
    ['another scheme', 'mysql://root@127.0.0.1/briefbot'],
    ['no host', 'postgres:///briefbot'],
    ['no database', 'postgres://postgres@127.0.0.1:5432/'],
    ['a port out of range', 'postgres://postgres@127.0.0.1:70000/test'],
  ])('is rejected before connecting when it has %s, with a message naming DATABASE_URL', (_what, url) => {
    let error: unknown;
    try {
      parseDatabaseUrl(url);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).code).toBe('BAD_DATABASE_URL');
    expect((error as UserError).message).toContain('DATABASE_URL');
    expect((error as UserError).message).toContain('postgres://');
  });

  it('stops the store from being created at all', () => {
    expect(() => new PostgresStore('postgresql//oops')).toThrow(/DATABASE_URL/);
  });

  it('never shows the password when displaying a good URL', () => {
    const parsed = parseDatabaseUrl('postgres://bot:s3cret@db.internal:6543/briefbot?sslmode=require');
    expect(parsed.display).toBe('postgres://bot@db.internal:6543/briefbot');
    expect(parsed.display).not.toContain('s3cret');
  });
});

describe.skipIf(!run)('a DATABASE_URL the server refuses', () => {
  it('stops the start at once, without retrying, when the database does not exist', async () => {
    const url = new URL(TEST_DATABASE_URL);
    url.pathname = '/briefbot_no_such_database';
    const { logger, lines } = capturingLogger();
    const error = await openPostgresStore(url.toString(), {
      logger,
      retry: { initialDelayMs: 10, maxAttempts: 5 },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).code).toBe('STORE_REFUSED');
    expect((error as UserError).message).toMatch(
      /^PostgreSQL at postgres:\/\/.*\/briefbot_no_such_database \(DATABASE_URL\) refused to serve: database "briefbot_no_such_database" does not exist/,
    );
    expect(lines.filter((l) => l.msg.includes('retrying'))).toEqual([]);
  });
});

describe.skipIf(!run)('PostgreSQL availability through a loopback proxy', () => {
  const proxy = new TcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
  const schemas: string[] = [];
  let store: PostgresStore | undefined;

  beforeAll(async () => {
    await proxy.up();
  });
  afterEach(async () => {
    await store?.close();
    store = undefined;
    await proxy.up();
  });
  afterAll(async () => {
    await proxy.down();
    for (const s of schemas) await dropSchema(s);
  });

  const newSchema = () => {
    const s = testSchema();
    schemas.push(s);
    return s;
  };

  it('retries with growing delays while the database is down at start, not ready meanwhile, then opens', async () => {
    await proxy.down();
    const { logger, lines } = capturingLogger();
    store = new PostgresStore(viaProxy(proxy.url), {
      schema: newSchema(),
      logger,
      retry: { initialDelayMs: 40, maxDelayMs: 400, maxAttempts: Infinity },
    });
    await eventually(() => lines.filter((l) => l.msg.includes('retrying')).length >= 4);
    expect(store.isReady()).toBe(false);
    expect(store.notReadyReason()).toContain('connecting to postgres://');
    await expectUnavailable(store.searchArticles(['talks']));

    const retries = lines.filter((l) => l.msg.includes('retrying'));
    expect(retries.map((l) => l.attempt)).toEqual(retries.map((_, i) => i + 1));
    // Exponential with ±20% jitter: the fourth delay is well above the first, and none passes the cap.
    expect(retries[3].delayMs!).toBeGreaterThan(retries[0].delayMs! * 3);
    expect(Math.max(...retries.map((l) => l.delayMs!))).toBeLessThanOrEqual(400);

    await proxy.up();
    await store.ready;
    expect(store.isReady()).toBe(true);
    const r = await store.upsert(
      { id: 'late', title: 'Opened late', text: 'The talks began once the database came up.' },
      analysisOf('The talks began once the database came up.'),
    );
    expect(r.status).toBe('added');
  });

  it('keeps /readyz at 503 with the reason while the database is down at start, and 200 once it is up', async () => {
    await proxy.down();
    const opened = await openStore({
      databaseUrl: viaProxy(proxy.url),
      schema: newSchema(),
      waitUntilReady: false,
      retry: { initialDelayMs: 50, maxDelayMs: 200, maxAttempts: Infinity },
    });
    store = opened as PostgresStore;
    const readiness = new Readiness();
    readiness.addCheck('store', () => storeReadiness(opened));
    const ops = await startOpsServer({ port: 0, host: '127.0.0.1', metrics: createMetrics(), readiness });
    try {
      const down = await fetch(`${ops.url}/readyz`);
      expect(down.status).toBe(503);
      expect(await down.text()).toMatch(/connecting to postgres:\/\/postgres@127\.0\.0\.1:\d+\/test/);

      await proxy.up();
      await whenStoreReady(opened);
      expect((await fetch(`${ops.url}/readyz`)).status).toBe(200);

      // Lost while running: not ready until the background probe reaches the server again.
      await proxy.down();
      await expectUnavailable(opened.stats());
      const lost = await fetch(`${ops.url}/readyz`);
      expect(lost.status).toBe(503);
      expect(await lost.text()).toContain('lost contact with postgres://');
      await proxy.up();
      await eventually(async () => (await fetch(`${ops.url}/readyz`)).status === 200);
    } finally {
      await ops.close();
    }
  });

  it('gives up after the configured attempts with a message naming the database and DATABASE_URL', async () => {
    await proxy.down();
    const error = await openPostgresStore(viaProxy(proxy.url), {
      schema: newSchema(),
      retry: { initialDelayMs: 10, maxDelayMs: 20, maxAttempts: 3 },
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).code).toBe('STORE_UNAVAILABLE');
    expect((error as UserError).message).toMatch(
      /postgres:\/\/postgres@127\.0\.0\.1:\d+\/test \(DATABASE_URL\) after 3 attempts/,
    );
  });

  it('answers STORE_UNAVAILABLE while the database is down, then recovers by itself with nothing lost', async () => {
    store = await openPostgresStore(viaProxy(proxy.url), {
      schema: newSchema(),
      retry: { initialDelayMs: 50, maxDelayMs: 200 },
      connectTimeoutMs: 1_000,
    });
    const text = 'Officials agreed on a security framework during the talks.';
    await store.upsert({ id: 'kept', title: 'Framework', text }, analysisOf(text));

    await proxy.down();
    await expectUnavailable(store.searchArticles(['framework']));
    expect(store.isReady()).toBe(false);
    const lost = 'This article arrived while the database was down.';
    await expectUnavailable(store.upsert({ id: 'during', title: 'During', text: lost }, analysisOf(lost)));

    await proxy.up();
    await eventually(() => store!.isReady());
    const hits = await store.searchArticles(['framework']);
    expect(hits.map((h) => h.article.id)).toEqual(['kept']);
    // The failed write was not half-applied: re-sending it adds it whole.
    expect(await store.get('during')).toBeUndefined();
    expect((await store.upsert({ id: 'during', title: 'During', text: lost }, analysisOf(lost))).status).toBe('added');
    expect((await store.stats()).articles).toBe(2);
  });

  it('fails a query on a hung connection within its timeout instead of waiting forever', async () => {
    store = await openPostgresStore(viaProxy(proxy.url), {
      schema: newSchema(),
      statementTimeoutMs: 300,
      connectTimeoutMs: 500,
      retry: { initialDelayMs: 50, maxDelayMs: 200 },
    });
    await store.stats();
    proxy.blackhole();
    const started = Date.now();
    await expectUnavailable(store.stats());
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(store.isReady()).toBe(false);

    await proxy.up();
    await eventually(() => store!.isReady());
    expect((await store.stats()).articles).toBe(0);
  });
});
