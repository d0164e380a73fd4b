/**
 * The Discord door. Over the gateway: a discord.js Client with the Guilds, GuildMessages and
 * DirectMessages intents (none privileged: Discord still sends the text of messages that mention
 * the bot and of DMs), answering slash commands, autocomplete, buttons, mentions and DMs. Over
 * HTTP: POST /discord/interactions, verified with DISCORD_PUBLIC_KEY, with no gateway connection
 * at all in `http` mode. REST goes to DISCORD_API_URL when set, and the gateway address comes from
 * its GET /gateway/bot, so a REST proxy (or the test stand-in) sees everything.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  Client,
  Events,
  GatewayDispatchEvents,
  GatewayIntentBits,
  REST,
  type APIInteraction,
  type GatewayMessageCreateDispatchData,
} from 'discord.js';
import type { Logger } from 'pino';
import { claimOrAnswerAnyway, type ChatStore } from '../../chat-store/chat-store.js';
import { memoryChatStore } from '../../chat-store/open-chat-store.js';
import type { BotPort } from '../../core/bot.js';
import type { ChannelRef } from '../../core/invocation.js';
import type { Reply } from '../../core/reply.js';
import { InFlight } from '../../in-flight.js';
import type { Adapter, Delivery, PostOptions } from '../adapter.js';
import { DeliveryError } from '../delivery-error.js';
import { answerInteraction, type AnswerContext } from './answer.js';
import { findMarkerIn, postMessages } from './delivery.js';
import { httpInteractions, INTERACTIONS_PATH } from './http-interactions.js';
import { addressedToBot, answerMessage, type MessageContext } from './messages.js';
import { renderReply } from './render.js';
import { callbackResponder } from './responder.js';

/** The Discord door's settings, as src/config/schema.ts has validated them (token without "Bot "). */
export interface DiscordAdapterConfig {
  token: string;
  appId: string;
  /** REST base without version (DISCORD_API_URL); defaults to https://discord.com/api. */
  apiUrl?: string;
  guildId?: string;
  /** User ids with admin rights everywhere, in addition to guild permissions. */
  admins: readonly string[];
  logger: Logger;
  /** REST request timeout; a digest post that takes longer is retried by the ledger. */
  restTimeoutMs?: number;
  /** gateway (default), http (interactions over HTTP only, no gateway), or both. */
  mode?: 'gateway' | 'http' | 'both';
  /** DISCORD_PUBLIC_KEY: verifies HTTP interactions; needed for `http` and `both`. */
  publicKey?: string;
  /**
   * Where POST /discord/interactions listens: its own server on this port (PORT), or `shared` when
   * another server (Slack's HTTP receiver) mounts `interactionsRoute` instead.
   */
  http?: { port: number; host?: string } | 'shared';
  /** Claims (one replica answers each interaction), thread topics; a private in-memory one when absent. */
  chat?: ChatStore;
  /** Work this door owes; the process's own in the bot, so shutdown waits for it. */
  inFlight?: InFlight;
}

/** @discordjs/rest appends the version itself, so "…/api/v10/" and "…/api" mean the same base. */
export function normaliseApiUrl(url: string): string {
  return url.replace(/\/+$/, '').replace(/\/v\d+$/, '');
}

/** A REST client for the same API base, e.g. for `briefbot discord-register`. */
export function createDiscordRest(cfg: Pick<DiscordAdapterConfig, 'token' | 'apiUrl' | 'restTimeoutMs'>): REST {
  return new REST({
    version: '10',
    ...(cfg.apiUrl ? { api: normaliseApiUrl(cfg.apiUrl) } : {}),
    timeout: cfg.restTimeoutMs ?? 15_000,
  }).setToken(cfg.token);
}

/** The Discord adapter, plus what its tests, the readiness probe and a shared HTTP server can use. */
export interface DiscordAdapter extends Adapter {
  readonly platform: 'discord';
  /** Resolves once every interaction and message received so far has been fully answered. */
  settled(): Promise<void>;
  /** The underlying client, for diagnostics. */
  readonly client: Client;
  /** POST /discord/interactions, to mount on a server this adapter does not own. */
  readonly interactionsRoute: {
    path: string;
    method: 'POST';
    handler(req: IncomingMessage, res: ServerResponse): void;
  };
  /** The port of its own interactions server, when it runs one (useful with port 0). */
  readonly port: number | undefined;
}

const DRAIN_MS = 10 * 60_000;

