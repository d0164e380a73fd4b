import { fstatSync } from 'node:fs';
import type { Logger } from 'pino';
import type { Adapter } from '../adapters/adapter.js';
import { ConsoleAdapter } from '../adapters/console/console-adapter.js';
import type { ChatStore } from '../chat-store/chat-store.js';
import { discordEnabled, discordMode, slackEnabled, type Config } from '../config/index.js';
import type { InFlight } from '../in-flight.js';

/** What the doors share with the rest of the process. */
export interface DoorParts {
  banner: () => Promise<string>;
  onQuit: () => void;
  /** Thread topics, shares, claims and Slack installations, in the store's database. */
  chat: ChatStore;
  /** The process's owed work: every door tracks its replies here, so shutdown waits for them. */
  inFlight: InFlight;
  /** Ends a workspace's digests when a Slack team removes the app. */
  onWorkspaceRemoved(workspace: string): Promise<unknown>;
}

/**
 * The doors this configuration opens: Slack and Discord when their credentials are set, side by
 * side in one process; the console chat when neither is. Platform code is loaded only when used.
 * When Slack listens over HTTP and Discord takes HTTP interactions, both share Slack's port.
 */
export async function configuredAdapters(config: Config, logger: Logger, parts: DoorParts): Promise<Adapter[]> {
  const adapters: Adapter[] = [];
  const { chat, inFlight } = parts;
  const discordHttp = discordEnabled(config) && discordMode(config) !== 'gateway';
  const slackHttp = slackEnabled(config) && !config.slack.appToken;
  let discord: Adapter | undefined;
  let interactionsRoute: import('../adapters/discord/index.js').DiscordAdapter['interactionsRoute'] | undefined;
  if (discordEnabled(config)) {
    const { createDiscordAdapter } = await import('../adapters/discord/index.js');
    const d = config.discord;
    const created = createDiscordAdapter({
      token: d.token!,
      appId: d.appId!,
      apiUrl: d.apiUrl,
      guildId: d.guildId,
      admins: config.admins,
      logger: logger.child({ platform: 'discord' }),
      mode: discordMode(config),
      publicKey: d.publicKey,
      http: slackHttp ? 'shared' : { port: config.slack.port },
      chat,
      inFlight,
    });
    discord = created;
    if (discordHttp && slackHttp) interactionsRoute = created.interactionsRoute;
  }
  if (slackEnabled(config)) {
    const { createSlackAdapter } = await import('../adapters/slack/index.js');
    const s = config.slack;
    adapters.push(
      createSlackAdapter({
        botToken: s.botToken,
        oauth: s.clientId
          ? {
              clientId: s.clientId,
              clientSecret: s.clientSecret!,
              stateSecret: s.stateSecret!,
              tokenKey: s.tokenKey!,
              redirectUri: s.redirectUri,
            }
          : undefined,
        appToken: s.appToken,
        signingSecret: s.signingSecret,
        apiUrl: s.apiUrl,
        port: s.port,
        admins: config.admins,
        logger: logger.child({ platform: 'slack' }),
        chat,
        inFlight,
        routes: interactionsRoute ? [interactionsRoute] : [],
        onWorkspaceRemoved: parts.onWorkspaceRemoved,
      }),
    );
  }
  if (discord) adapters.push(discord);
  if (adapters.length === 0 && stdinCanChat()) {
    adapters.push(
      new ConsoleAdapter({
        input: process.stdin,
        output: process.stdout,
        interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
        banner: parts.banner,
        onQuit: parts.onQuit,
        inFlight,
      }),
    );
  }
  return adapters;
}

/**
 * A terminal, a pipe or a file: someone can type or feed commands. Not /dev/null, which is what a
 * container started with `docker run -d` has: there the console door would end at once and leave
 * /readyz at 503, so the bot runs headless (ops endpoints, digests) instead.
 */
export function stdinCanChat(): boolean {
  if (process.stdin.isTTY) return true;
  try {
    const s = fstatSync(0);
    return s.isFIFO() || s.isFile() || s.isSocket();
  } catch {
    return false;
  }
}
