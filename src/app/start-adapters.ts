import { fstatSync } from 'node:fs';
import type { Logger } from 'pino';
import type { Adapter } from '../adapters/adapter.js';
import { ConsoleAdapter } from '../adapters/console/console-adapter.js';
import { discordEnabled, slackEnabled, type Config } from '../config/index.js';

/**
 * The doors this configuration opens: Slack and Discord when their credentials are set, side by
 * side in one process; the console chat when neither is. Platform code is loaded only when used.
 */
export async function configuredAdapters(
  config: Config,
  logger: Logger,
  console: { banner: () => Promise<string>; onQuit: () => void },
): Promise<Adapter[]> {
  const adapters: Adapter[] = [];
  if (slackEnabled(config)) {
    const { createSlackAdapter } = await import('../adapters/slack/index.js');
    const s = config.slack;
    adapters.push(
      createSlackAdapter({
        botToken: s.botToken!,
        appToken: s.appToken,
        signingSecret: s.signingSecret,
        apiUrl: s.apiUrl,
        port: s.port,
        admins: config.admins,
        logger: logger.child({ platform: 'slack' }),
      }),
    );
  }
  if (discordEnabled(config)) {
    const { createDiscordAdapter } = await import('../adapters/discord/index.js');
    const d = config.discord;
    adapters.push(
      createDiscordAdapter({
        token: d.token!,
        appId: d.appId!,
        apiUrl: d.apiUrl,
        guildId: d.guildId,
        admins: config.admins,
        logger: logger.child({ platform: 'discord' }),
      }),
    );
  }
  if (adapters.length === 0 && stdinCanChat()) {
    adapters.push(
      new ConsoleAdapter({
        input: process.stdin,
        output: process.stdout,
        interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
        banner: console.banner,
        onQuit: console.onQuit,
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
function stdinCanChat(): boolean {
  if (process.stdin.isTTY) return true;
  try {
    const s = fstatSync(0);
    return s.isFIFO() || s.isFile() || s.isSocket();
  } catch {
    return false;
  }
}
