/**
 * The Discord door: a discord.js Client on the gateway with only the Guilds intent (slash
 * commands need no message content), turning interactions into invocations and replies into
 * embeds. REST goes to DISCORD_API_URL when set, and the gateway address comes from its
 * GET /gateway/bot, so a REST proxy (or the test stand-in) sees everything.
 */
import { once } from 'node:events';
import { Client, Events, GatewayIntentBits, REST, type Interaction } from 'discord.js';
import type { Logger } from 'pino';
import type { BotPort } from '../../core/bot.js';
import type { ChannelRef } from '../../core/invocation.js';
import type { Reply } from '../../core/reply.js';
import type { Adapter, Delivery, PostOptions } from '../adapter.js';
import { DeliveryError } from '../delivery-error.js';
import { answerAutocomplete, answerCommand, answerShare, SHARE_BUTTON_ID } from './answer.js';
import { findMarkerIn, postMessages } from './delivery.js';
import { renderReply } from './render.js';

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
}

/** @discordjs/rest appends the version itself, so "…/api/v10/" and "…/api" mean the same base. */
export function normaliseApiUrl(url: string): string {
  return url.replace(/\/+$/, '').replace(/\/v\d+$/, '');
}

/** A REST client for the same API base, e.g. for `briefbot discord-register`. */
export function createDiscordRest(cfg: Pick<DiscordAdapterConfig, 'token' | 'apiUrl' | 'restTimeoutMs'>): REST {
  return new REST({ version: '10', ...(cfg.apiUrl ? { api: normaliseApiUrl(cfg.apiUrl) } : {}), timeout: cfg.restTimeoutMs ?? 15_000 }).setToken(cfg.token);
}

/** The Discord adapter, plus what its tests and the readiness probe can ask about. */
export interface DiscordAdapter extends Adapter {
  readonly platform: 'discord';
  /** Resolves once every interaction received so far has been fully answered. */
  settled(): Promise<void>;
  /** The underlying client, for diagnostics. */
  readonly client: Client;
}

export function createDiscordAdapter(cfg: DiscordAdapterConfig): DiscordAdapter {
  const log = cfg.logger.child({ adapter: 'discord' });
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    // Default for anything discord.js sends; every payload also says so explicitly.
    allowedMentions: { parse: [] },
    rest: { ...(cfg.apiUrl ? { api: normaliseApiUrl(cfg.apiUrl) } : {}), timeout: cfg.restTimeoutMs ?? 15_000 },
  });
  // Digests may be posted before (or without) the gateway connection.
  client.rest.setToken(cfg.token);
  const inFlight = new Set<Promise<void>>();
  let accepting = false;
  let started = false;
  let stopped: Promise<void> | undefined;

  function track(work: Promise<void>): void {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  }

  function onInteraction(bot: BotPort, interaction: Interaction): void {
    if (!accepting) return;
    const work = (async () => {
      try {
        if (interaction.isChatInputCommand()) await answerCommand(bot, interaction, cfg.admins, log);
        else if (interaction.isAutocomplete()) await answerAutocomplete(bot, interaction, log);
        else if (interaction.isButton() && interaction.customId === SHARE_BUTTON_ID) await answerShare(interaction);
      } catch (e) {
        log.error({ err: e, interaction: interaction.id, type: interaction.type }, 'discord interaction failed');
        if (interaction.isRepliable() && !interaction.replied && !interaction.deferred) {
          await interaction.reply({ content: 'Sorry, that failed unexpectedly. The error has been logged.', flags: 64, allowedMentions: { parse: [] } }).catch(() => undefined);
        }
      }
    })();
    track(work);
  }

  return {
    platform: 'discord',
    client,

    async settled(): Promise<void> {
      while (inFlight.size) await Promise.allSettled([...inFlight]);
    },

    async start(bot: BotPort): Promise<void> {
      if (started) throw new Error('Discord adapter already started');
      started = true;
      client.on(Events.Error, (e) => log.error({ err: e }, 'discord client error'));
      client.on(Events.ShardDisconnect, (ev, id) => log.warn({ code: ev.code, shard: id }, 'discord shard disconnected'));
      client.on(Events.ShardResume, (id, replayed) => log.info({ shard: id, replayed }, 'discord shard resumed'));
      client.on(Events.InteractionCreate, (i) => onInteraction(bot, i));
      const ready = once(client, Events.ClientReady);
      accepting = true;
      try {
        await client.login(cfg.token);
      } catch (e) {
        accepting = false;
        const status = (e as { code?: string }).code === 'TokenInvalid' ? 'Discord rejected DISCORD_TOKEN' : 'Could not connect to Discord';
        throw new Error(`${status}: ${(e as Error).message}`, { cause: e });
      }
      await ready;
      log.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, 'discord connected');
    },

    stop(): Promise<void> {
      stopped ??= (async () => {
        accepting = false;
        while (inFlight.size) await Promise.allSettled([...inFlight]);
        await client.destroy();
      })();
      return stopped;
    },

    isConnected(): boolean {
      return accepting && client.isReady();
    },

    async post(channel: ChannelRef, reply: Reply, opts: PostOptions = {}): Promise<Delivery> {
      if (channel.platform !== 'discord') throw new DeliveryError('wrong_platform', `Channel ${channel.id} is not a Discord channel`, true);
      return postMessages(client.rest, channel.id, renderReply(reply, { marker: opts.marker }));
    },

    findMarker(channel: ChannelRef, marker: string): Promise<string | undefined> {
      return findMarkerIn(client.rest, channel.id, marker, client.user?.id ?? cfg.appId);
    },
  };
}