export function createDiscordAdapter(cfg: DiscordAdapterConfig): DiscordAdapter {
  const log = cfg.logger.child({ adapter: 'discord' });
  const mode = cfg.mode ?? 'gateway';
  const useGateway = mode !== 'http';
  if (mode !== 'gateway' && !cfg.publicKey) throw new Error(`DISCORD_MODE=${mode} needs DISCORD_PUBLIC_KEY`);
  const client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages],
    // Default for anything discord.js sends; every payload also says so explicitly.
    allowedMentions: { parse: [] },
    rest: { ...(cfg.apiUrl ? { api: normaliseApiUrl(cfg.apiUrl) } : {}), timeout: cfg.restTimeoutMs ?? 15_000 },
  });
  // Digests, follow-ups and HTTP interactions use REST without (or before) a gateway connection.
  client.rest.setToken(cfg.token);
  const chat = cfg.chat ?? memoryChatStore();
  const inFlight = cfg.inFlight ?? new InFlight();
  // Only this adapter's own work, for settled(): the InFlight may be shared with the rest of the process.
  const mine = new Set<Promise<unknown>>();
  let answering: AnswerContext | undefined;
  let server: Server | undefined;
  let started = false;
  let stopped: Promise<void> | undefined;

  const track = (work: Promise<unknown>) => {
    const settled = inFlight.track(work).catch((err: unknown) => log.error({ err }, 'discord handler failed'));
    mine.add(settled);
    void settled.finally(() => mine.delete(settled));
  };

  /**
   * With several replicas on one database every gateway session receives every event; the first
   * replica to claim its id answers it. If the store cannot be reached, the event is answered
   * anyway: Discord accepts only one initial response per interaction, and silence is worse.
   */
  function claimed(kind: string, id: string): Promise<boolean> {
    return claimOrAnswerAnyway(chat.claims, `discord:${kind}:${id}`, (err) =>
      log.warn({ err, kind, id }, 'discord: could not claim; answering anyway'),
    );
  }

  function onDispatch(bot: BotPort, packet: { t?: string | null; d?: unknown }): void {
    if (!answering) return;
    const ctx = answering;
    if (packet.t === GatewayDispatchEvents.InteractionCreate) {
      const i = packet.d as APIInteraction;
      track(
        (async () => {
          if (await claimed('interaction', i.id))
            await answerInteraction(ctx, i, callbackResponder(client.rest, i), inFlight.accepting);
        })(),
      );
    } else if (packet.t === GatewayDispatchEvents.MessageCreate) {
      const m = packet.d as GatewayMessageCreateDispatchData;
      const botUserId = client.user?.id ?? cfg.appId;
      if (!addressedToBot(m, botUserId)) return;
      const mctx: MessageContext = {
        bot,
        client,
        chat,
        admins: cfg.admins,
        logger: log,
        botUserId: () => botUserId,
        accepting: () => inFlight.accepting,
      };
      track(
        (async () => {
          if (await claimed('message', m.id)) await answerMessage(mctx, m);
        })(),
      );
    }
  }

  const interactionsHandler = cfg.publicKey
    ? httpInteractions({
        publicKey: cfg.publicKey,
        rest: client.rest,
        logger: log,
        context: () => answering,
        track,
        accepting: () => inFlight.accepting,
      })
    : (_req: IncomingMessage, res: ServerResponse) => void res.writeHead(404).end();

  async function listen(http: { port: number; host?: string }): Promise<void> {
    server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (path === INTERACTIONS_PATH) interactionsHandler(req, res);
      else res.writeHead(404).end();
    });
    try {
      await new Promise<void>((resolve, reject) => {
        server!.once('error', reject);
        server!.listen(http.port, http.host, () => resolve());
      });
    } catch (e) {
      throw new Error(
        `The Discord interactions endpoint could not listen on PORT ${http.port} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}). Set PORT to a free port.`,
      );
    }
  }

  return {
    platform: 'discord',
    client,
    interactionsRoute: { path: INTERACTIONS_PATH, method: 'POST', handler: interactionsHandler },
    get port() {
      return (server?.address() as AddressInfo | null)?.port;
    },

    async settled(): Promise<void> {
      while (mine.size) await Promise.allSettled([...mine]);
    },

    async start(bot: BotPort): Promise<void> {
      if (started) throw new Error('Discord adapter already started');
      started = true;
      answering = { bot, admins: cfg.admins, logger: log };
      if (mode !== 'gateway' && cfg.http !== 'shared') await listen(cfg.http ?? { port: 3000 });
      if (mode !== 'gateway')
        log.info(
          { path: INTERACTIONS_PATH, port: cfg.http === 'shared' ? 'shared with Slack' : this.port },
          'discord http interactions endpoint ready',
        );
      if (!useGateway) return;
      client.on(Events.Error, (e) => log.error({ err: e }, 'discord client error'));
      client.on(Events.ShardDisconnect, (ev, id) =>
        log.warn({ code: ev.code, shard: id }, 'discord shard disconnected'),
      );
      client.on(Events.ShardResume, (id, replayed) => log.info({ shard: id, replayed }, 'discord shard resumed'));
      // Raw dispatches: the same JSON an HTTP interaction carries, so both are answered by one code path.
      client.on(Events.Raw, (packet: { t?: string | null; d?: unknown }) => onDispatch(bot, packet));
      const ready = once(client, Events.ClientReady);
      try {
        await client.login(cfg.token);
      } catch (e) {
        answering = undefined;
        const status =
          (e as { code?: string }).code === 'TokenInvalid'
            ? 'Discord rejected DISCORD_TOKEN'
            : 'Could not connect to Discord';
        throw new Error(`${status}: ${(e as Error).message}`, { cause: e });
      }
      await ready;
      log.info({ user: client.user?.tag, guilds: client.guilds.cache.size, mode }, 'discord connected');
    },

    stop(): Promise<void> {
      stopped ??= (async () => {
        inFlight.close();
        await inFlight.drain(DRAIN_MS);
        answering = undefined;
        if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
        await client.destroy();
      })();
      return stopped;
    },

    isConnected(): boolean {
      if (!started || !inFlight.accepting || !answering) return false;
      return useGateway ? client.isReady() : true;
    },

    async post(channel: ChannelRef, reply: Reply, opts: PostOptions = {}): Promise<Delivery> {
      if (channel.platform !== 'discord')
        throw new DeliveryError('wrong_platform', `Channel ${channel.id} is not a Discord channel`, true);
      return postMessages(client.rest, channel.id, renderReply(reply, { marker: opts.marker }));
    },

    findMarker(channel: ChannelRef, marker: string): Promise<string | undefined> {
      return findMarkerIn(client.rest, channel.id, marker, client.user?.id ?? cfg.appId);
    },
  };
}
