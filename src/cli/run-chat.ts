import { createInterface } from 'node:readline';
import { userInfo } from 'node:os';
import type { CommandDef } from '../core/command.js';
import type { ChannelRef, Invocation, Platform } from '../core/invocation.js';
import { UserError } from '../core/errors.js';
import { openApp } from '../app/open-app.js';
import { discordEnabled, slackEnabled, type Config } from '../config/index.js';
import { askJson, replyJson, replyText, storiesJson } from './output.js';

export interface ChatRun {
  subcommand?: string;
  options: Record<string, unknown>;
  json: boolean;
  store?: string;
  channel?: string;
}

/** The form of each platform's channel ids: Slack's C…/G…/D… ids, Discord's snowflakes. */
const CHANNEL_IDS: Record<string, RegExp> = {
  slack: /^[CGD][A-Z0-9]{8,}$/,
  discord: /^\d{17,20}$/,
  console: /^console$/,
};

/** `platform:id` → a channel, its id checked against the platform's form; the CLI defaults to the console's. */
export function parseChannel(spec: string | undefined): ChannelRef {
  if (spec === undefined) return { platform: 'console', id: 'console' };
  const m = /^(slack|discord|console):(.+)$/i.exec(spec.trim());
  const platform = m?.[1].toLowerCase();
  if (!m || !platform || !CHANNEL_IDS[platform].test(m[2])) {
    throw new UserError(
      'BAD_CHANNEL',
      `--channel must be slack:CHANNEL_ID (e.g. slack:C0123ABCD) or discord:CHANNEL_ID (a snowflake of 17-20 digits), not "${spec}".`,
    );
  }
  return { platform: platform as Platform, id: m[2] };
}

/** A digest for a platform this deployment has no credentials for would wait forever: say so. */
function warnUnconfigured(channel: ChannelRef, config: Config): void {
  const missing =
    (channel.platform === 'slack' && !slackEnabled(config)) ||
    (channel.platform === 'discord' && !discordEnabled(config));
  if (missing) {
    const settings =
      channel.platform === 'slack'
        ? 'SLACK_BOT_TOKEN and SLACK_APP_TOKEN or SLACK_SIGNING_SECRET'
        : 'DISCORD_TOKEN and DISCORD_APP_ID';
    process.stderr.write(
      `briefbot: note: ${channel.platform} is not configured here (${settings}); its digests are posted once it is.\n`,
    );
  }
}

/** Runs one chat command through the same core as every chat door; exit code 2 on a user error. */
export async function runChatCommand(cmd: CommandDef<any>, run: ChatRun): Promise<number> {
  // Checked before the store opens: a mistyped channel costs nothing.
  const channel = parseChannel(run.channel);
  const app = await openApp({ storePath: run.store, role: 'cli' });
  try {
    warnUnconfigured(channel, app.config);
    const base = {
      platform: 'cli' as const,
      command: cmd.name,
      user: { id: safeUser(), isAdmin: true },
      channel,
    };
    if (cmd.name === 'ask' && run.options.question === undefined && run.json) {
      return await askStream(app.bot.dispatch.bind(app.bot), base);
    }
    const reply = await app.bot.dispatch({ ...base, subcommand: run.subcommand, options: run.options });
    const json = cmd.name === 'ask' ? askJson : cmd.name === 'stories' ? storiesJson : replyJson;
    const out = run.json ? JSON.stringify(json(reply)) : replyText(reply, Boolean(process.stdout.isTTY));
    process.stdout.write(`${out}\n`);
    if (reply.errorCode) process.exitCode = reply.errorCode === 'INTERNAL' ? 1 : 2;
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } finally {
    await app.close();
  }
}

/** One question per line on stdin, one JSON object per line on stdout, in order. */
async function askStream(
  dispatch: (inv: Invocation) => Promise<import('../core/reply.js').Reply>,
  base: Omit<Invocation, 'options'>,
): Promise<number> {
  const rl = createInterface({ input: process.stdin, terminal: false });
  // Every input line gets exactly one output line, so callers can zip questions with answers.
  for await (const line of rl) {
    const reply = await dispatch({ ...base, options: { question: line } });
    process.stdout.write(`${JSON.stringify(askJson(reply))}\n`);
  }
  return 0;
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'cli';
  }
}
