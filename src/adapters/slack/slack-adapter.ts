import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, SocketModeReceiver } from '@slack/bolt';
import type { BotPort } from '../../core/bot.js';
import type { ChannelRef } from '../../core/invocation.js';
import type { Reply } from '../../core/reply.js';
import type { Adapter, Delivery, PostOptions } from '../adapter.js';
import { normalizeApiUrl, type SlackAdapterConfig } from './config.js';
import { guardTimestampWindow } from './http-guard.js';
import { findDigestMarker, postReply } from './post.js';
import { registerShareAction } from './share-action.js';
import { ShareCache } from './share-cache.js';
import { toSlackLogger } from './slack-logger.js';
import { registerSlashCommands } from './slash-commands.js';
import { createWebClient, slackClientOptions, type WebClient } from './web-client.js';

/** The Slack door; `mode` and `port` are exposed for the operator's log line and for tests. */
export interface SlackAdapter extends Adapter {
  readonly platform: 'slack';
  readonly mode: 'socket' | 'http';
  /** HTTP mode: the port actually bound (useful with PORT=0). */
  readonly port: number | undefined;
}

/**
 * Builds the Slack adapter: Socket Mode when an app token is configured, otherwise Bolt's
 * HTTPReceiver on PORT at /slack/events. The settings come validated from the config layer.
 */
export function createSlackAdapter(config: SlackAdapterConfig): SlackAdapter {
  const logger = config.logger.child({ adapter: 'slack' });
  const mode: 'socket' | 'http' = config.appToken ? 'socket' : 'http';
  const client: WebClient = createWebClient(config.botToken, config.apiUrl, logger);
  const shares = new ShareCache();
  const inflight = new Set<Promise<unknown>>();
  let app: App | undefined;
  let socketReceiver: SocketModeReceiver | undefined;
  let server: Server | undefined;
  let connected = false;
  let stopping = false;
  let stopped: Promise<void> | undefined;
  let botUserId: string | undefined;

  const track = (work: Promise<unknown>) => {
    const settled = work.catch(() => undefined);
    inflight.add(settled);
    void settled.finally(() => inflight.delete(settled));
  };

  async function verifyToken(): Promise<{ botId?: string; userId?: string }> {
    try {
      const auth = await client.auth.test();
      return { botId: auth.bot_id, userId: auth.user_id };
    } catch (e) {
      const code = (e as { data?: { error?: string } }).data?.error ?? (e as Error).message;
      throw new Error(`SLACK_BOT_TOKEN was rejected by Slack (${code}). Copy the Bot User OAuth Token (xoxb-…) from "OAuth & Permissions" and reinstall the app if it was revoked.`);
    }
  }

  function buildReceiver() {
    const slackLogger = toSlackLogger(logger.child({ component: 'bolt' }));
    if (mode === 'socket') {
      socketReceiver = new SocketModeReceiver({
        appToken: config.appToken!,
        logger: slackLogger,
        // Pong deadline, and the reconnect delay (times the failure count).
        clientPingTimeout: config.socketPingTimeoutMs ?? 5000,
        // Only the base URL and a timeout: the socket client keeps its own retry policy for
        // apps.connections.open (many quick retries), which is what makes reconnection survive a
        // network blip. Posts never go through this client.
        installerOptions: { clientOptions: { slackApiUrl: normalizeApiUrl(config.apiUrl), timeout: 15_000 } },
      });
      const sm = socketReceiver.client;
      sm.on('connected', () => {
        connected = true;
        logger.info('slack socket mode connected');
      });
      for (const state of ['disconnected', 'reconnecting', 'disconnecting']) {
        sm.on(state, () => {
          if (connected) logger.warn({ state }, 'slack socket mode connection lost');
          connected = false;
        });
      }
      return socketReceiver;
    }
    return new HTTPReceiver({ signingSecret: config.signingSecret!, endpoints: '/slack/events', logger: slackLogger, port: config.port ?? 3000 });
  }

  const adapter: SlackAdapter = {
    platform: 'slack',
    mode,
    get port() {
      return (server?.address() as AddressInfo | null)?.port;
    },

    async start(bot: BotPort) {
      if (app) throw new Error('the Slack adapter is already started');
      const ids = await verifyToken();
      botUserId = ids.userId;
      const receiver = buildReceiver();
      app = new App({
        token: config.botToken,
        botId: ids.botId,
        botUserId: ids.userId,
        receiver,
        socketMode: mode === 'socket',
        // No conversation state: commands are stateless, and Bolt's default store would keep every channel in memory.
        convoStore: false,
        logger: toSlackLogger(logger.child({ component: 'bolt' })),
        clientOptions: slackClientOptions(config.apiUrl, logger),
      });
      app.error(async (err) => {
        logger.error({ err }, 'slack handler failed');
      });
      const ctx = { bot, client, admins: config.admins, logger, shares, ackBudgetMs: config.ackBudgetMs ?? 2000, track, isStopping: () => stopping };
      registerSlashCommands(app, ctx);
      registerShareAction(app, ctx);
      if (mode === 'socket') {
        try {
          await app.start();
        } catch (e) {
          const code = (e as { data?: { error?: string } }).data?.error ?? (e as Error).message;
          throw new Error(`SLACK_APP_TOKEN could not open a Socket Mode connection (${code}). Create an app-level token with the connections:write scope under "Basic Information".`);
        }
      } else {
        const listen = config.host ? { port: config.port ?? 3000, host: config.host } : (config.port ?? 3000);
        try {
          server = (await app.start(listen as number)) as Server;
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
          throw new Error(`The Slack HTTP receiver could not listen on PORT ${config.port ?? 3000} (${code}). Set PORT to a free port.`);
        }
        guardTimestampWindow(server, logger);
        connected = true;
        logger.info({ port: adapter.port }, 'slack http receiver listening on /slack/events');
      }
      logger.info({ mode, botUserId }, 'slack adapter started');
    },

    stop() {
      stopped ??= (async () => {
        // New commands from here on are told to try again; running ones finish (their acks and
        // follow-ups still need the socket), then the receiver closes.
        stopping = true;
        while (inflight.size) await Promise.allSettled([...inflight]);
        if (app) await app.stop().catch((e: Error) => logger.warn({ err: e.message }, 'slack receiver stop failed'));
        connected = false;
        logger.info('slack adapter stopped');
      })();
      return stopped;
    },

    isConnected: () => connected && !stopping,

    post(channel: ChannelRef, reply: Reply, opts?: PostOptions): Promise<Delivery> {
      return postReply(client, channel, reply, opts, logger);
    },

    findMarker(channel: ChannelRef, marker: string) {
      return findDigestMarker(client, channel, marker, logger);
    },
  };
  return adapter;
}
