import type { Adapter } from '../../../src/adapters/adapter.js';
import digestCommand from '../../../commands/digest.js';
import { Bot } from '../../../src/core/bot.js';
import { isUserError } from '../../../src/core/errors.js';
import type { ChannelRef, Invocation, Platform } from '../../../src/core/invocation.js';
import { replyToPlainText, textReply, type Reply } from '../../../src/core/reply.js';
import type { Services } from '../../../src/core/services.js';
import { StoreArticleSource } from '../../../src/digest/article-source.js';
import { DefaultDigestService } from '../../../src/digest/digest-service.js';
import { DigestRunner, type DigestRunnerConfig } from '../../../src/digest/runner.js';
import { DigestScheduler } from '../../../src/digest/scheduler.js';
import { SqliteDigestRepository } from '../../../src/digest/sqlite/sqlite-digest-repository.js';
import { silentLogger } from '../../../src/log.js';
import { FIXTURE_ARTICLES, ingest, tempStore, TestClock, type TempStore } from './digest-fixture.js';

export interface DigestHarness {
  clock: TestClock;
  tmp: TempStore;
  repo: SqliteDigestRepository;
  runner: DigestRunner;
  scheduler: DigestScheduler;
  service: DefaultDigestService;
  adapters: Map<Platform, Adapter>;
  bot: Bot;
  /** Runs "/digest <text>" as a user in a channel, through the bot's own parsing and dispatch. */
  digest(
    text: string,
    as?: { user?: string; admin?: boolean; channel?: ChannelRef },
  ): Promise<Reply & { plain: string }>;
  close(): Promise<void>;
}

export const ADMIN = 'U-ADMIN';
export const SLACK_CHANNEL: ChannelRef = { platform: 'slack', id: 'C-NEWS', workspace: 'T1' };

const unused = (name: string) =>
  new Proxy({}, { get: () => () => Promise.reject(new Error(`${name} is not part of the digest tests`)) }) as never;

/**
 * The digest parts as the composition root wires them (real SQLite store, repository, runner,
 * scheduler, service, the real /digest command in the real Bot), with a settable clock.
 */
export async function makeDigestHarness(
  opts: {
    start?: string;
    config?: Partial<DigestRunnerConfig>;
    minIntervalMinutes?: number;
    articles?: boolean;
    systemClock?: boolean;
  } = {},
): Promise<DigestHarness> {
  const clock = new TestClock(new Date(opts.start ?? '2026-03-02T12:00:00Z'), opts.systemClock);
  const tmp = await tempStore(clock.now);
  if (opts.articles !== false) for (const a of FIXTURE_ARTICLES) await ingest(tmp.store, a);
  const repo = await SqliteDigestRepository.open(tmp.store);
  const adapters = new Map<Platform, Adapter>();
  const logger = silentLogger();
  const runner = new DigestRunner({
    repo,
    adapters,
    source: new StoreArticleSource(tmp.store),
    clock: clock.now,
    logger,
    config: opts.config,
  });
  const scheduler = new DigestScheduler({ repo, runner, clock: clock.now, logger, singleNode: true });
  const service = new DefaultDigestService({
    repo,
    runner,
    clock: clock.now,
    scheduler,
    minIntervalMinutes: opts.minIntervalMinutes,
  });
  const services: Services = {
    store: tmp.store,
    answerer: unused('answerer'),
    briefer: unused('briefer'),
    cast: unused('cast'),
    digests: service,
    clock: clock.now,
    logger,
    admins: [ADMIN],
  };
  const bot = new Bot([digestCommand], services, logger);
  return {
    clock,
    tmp,
    repo,
    runner,
    scheduler,
    service,
    adapters,
    bot,
    async digest(text, as = {}) {
      const channel = as.channel ?? SLACK_CHANNEL;
      let parsed: ReturnType<Bot['parseText']>;
      try {
        parsed = bot.parseText('digest', text);
      } catch (e) {
        // Adapters turn parse errors into replies the same way.
        if (!isUserError(e)) throw e;
        const r = textReply(e.message, { errorCode: e.code });
        return { ...r, plain: replyToPlainText(r) };
      }
      const inv: Invocation = {
        platform: channel.platform,
        command: 'digest',
        subcommand: parsed.subcommand,
        options: parsed.options,
        user: { id: as.user ?? ADMIN, isAdmin: as.admin ?? (as.user === undefined || as.user === ADMIN) },
        channel,
      };
      const r = await bot.dispatch(inv);
      return { ...r, plain: replyToPlainText(r) };
    },
    async close() {
      await scheduler.stop();
      await tmp.cleanup();
    },
  };
}
