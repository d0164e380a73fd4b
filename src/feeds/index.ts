import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Config } from '../config/index.js';
import type { FeedService } from '../core/services.js';
import type { PgHost } from '../digest/postgres/pg-digest-repository.js';
import type { ArticleStore } from '../store/article-store.js';
import type { IngestAnalyzer } from '../store/ingest/ingest.js';
import { syncConfigFeeds } from './config-feeds.js';
import { DefaultFeedService } from './feed-service.js';
import { FeedHttpClient } from './net/http-client.js';
import { RequestGate } from './net/request-gate.js';
import type { PollReport } from './poll-feed.js';
import { FeedPoller } from './poller.js';
import { PgFeedRepository } from './postgres/pg-feed-repository.js';
import { SqliteFeedRepository, type SqliteFeedHost } from './sqlite/sqlite-feed-repository.js';
import type { Feed, FeedRepository } from './types.js';
import { userAgent } from './user-agent.js';

export type { Feed, FeedRepository } from './types.js';
export type { PollReport } from './poll-feed.js';

export interface CreateFeedsOptions {
  store: ArticleStore;
  config: Pick<Config, 'feeds' | 'feedPolling'>;
  analyze: IngestAnalyzer;
  clock: () => Date;
  logger: Logger;
  /** Called after each poll (metrics). */
  onPoll?: (report: PollReport, feed: Feed) => void;
}

/** Everything the composition root needs of feeds. */
export interface Feeds {
  service: FeedService;
  repo: FeedRepository;
  poller: FeedPoller;
  /** Starts polling (the bot; the CLI only manages feeds). */
  start(): Promise<void>;
  /** Stops polling, aborting requests in flight, and closes the HTTP client. */
  stop(): Promise<void>;
}

const isSqliteHost = (s: ArticleStore): s is ArticleStore & SqliteFeedHost => s.kind === 'sqlite' && 'db' in s;
const isPgHost = (s: ArticleStore): s is ArticleStore & PgHost => s.kind === 'postgres' && 'db' in s && 'migrate' in s;

/**
 * The feed table (SQLite or PostgreSQL, beside the articles), the config's feeds synced into it,
 * the polite HTTP client and the poller. Undefined for a store without a database of its own.
 */
export async function createFeeds(opts: CreateFeedsOptions): Promise<Feeds | undefined> {
  let repo: FeedRepository;
  if (isSqliteHost(opts.store)) repo = await SqliteFeedRepository.open(opts.store);
  else if (isPgHost(opts.store)) repo = new PgFeedRepository(opts.store);
  else return undefined;
  const p = opts.config.feedPolling;
  const policy = { minIntervalSeconds: p.minIntervalSeconds, backoffCapSeconds: p.backoffCapSeconds };
  const http = new FeedHttpClient(
    {
      connectTimeoutMs: p.connectTimeoutMs,
      timeoutMs: p.timeoutMs,
      maxBodyBytes: p.maxBodyBytes,
      maxRedirects: 5,
      userAgent: userAgent(p.contactUrl),
      allowPrivateNetworks: p.allowPrivateNetworks,
    },
    new RequestGate(p.concurrency),
  );
  const poller = new FeedPoller({
    repo,
    store: opts.store,
    http,
    analyze: opts.analyze,
    policy,
    clock: opts.clock,
    logger: opts.logger,
    owner: `feeds-${randomUUID()}`,
    workers: p.concurrency * 2,
    // Long enough for a poll that waits its turn at a busy host and reads its teasers' pages.
    leaseMs: 10 * 60_000,
    singleNode: opts.store.kind === 'sqlite',
    onPoll: opts.onPoll,
  });
  const service = new DefaultFeedService({
    repo,
    clock: opts.clock,
    minIntervalSeconds: p.minIntervalSeconds,
    defaultIntervalSeconds: p.defaultIntervalSeconds,
    allowPrivateNetworks: p.allowPrivateNetworks,
    wake: () => poller.wake(),
  });
  const synced = syncConfigFeeds(repo, opts.config.feeds, {
    minIntervalSeconds: p.minIntervalSeconds,
    defaultIntervalSeconds: p.defaultIntervalSeconds,
    clock: opts.clock,
    logger: opts.logger,
  }).catch((err: unknown) => opts.logger.warn({ err }, 'feeds: could not apply the feeds: list of the configuration'));
  // SQLite answers at once; PostgreSQL may still be out of reach, and start-up never waits for it.
  if (opts.store.kind === 'sqlite') await synced;
  let stopped: Promise<void> | undefined;
  return {
    service,
    repo,
    poller,
    async start() {
      if (!p.contactUrl && (await repo.list()).length)
        opts.logger.info('feeds: set FEEDS_CONTACT_URL so feed operators can reach you (it goes in the User-Agent)');
      await poller.start();
    },
    async stop() {
      // Called by the shutdown steps and again by app.close(): the client closes once.
      stopped ??= poller.stop().then(() => http.close());
      await stopped;
    },
  };
}
