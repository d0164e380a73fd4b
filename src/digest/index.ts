import type { Logger } from 'pino';
import type { Adapter } from '../adapters/adapter.js';
import { UserError } from '../core/errors.js';
import type { Platform } from '../core/invocation.js';
import type { Briefer, DigestService, FeedService } from '../core/services.js';
import type { ArticleStore } from '../store/article-store.js';
import type { StoryService } from '../stories/story-service.js';
import type { HeadlineWriter } from '../briefing/headlines.js';
import { StoreArticleSource } from './article-source.js';
import { DefaultDigestService } from './digest-service.js';
import { runSchedule, type ScheduledRunReport } from './run-schedule.js';
import { DigestRunner } from './runner.js';
import { DigestScheduler } from './scheduler.js';
import { SqliteDigestRepository, type SqliteHost } from './sqlite/sqlite-digest-repository.js';
import { PgDigestRepository, type PgHost } from './postgres/pg-digest-repository.js';
import type { DigestRepository } from './types.js';

export type { DigestRepository } from './types.js';
export { DigestRunner } from './runner.js';
export { DigestScheduler } from './scheduler.js';
export { SqliteDigestRepository } from './sqlite/sqlite-digest-repository.js';
export { PgDigestRepository } from './postgres/pg-digest-repository.js';
export { runSchedule, type ScheduledRunReport } from './run-schedule.js';

/** The digest settings of config/default.yaml (`digest:`). */
export interface DigestConfig {
  graceHours: number;
  minIntervalMinutes: number;
  maxAttempts: number;
  backoffBaseMs: number;
  backoffCapMs: number;
  leaseMs: number;
}

export interface CreateDigestsOptions {
  store: ArticleStore;
  config: DigestConfig;
  /** Filled in as adapters start; read at each post, so adapters may join later. */
  adapters: ReadonlyMap<Exclude<Platform, 'cli'>, Adapter>;
  logger: Logger;
  clock: () => Date;
  /** Unused by digests today (they choose points extractively, across each story); accepted so the LLM path can plug in. */
  briefer?: Briefer;
  /** The store's stories (by default opened over the store). */
  stories?: StoryService;
  /** Metrics: digest runs by state. */
  onOutcome?: (event: { subscriptionId: string; state: string; attempts: number }) => void;
  /** Followed feeds, for `feed:` filters (resolved at subscribe time, applied at compose time). */
  feeds?: FeedService;
  /** Writes the shown stories' headlines (the LLM path); without it they are the central titles. */
  headlines?: HeadlineWriter;
}

/** Everything the composition root needs of digests. */
export interface Digests {
  service: DigestService;
  /** Starts the node-cron jobs after catching up on runs missed while down. Call once adapters are up. */
  start(): Promise<void>;
  /** `briefbot digest run --at ISO_TIME [--dry-run]`. */
  runSchedule(at: Date, opts?: { dryRun?: boolean }): Promise<ScheduledRunReport[]>;
  /** Stops the jobs and waits for posts in flight. */
  stop(): Promise<void>;
  /** Ends every subscription of one workspace (a Slack team that uninstalled the app); returns how many. */
  forgetWorkspace(platform: Exclude<Platform, 'cli'>, workspace: string): Promise<number>;
  readonly runner?: DigestRunner;
  readonly repo?: DigestRepository;
}

const isSqliteHost = (s: ArticleStore): s is ArticleStore & SqliteHost => s.kind === 'sqlite' && 'db' in s;
const isPgHost = (s: ArticleStore): s is ArticleStore & PgHost => s.kind === 'postgres' && 'db' in s && 'migrate' in s;

/**
 * Builds the repository, runner, scheduler and service over the store's database: SQLite for one
 * process (leases broken on start), PostgreSQL for replicas (leases expire; another replica takes over).
 */
export async function createDigests(opts: CreateDigestsOptions): Promise<Digests> {
  let repo: DigestRepository;
  let singleNode: boolean;
  if (isSqliteHost(opts.store)) {
    repo = await SqliteDigestRepository.open(opts.store);
    singleNode = true;
  } else if (isPgHost(opts.store)) {
    repo = new PgDigestRepository(opts.store);
    singleNode = false;
  } else {
    return unavailableDigests(`the ${opts.store.kind} store keeps no digest ledger`);
  }
  const c = opts.config;
  const runner = new DigestRunner({
    repo,
    adapters: opts.adapters,
    source: new StoreArticleSource(opts.store, {
      stories: opts.stories,
      articlesFromFeeds: opts.feeds && ((feedIds, articleIds) => opts.feeds!.articlesFromFeeds(feedIds, articleIds)),
    }),
    clock: opts.clock,
    logger: opts.logger,
    onOutcome: opts.onOutcome,
    headlines: opts.headlines,
    config: {
      graceMs: c.graceHours * 3_600_000,
      leaseMs: c.leaseMs,
      retry: { baseMs: c.backoffBaseMs, maxDelayMs: c.backoffCapMs, maxAttempts: c.maxAttempts },
    },
  });
  const scheduler = new DigestScheduler({ repo, runner, clock: opts.clock, logger: opts.logger, singleNode });
  const service = new DefaultDigestService({
    repo,
    runner,
    clock: opts.clock,
    scheduler,
    minIntervalMinutes: c.minIntervalMinutes,
    feeds: opts.feeds,
  });
  return {
    service,
    runner,
    repo,
    start: () => scheduler.start(),
    runSchedule: (at, o) => runSchedule(runner, at, o),
    stop: () => scheduler.stop(),
    async forgetWorkspace(platform, workspace) {
      const gone = (await repo.listSubscriptions()).filter(
        (s) => s.channel.platform === platform && s.channel.workspace === workspace,
      );
      // By name: a channel holding several named digests has no single one to pick.
      for (const s of gone) await service.unsubscribe(s.channel, s.name ?? '');
      return gone.length;
    },
  };
}

function unavailableDigests(why: string): Digests {
  const fail = async (): Promise<never> => {
    throw new UserError('DIGESTS_UNAVAILABLE', `Digests are not available: ${why}.`);
  };
  const service: DigestService = {
    subscribe: fail,
    unsubscribe: fail,
    find: async () => undefined,
    list: fail,
    preview: fail,
    runNow: fail,
  };
  return {
    service,
    start: async () => undefined,
    runSchedule: fail,
    stop: async () => undefined,
    forgetWorkspace: async () => 0,
  };
}
