import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver } from '@slack/bolt';
import { memoryChatStore } from '../../chat-store/open-chat-store.js';
import type { BotPort } from '../../core/bot.js';
import type { ChannelRef } from '../../core/invocation.js';
import type { Reply } from '../../core/reply.js';
import { InFlight } from '../../in-flight.js';
import type { Adapter, Delivery, PostOptions } from '../adapter.js';
import type { SlackAdapterConfig } from './config.js';
import type { SlackContext } from './context.js';
import { registerConversations } from './conversations.js';
import { guardTimestampWindow } from './http-guard.js';
import { SealedInstallationStore } from './oauth/installation-store.js';
import { TokenCipher } from './oauth/token-cipher.js';
import { registerUninstall } from './oauth/uninstall.js';
import { findDigestMarker, postReply } from './post.js';
import { buildReceiver } from './receiver.js';
import { registerShareAction } from './share-action.js';
import { toSlackLogger } from './slack-logger.js';
import { registerSlashCommands } from './slash-commands.js';
import { createWebClient, slackClientOptions } from './web-client.js';
import { multiWorkspace, singleWorkspace, type Workspaces } from './workspaces.js';

/** The Slack door; `mode` and `port` are exposed for the operator's log line and for tests. */
export interface SlackAdapter extends Adapter {
  readonly platform: 'slack';
  readonly mode: 'socket' | 'http';
  /** HTTP mode: the port actually bound (useful with PORT=0). */
  readonly port: number | undefined;
}

/** How long stop() waits for owed work; the process's shutdown deadline is the real bound. */
const DRAIN_MS = 10 * 60_000;

/**
 * Builds the Slack adapter: Socket Mode when an app token is configured, otherwise Bolt's
 * HTTPReceiver on PORT at /slack/events. One workspace with a bot token, or every workspace that
 * installs the app through Bolt's OAuth installer. The settings come validated from the config layer.
 */
export function createSlackAdapter(config: SlackAdapterConfig): SlackAdapter {
  const logger = config.logger.child({ adapter: 'slack' });
  const mode: 'socket' | 'http' = config.appToken ? 'socket' : 'http';
  if (!config.botToken === !config.oauth)
    throw new Error('the Slack adapter needs either a bot token or OAuth settings');
  if (config.oauth && mode === 'socket') throw new Error('installing into several Slack workspaces needs HTTP mode');
  const chat = config.chat ?? memoryChatStore();
  const inFlight = config.inFlight ?? new InFlight();
  const installations = config.oauth
    ? new SealedInstallationStore(chat.installations, new TokenCipher(config.oauth.tokenKey))
    : undefined;
  let app: App | undefined;
  let server: Server | undefined;
  let connected = false;
  let stopped: Promise<void> | undefined;
  const receiver = buildReceiver(config, logger, installations, {
    onConnected: () => {
      connected = true;
      logger.info('slack socket mode connected');
    },
    onLost: (state) => {
      if (connected) logger.warn({ state }, 'slack socket mode connection lost');
      connected = false;
    },
  });
  // Ready before start(): digests may be posted as soon as the adapter exists.
  const workspaces: Workspaces = config.botToken
    ? singleWorkspace(createWebClient(config.botToken, config.apiUrl, logger), config.admins)
    : multiWorkspace({
        installations: installations!,
        // The receiver built the installer from the OAuth settings; Bolt authorizes every request through it too.
        authorize: (s) => (receiver as HTTPReceiver).installer!.authorize(s),
        admins: config.admins,
        apiUrl: config.apiUrl,
        logger,
      });

  async function verifyToken(token: string): Promise<{ botId?: string; userId?: string }> {
    try {
      const auth = await createWebClient(token, config.apiUrl, logger).auth.test();
      return { botId: auth.bot_id, userId: auth.user_id };
    } catch (e) {
      const code = (e as { data?: { error?: string } }).data?.error ?? (e as Error).message;
      throw new Error(
        `SLACK_BOT_TOKEN was rejected by Slack (${code}). Copy the Bot User OAuth Token (xoxb-…) from "OAuth & Permissions" and reinstall the app if it was revoked.`,
      );
    }
  }

  const adapter: SlackAdapter = {
    platform: 'slack',
    mode,
    get port() {
      return (server?.address() as AddressInfo | null)?.port;
    },

    async start(bot: BotPort) {
      if (app) throw new Error('the Slack adapter is already started');
      const common = {
        receiver,
        socketMode: mode === 'socket',
        // No conversation state in Bolt: threads are kept in the store, and Bolt's default would keep every channel in memory.
        convoStore: false as const,
        logger: toSlackLogger(logger.child({ component: 'bolt' })),
        clientOptions: slackClientOptions(config.apiUrl, logger),
      };
      if (config.botToken) {
        const ids = await verifyToken(config.botToken);
        app = new App({ ...common, token: config.botToken, botId: ids.botId, botUserId: ids.userId });
      } else {
        app = new App(common);
      }
      app.error(async (err) => {
        logger.error({ err }, 'slack handler failed');
      });
      const ctx: SlackContext = { bot, logger, chat, workspaces, inFlight, ackBudgetMs: config.ackBudgetMs ?? 2000 };
      registerSlashCommands(app, ctx);
      registerShareAction(app, ctx);
      registerConversations(app, ctx);
      registerUninstall(app, { workspaces, logger, onWorkspaceRemoved: config.onWorkspaceRemoved });
      if (mode === 'socket') {
        try {
          await app.start();
        } catch (e) {
          const code = (e as { data?: { error?: string } }).data?.error ?? (e as Error).message;
          throw new Error(
            `SLACK_APP_TOKEN could not open a Socket Mode connection (${code}). Create an app-level token with the connections:write scope under "Basic Information".`,
          );
        }
      } else {
        const listen = config.host ? { port: config.port ?? 3000, host: config.host } : (config.port ?? 3000);
        try {
          server = (await app.start(listen as number)) as Server;
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
          throw new Error(
            `The Slack HTTP receiver could not listen on PORT ${config.port ?? 3000} (${code}). Set PORT to a free port.`,
          );
        }
        guardTimestampWindow(server, logger);
        connected = true;
        logger.info(
          { port: adapter.port, install: config.oauth ? '/slack/install' : undefined },
          'slack http receiver listening on /slack/events',
        );
      }
      logger.info({ mode, workspaces: workspaces.multi ? 'several (OAuth)' : 'one' }, 'slack adapter started');
    },

    stop() {
      stopped ??= (async () => {
        // New commands from here on are told to try again; running ones finish (their acks and
        // follow-ups still need the connection), then the receiver closes.
        inFlight.close();
        await inFlight.drain(DRAIN_MS);
        if (app) await app.stop().catch((e: Error) => logger.warn({ err: e.message }, 'slack receiver stop failed'));
        connected = false;
        logger.info('slack adapter stopped');
      })();
      return stopped;
    },

    isConnected: () => connected && inFlight.accepting,

    async post(channel: ChannelRef, reply: Reply, opts?: PostOptions): Promise<Delivery> {
      return postReply(await workspaces.client(channel.workspace), channel, reply, opts, logger);
    },

    async findMarker(channel: ChannelRef, marker: string) {
      return findDigestMarker(await workspaces.client(channel.workspace), channel, marker, logger);
    },
  };
  return adapter;
}
