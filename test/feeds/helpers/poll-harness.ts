import { DefaultFeedService } from '../../../src/feeds/feed-service.js';
import { FeedHttpClient, type HttpLimits } from '../../../src/feeds/net/http-client.js';
import { RequestGate } from '../../../src/feeds/net/request-gate.js';
import type { PollReport } from '../../../src/feeds/poll-feed.js';
import { FeedPoller } from '../../../src/feeds/poller.js';
import type { PollPolicy } from '../../../src/feeds/schedule.js';
import { SqliteFeedRepository } from '../../../src/feeds/sqlite/sqlite-feed-repository.js';
import type { Feed } from '../../../src/feeds/types.js';
import { silentLogger } from '../../../src/log.js';
import type { StoredArticle } from '../../../src/store/article-store.js';
import { analyze } from '../../../src/text/analyze.js';
import { tempStore, TestClock, type TempStore } from '../../digest/helpers/digest-fixture.js';
import { FeedServer } from './feed-server.js';

export interface PollHarness {
  clock: TestClock;
  tmp: TempStore;
  repo: SqliteFeedRepository;
  service: DefaultFeedService;
  poller: FeedPoller;
  http: FeedHttpClient;
  /** Adds a feed through the service, as /feeds add does. */
  add(url: string, opts?: { every?: string; name?: string; fullText?: boolean }): Promise<Feed>;
  /** Moves the clock to the feed's next poll and polls what is due. */
  pollNext(feedId: number): Promise<PollReport[]>;
  feed(id: number): Promise<Feed>;
  /** Every stored article, oldest first, with its text. */
  articles(): Promise<StoredArticle[]>;
  close(): Promise<void>;
}

export const TEST_LIMITS: HttpLimits = {
  connectTimeoutMs: 2_000,
  timeoutMs: 10_000,
  maxBodyBytes: 256 * 1024,
  maxRedirects: 5,
  userAgent: 'briefbot/test (+https://ops.example/contact)',
  allowPrivateNetworks: true,
};

/**
 * The feed parts as createFeeds wires them (real SQLite store and feed table, the undici client
 * with its gate, the real analyser and poller), with a settable clock for poll times. Requests
 * go to a FeedServer on loopback, so private networks are allowed unless a test says otherwise.
 */
export async function makePollHarness(
  opts: {
    limits?: Partial<HttpLimits>;
    policy?: Partial<PollPolicy>;
    concurrency?: number;
    start?: string;
    random?: () => number;
    isBlocked?: (address: string) => boolean;
  } = {},
): Promise<PollHarness> {
  const clock = new TestClock(new Date(opts.start ?? '2026-03-02T12:00:00Z'));
  const tmp = await tempStore(clock.now);
  const repo = await SqliteFeedRepository.open(tmp.store);
  const limits = { ...TEST_LIMITS, ...opts.limits };
  const http = new FeedHttpClient(limits, new RequestGate(opts.concurrency ?? 4), opts.isBlocked);
  const policy: PollPolicy = { minIntervalSeconds: 60, backoffCapSeconds: 6 * 3600, ...opts.policy };
  const poller = new FeedPoller({
    repo,
    store: tmp.store,
    http,
    analyze,
    policy,
    clock: clock.now,
    logger: silentLogger(),
    owner: 'test-poller',
    workers: (opts.concurrency ?? 4) * 2,
    leaseMs: 600_000,
    singleNode: true,
    random: opts.random ?? (() => 0.5),
  });
  const service = new DefaultFeedService({
    repo,
    clock: clock.now,
    minIntervalSeconds: policy.minIntervalSeconds,
    defaultIntervalSeconds: 900,
    allowPrivateNetworks: limits.allowPrivateNetworks,
  });
  const h: PollHarness = {
    clock,
    tmp,
    repo,
    service,
    poller,
    http,
    add: (url, o = {}) => service.add({ url, createdBy: 'tester', ...o }),
    async pollNext(feedId) {
      const feed = await h.feed(feedId);
      if (Date.parse(feed.nextPollAt) > clock.now().getTime()) clock.set(feed.nextPollAt);
      return poller.runDue();
    },
    async feed(id) {
      const f = await repo.get(id);
      if (!f) throw new Error(`no feed ${id}`);
      return f;
    },
    async articles() {
      const metas = await tmp.store.listArticles();
      const all = await Promise.all(metas.map((m) => tmp.store.get(m.id)));
      return all
        .filter((a): a is StoredArticle => !!a)
        .sort((a, b) => a.ingestedAt.localeCompare(b.ingestedAt) || a.id.localeCompare(b.id));
    },
    async close() {
      await poller.stop();
      await http.close();
      await tmp.cleanup();
    },
  };
  return h;
}

/** A FeedServer on 127.0.0.1 and a harness, for a beforeEach. */
export async function serverAndHarness(
  opts: Parameters<typeof makePollHarness>[0] = {},
): Promise<{ server: FeedServer; h: PollHarness }> {
  return { server: await FeedServer.start(), h: await makePollHarness(opts) };
}

export async function closeAll(h: PollHarness, server: FeedServer): Promise<void> {
  await h.close();
  await server.close();
}
