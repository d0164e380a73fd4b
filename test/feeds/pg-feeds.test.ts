import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DefaultFeedService } from '../../src/feeds/feed-service.js';
import { FeedHttpClient } from '../../src/feeds/net/http-client.js';
import { RequestGate } from '../../src/feeds/net/request-gate.js';
import { FeedPoller } from '../../src/feeds/poller.js';
import { PgFeedRepository } from '../../src/feeds/postgres/pg-feed-repository.js';
import { silentLogger } from '../../src/log.js';
import { PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { analyze } from '../../src/text/analyze.js';
import { TestClock } from '../digest/helpers/digest-fixture.js';
import { dropSchema, shouldRunPostgres, TEST_DATABASE_URL, testSchema } from '../store/postgres-test-db.js';
import { prose, rss2 } from './helpers/feed-docs.js';
import { FeedServer } from './helpers/feed-server.js';
import { TEST_LIMITS } from './helpers/poll-harness.js';

const run = await shouldRunPostgres('feeds on PostgreSQL');

/** One replica: its own store connection, HTTP client and poller, on the shared schema. */
function replica(schema: string, clock: TestClock, name: string) {
  const store = new PostgresStore(TEST_DATABASE_URL, { schema, clock: clock.now });
  const repo = new PgFeedRepository(store);
  const http = new FeedHttpClient(TEST_LIMITS, new RequestGate(4));
  const poller = new FeedPoller({
    repo,
    store,
    http,
    analyze,
    policy: { minIntervalSeconds: 60, backoffCapSeconds: 3600 },
    clock: clock.now,
    logger: silentLogger(),
    owner: name,
    workers: 4,
    leaseMs: 600_000,
    singleNode: false,
  });
  const service = new DefaultFeedService({
    repo,
    clock: clock.now,
    minIntervalSeconds: 60,
    defaultIntervalSeconds: 900,
    allowPrivateNetworks: true,
  });
  return {
    store,
    repo,
    poller,
    service,
    async close() {
      await poller.stop();
      await http.close();
      await store.close();
    },
  };
}

describe.runIf(run)('feeds on PostgreSQL', () => {
  const schema = testSchema('bb_feeds');
  const clock = new TestClock(new Date('2026-03-02T12:00:00Z'));
  let server: FeedServer;
  let a: ReturnType<typeof replica>;
  let b: ReturnType<typeof replica>;
  beforeAll(async () => {
    server = await FeedServer.start();
    a = replica(schema, clock, 'replica-a');
    b = replica(schema, clock, 'replica-b');
    await a.store.ready;
    await b.store.ready;
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await server?.close();
    await dropSchema(schema);
  });

  it('polls each feed from one replica at a time when both poll at once, and stores each item once', async () => {
    for (let i = 0; i < 12; i++) {
      server.route(`/f${i}.xml`, (_req, res) => {
        setTimeout(() => {
          res.writeHead(200, { 'content-type': 'application/rss+xml', etag: `"e${i}"` });
          res.end(
            rss2(`Wire ${i}`, [
              {
                guid: `g${i}`,
                link: `https://r.example/${i}`,
                title: `Replica story ${i}`,
                text: prose(`Replica topic ${i}`, i + 40),
              },
            ]),
          );
        }, 20);
      });
      await a.service.add({ url: server.url(`/f${i}.xml`), createdBy: 'tester' });
    }
    const [ra, rb] = await Promise.all([a.poller.runDue(), b.poller.runDue()]);
    const polled = [...ra, ...rb].map((r) => r.feedId).sort((x, y) => x - y);
    expect(polled).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    for (let i = 0; i < 12; i++) expect(server.requestsTo(`/f${i}.xml`), `feed ${i}`).toHaveLength(1);
    expect(await a.store.articleCount()).toBe(12);
    const counts = await b.repo.articleCounts();
    expect([...counts.values()]).toEqual(Array(12).fill(1));
    const feed = (await b.repo.list())[0];
    expect(feed).toMatchObject({ lastAdded: 1, totalAdded: 1, validators: { etag: '"e0"' } });
  });

  it('gives a feed leased by a replica that died to another once the lease expires', async () => {
    server.serve(
      '/orphan.xml',
      rss2('Orphan Wire', [
        { guid: 'o1', link: 'https://r.example/o1', title: 'Orphan story', text: prose('Orphaned topic', 77) },
      ]),
    );
    const feed = await a.service.add({ url: server.url('/orphan.xml'), createdBy: 'tester' });
    // Replica A leases the feed and dies before polling it.
    const leased = await a.repo.leaseDue('dead-replica', clock.now(), 60_000, 50);
    expect(leased.map((f) => f.id)).toContain(feed.id);
    expect((await b.poller.runDue()).map((r) => r.feedId)).not.toContain(feed.id);
    clock.advance(61_000);
    expect((await b.poller.runDue()).map((r) => [r.feedId, r.outcome])).toContainEqual([feed.id, 'ok']);
    expect(
      await a.repo.recordFailure(feed.id, 'dead-replica', {
        at: clock.now(),
        nextPollAt: clock.now(),
        kind: 'http',
        message: 'late',
      }),
    ).toBe(false);
  });

  it('removes a feed with its item records, keeps its articles, and refuses a second feed with the same URL', async () => {
    const [first] = await a.repo.list();
    await expect(a.service.add({ url: first.url, createdBy: 'tester' })).rejects.toMatchObject({ code: 'FEED_EXISTS' });
    const before = await a.store.articleCount();
    await a.service.remove(String(first.id));
    expect((await a.repo.articleCounts()).has(first.id)).toBe(false);
    expect(await a.store.articleCount()).toBe(before);
  });
});

describe.skipIf(run)('feeds on PostgreSQL (server unreachable)', () => {
  it('needs PostgreSQL', () => undefined);
});
