import type { Logger } from 'pino';
import { allCommands } from '../../commands/index.js';
import type { Adapter } from '../adapters/adapter.js';
import { loadConfig, type Config } from '../config/index.js';
import { Bot } from '../core/bot.js';
import type { CommandDef } from '../core/command.js';
import type { Platform } from '../core/invocation.js';
import type { Services } from '../core/services.js';
import { createLogger, silentLogger } from '../log.js';
import type { ArticleStore } from '../store/article-store.js';
import { ONE_SHOT_CONNECT, openStore } from '../store/open-store.js';
import { ingestPaths, type IngestDeps, type IngestReport } from '../store/ingest/ingest.js';
import { adaptiveAnalyzer } from '../store/ingest/adaptive-analyzer.js';
import { analyze } from '../text/analyze.js';
import { createAnswerer, createBriefer, createCast } from '../text/index.js';
import type { LlmDeps } from '../llm/index.js';
import { createDigests, type Digests } from '../digest/index.js';
import type { ChatStore } from '../chat-store/chat-store.js';
import { openChatStore } from '../chat-store/open-chat-store.js';
import { createFeeds, type Feeds, type PollReport } from '../feeds/index.js';
import type { Feed } from '../feeds/types.js';
import { openStories } from '../stories/open-stories.js';

/** The running parts every door shares: config, store, services and the bot. */
export interface App {
  config: Config;
  logger: Logger;
  store: ArticleStore;
  services: Services;
  bot: Bot;
  /** Where digests are posted: one adapter per platform, filled in as doors start. */
  adapters: Map<Exclude<Platform, 'cli'>, Adapter>;
  digests: Digests;
  /** Thread topics, shares, claims and Slack installations, in the store's database. */
  chat: ChatStore;
  /** Feed polling (started by the bot only) and management; absent for a store without feed tables. */
  feeds?: Feeds;
  ingest(paths: string[], onProgress?: IngestDeps['onProgress']): Promise<IngestReport>;
  close(): Promise<void>;
}

/**
 * Articles per store transaction for `briefbot ingest`: larger transactions write fewer, larger
 * FTS5 segments (about a quarter less write CPU than the default 200, measured at 8,000 articles).
 * The running bot keeps the default, because a transaction runs on its event loop and holds chat.
 */
const CLI_BATCH = 1000;

export interface OpenAppOptions {
  role: 'bot' | 'cli' | 'test';
  /** The validated configuration, when the caller has loaded it already (main.ts); otherwise loaded here from `env` and `storePath`. */
  config?: Config;
  /** Overrides the configured SQLite path (CLI --store, tests). */
  storePath?: string;
  env?: NodeJS.ProcessEnv;
  logger?: Logger;
  clock?: () => Date;
  extraCommands?: CommandDef<any>[];
  /** Observers for metrics; absent in the CLI. */
  metrics?: LlmDeps['metrics'];
  onDigestOutcome?: (event: { subscriptionId: string; state: string; attempts: number }) => void;
  /** Called after each feed poll (metrics). */
  onFeedPoll?: (report: PollReport, feed: Feed) => void;
}

/** The composition root shared by the bot, the CLI and the tests: config → store → services → bot. */
export async function openApp(opts: OpenAppOptions): Promise<App> {
  const env = opts.env ?? process.env;
  const config = opts.config ?? loadConfig({ env, argvOverrides: { 'store.path': opts.storePath } });
  const logger =
    opts.logger ??
    (opts.role === 'test'
      ? silentLogger()
      : createLogger({ level: env.LOG_LEVEL ? config.log.level : 'warn', destination: 2 }));
  const clock = opts.clock ?? (() => new Date());
  // A one-shot command gives up on an unreachable database within seconds, with one message (its
  // retries are logged only when LOG_LEVEL asks); the bot keeps trying, and says so in its log.
  const oneShot = opts.role === 'cli';
  const storeLogger = oneShot && !env.LOG_LEVEL ? logger.child({}, { level: 'error' }) : logger;
  const store = await openStore({
    path: config.store.path,
    databaseUrl: config.store.databaseUrl,
    logger: storeLogger,
    ...(oneShot ? ONE_SHOT_CONNECT : {}),
  });

  const stories = openStories(store);
  const extractive = { answerer: createAnswerer(store), briefer: createBriefer(store, { stories }) };
  // The LLM path (and the openai SDK, ~150 modules) loads only when a server is configured: an
  // offline bot starts without it.
  const llmPath = config.llm.apiKey?.trim() || config.llm.baseUrl?.trim() ? await import('../llm/index.js') : undefined;
  const llm = llmPath?.createLlm(config.llm, { logger, clock, metrics: opts.metrics });
  const answerer = llm ? createAnswerer(store, { llm }) : extractive.answerer;
  const briefer = llm ? llmPath!.createLlmBriefer(llm, { store, fallback: extractive.briefer }) : extractive.briefer;
  // Digests and /brief's top stories share one writer, so a story's headline is asked for once.
  const headlines =
    llm &&
    llmPath!.createHeadlineWriter(llm, { clock, logger, ttlMs: llmPath!.resolveLlmConfig(config.llm).cacheTtlMs });

  const adapters = new Map<Exclude<Platform, 'cli'>, Adapter>();
  const feeds = await createFeeds({ store, config, analyze, clock, logger, onPoll: opts.onFeedPoll });
  const digests = await createDigests({
    store,
    config: config.digest,
    adapters,
    logger,
    clock,
    briefer,
    stories,
    onOutcome: opts.onDigestOutcome,
    feeds: feeds?.service,
    headlines,
  });
  const chat = await openChatStore(store, { now: () => clock().getTime() });
  const services: Services = {
    store,
    answerer,
    briefer,
    cast: createCast(store),
    digests: digests.service,
    feeds: feeds?.service,
    stories,
    llm,
    headlines,
    clock,
    logger,
    admins: config.admins,
    threads: chat.threads,
  };
  const bot = new Bot([...allCommands, ...(opts.extraCommands ?? [])], services, logger);
  return {
    config,
    logger,
    store,
    services,
    bot,
    adapters,
    digests,
    chat,
    feeds,
    async ingest(paths, onProgress) {
      // Large runs (bulk JSON Lines) analyse in worker threads; a few dropped files stay inline.
      const analyzer = adaptiveAnalyzer(analyze);
      try {
        // Each batch is grouped into stories right after it is written, so stories are current when ingest returns.
        return await ingestPaths(paths, {
          store,
          analyze: analyzer.analyze,
          onProgress,
          batchSize: opts.role === 'cli' ? CLI_BATCH : undefined,
          afterBatch: () => stories?.catchUp() ?? Promise.resolve(),
        });
      } finally {
        await analyzer.close();
      }
    },
    async close() {
      await feeds?.stop();
      await digests.stop();
      await store.close();
    },
  };
}
