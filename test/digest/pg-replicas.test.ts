import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreArticleSource } from '../../src/digest/article-source.js';
import { PgDigestRepository } from '../../src/digest/postgres/pg-digest-repository.js';
import { DigestRunner, runMarker } from '../../src/digest/runner.js';
import { silentLogger } from '../../src/log.js';
import { PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { analyze } from '../../src/text/analyze.js';
import { dropSchema, shouldRunPostgres, TEST_DATABASE_URL, testSchema } from '../store/postgres-test-db.js';
import { fixture } from './helpers/digest-fixture.js';
import { HttpRecorderAdapter } from './helpers/http-recorder-adapter.js';
import { RecorderServer } from './helpers/recorder-server.js';

const run = await shouldRunPostgres('digest replicas on PostgreSQL');
const SLOT = new Date('2026-03-02T14:00:00.000Z');

/** Three runners, each with its own connection pool, share one PostgreSQL ledger, as replicas do. */
describe.runIf(run)('several runners on one PostgreSQL ledger', () => {
  const schema = testSchema('bb_digest_rep');
  const server = new RecorderServer();
  const stores: PostgresStore[] = [];
  let url: string;
  beforeAll(async () => {
    url = await server.listen();
    for (let i = 0; i < 3; i++) stores.push(new PostgresStore(TEST_DATABASE_URL, { schema, clock: () => SLOT }));
    await Promise.all(stores.map((s) => s.ready));
    const a = fixture('talks-open');
    await stores[0].upsert(a, analyze(a.text, a.published));
  }, 60_000);
  afterAll(async () => {
    await server.close();
    await Promise.all(stores.map((s) => s.close()));
    await dropSchema(schema);
  });

  it('posts each channel once when all of them reconcile and drain the same slot at the same time', async () => {
    const runners = stores.map(
      (store, i) =>
        new DigestRunner({
          repo: new PgDigestRepository(store),
          adapters: new Map([['slack', new HttpRecorderAdapter(url)]]),
          source: new StoreArticleSource(store),
          clock: () => SLOT,
          logger: silentLogger(),
          instanceId: `replica-${i}`,
          config: { concurrency: 4 },
        }),
    );
    const repo = new PgDigestRepository(stores[0]);
    for (let c = 0; c < 60; c++) {
      await repo.upsertSubscription(
        {
          channel: { platform: 'slack', id: `C${c}` },
          schedule: '0 8 * * *',
          timezone: 'America/Mexico_City',
          createdBy: 'U1',
        },
        new Date('2026-03-01T00:00:00Z'),
      );
    }
    const outcomes = await Promise.all(
      runners.map(async (r) => {
        await r.reconcile(SLOT);
        return r.drain();
      }),
    );
    const subs = await repo.listSubscriptions();
    for (const s of subs) {
      expect(server.postsFor(s.channel.id, runMarker(s.id, SLOT.toISOString())), s.channel.id).toHaveLength(1);
      const [row] = await repo.recentRuns(s.id, 5);
      expect(row.state).toBe('posted');
      expect(s.watermark).toBe(row.coversTo);
    }
    expect(server.posts).toHaveLength(60);
    // The work was shared: more than one runner posted.
    expect(outcomes.filter((o) => o.some((x) => x.state === 'posted')).length).toBeGreaterThan(1);
  }, 60_000);
});
