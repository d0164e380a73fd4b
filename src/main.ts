import { fileURLToPath } from 'node:url';
import type { Adapter } from './adapters/adapter.js';
import { openApp, type App } from './app/open-app.js';
import { configuredAdapters, stdinCanChat } from './app/start-adapters.js';
import { discordEnabled, loadConfig, slackEnabled, type Config } from './config/index.js';
import { startOpsServer } from './http/ops-server.js';
import { Readiness } from './http/readiness.js';
import { createLogger } from './log.js';
import { createMetrics } from './metrics.js';
import { installShutdown, InFlight, standardShutdownSteps, trackedBot } from './shutdown.js';
import { reportStartupFailure } from './startup-failure.js';
import { loadDotEnv } from './config/dotenv.js';
import { storeReadiness } from './store/open-store.js';
import { watchFolder, type FolderWatcher } from './store/ingest/watch.js';
import { removeFilesArticles } from './store/ingest/watch-ingest.js';

/** The chat takes the terminal; logs then go to stderr, quieter, so they don't interleave with it. */
/** The console door will open (a terminal or a pipe feeds it): logs then go to stderr, off the chat. */
function consoleChatMode(config: Config): boolean {
  return !slackEnabled(config) && !discordEnabled(config) && stdinCanChat();
}

/** Composition root: config → logger, metrics, ops server → store, services, bot → adapters → ingest, digests → shutdown. */
export async function main(): Promise<void> {
  let logger = createLogger();
  try {
    // .env first (the environment wins over it), so its values are validated with the rest.
    loadDotEnv();
    const config = loadConfig();
    const chat = consoleChatMode(config);
    const pretty = config.log.format === 'pretty' || (config.log.format === 'auto' && Boolean(process.stdout.isTTY));
    logger = createLogger({
      level: chat && !process.env.LOG_LEVEL ? 'warn' : config.log.level,
      pretty,
      destination: chat ? 2 : 1,
    });
    const metrics = createMetrics();
    const readiness = new Readiness();
    readiness.set('startup', 'starting');
    const ops = await startOpsServer({ port: config.http.port, host: config.http.host, metrics, readiness, logger });

    const app = await openApp({
      role: 'bot',
      config,
      logger,
      metrics,
      onDigestOutcome: (e) => metrics.digestRun(e.state),
      onFeedPoll: (report) => metrics.feedPolled(report),
    });
    readiness.addCheck('store', () => storeReadiness(app.store));
    if (!app.services.llm) logger.info('offline: no LLM configured, summaries and answers are extractive');
    else logger.info({ llm: app.services.llm.describe() }, 'LLM path enabled, with extractive fallback');

    const inFlight = new InFlight();
    app.bot.observe(metrics.commandObserved);
    const bot = trackedBot(app.bot, inFlight);
    const adapters: Adapter[] = [];
    let watcher: FolderWatcher | undefined;
    // Installed before any door opens, so a signal (or the console chat ending) during start-up
    // still shuts down in order; the steps read `adapters` and `watcher` when they run.
    const shutdown = installShutdown({
      steps: standardShutdownSteps({
        readiness,
        inFlight,
        stopIntake: [() => watcher?.close(), () => app.digests.stop(), () => app.feeds?.stop()],
        adapters,
        store: app.store,
        opsServer: ops,
        logger,
      }),
      deadlineMs: config.shutdown.deadlineMs,
      logger,
    });

    // The folder is read before any door opens, so the first question already sees its articles.
    watcher = await startIngest(app, config, metrics.ingested);

    const doors = await configuredAdapters(config, logger, {
      banner: () => banner(app),
      onQuit: () => void shutdown.shutdown('console chat closed'),
      chat: app.chat,
      inFlight,
      onWorkspaceRemoved: (workspace) => app.digests.forgetWorkspace('slack', workspace),
    });
    for (const adapter of doors) {
      await adapter.start(bot);
      adapters.push(adapter);
      app.adapters.set(adapter.platform, adapter);
      readiness.addAdapter(adapter);
      logger.info({ platform: adapter.platform }, 'adapter started');
    }

    await app.digests.start();
    await app.feeds?.start();
    readiness.set('startup');
    logger.info({ store: app.store.location, adapters: adapters.map((a) => a.platform) }, 'ready');
  } catch (e) {
    reportStartupFailure(e, { logger });
  }
}

async function banner(app: App): Promise<string> {
  // Only the count: stats() scans millions of sentence rows at 100,000 articles, which start-up should not wait for.
  const articles = await app.store.articleCount();
  const llm = app.services.llm ? app.services.llm.describe() : 'offline (extractive summaries)';
  return `briefbot — store ${app.store.location}: ${articles} article${articles === 1 ? '' : 's'}. Summaries: ${llm}.`;
}

/** Ingests the articles folder (new or changed files only cost a hash check) and watches it for drops. */
async function startIngest(
  app: App,
  config: Config,
  count: (status: string, n?: number) => void,
): Promise<FolderWatcher | undefined> {
  const dir = config.store.articlesDir;
  const ingest = async (paths: string[]) => {
    const report = await app.ingest(paths);
    count('added', report.added);
    count('updated', report.updated);
    count('skipped', report.skipped.length);
    if (report.added || report.updated)
      app.logger.info({ added: report.added, updated: report.updated, skipped: report.skipped.length }, 'ingested');
    for (const s of report.skipped.filter((x) => !/^duplicate/.test(x.reason)))
      app.logger.warn({ origin: s.origin, reason: s.reason }, 'skipped');
    // What was cut or left out of a stored article (not prose, too long, hidden text).
    for (const n of report.notes) app.logger.info({ origin: n.origin, note: n.note }, 'ingest note');
  };
  try {
    await ingest([dir]);
  } catch (e) {
    app.logger.warn({ err: e, dir }, 'could not ingest the articles folder');
  }
  if (!config.store.watch) return undefined;
  // A file deleted from the folder takes its articles out of the store.
  const removed = async (paths: string[]) => {
    const ids = await removeFilesArticles(app.store, paths);
    if (ids.length)
      app.logger.info({ files: paths.length, removed: ids.length }, 'removed the articles of deleted files');
  };
  return watchFolder(dir, ingest, {
    onError: (err) => app.logger.warn({ err, dir }, 'watcher error'),
    onRemoved: removed,
  }).catch((err: unknown) => {
    app.logger.warn({ err, dir }, 'cannot watch the articles folder; dropped files need a restart or briefbot ingest');
    return undefined;
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) void main();
