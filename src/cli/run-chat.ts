import { createInterface } from 'node:readline';
import { userInfo } from 'node:os';
import type { CommandDef } from '../core/command.js';
import type { ChannelRef, Invocation, Platform } from '../core/invocation.js';
import { UserError } from '../core/errors.js';
import { openApp } from '../app/open-app.js';
import { askJson, replyJson, replyText, storiesJson } from './output.js';

export interface ChatRun {
  subcommand?: string;
  options: Record<string, unknown>;
  json: boolean;
  store?: string;
  channel?: string;
}

/** `platform:id` → a channel; the CLI defaults to the console's. */
export function parseChannel(spec: string | undefined): ChannelRef {
  if (!spec) return { platform: 'console', id: 'console' };
  const m = /^(slack|discord|console):(\S+)$/.exec(spec);
  if (!m) throw new UserError('BAD_CHANNEL', `--channel must look like slack:C0123 or discord:123456789 (got "${spec}").`);
  return { platform: m[1] as Platform, id: m[2] };
}

/** Runs one chat command through the same core as every chat door; exit code 2 on a user error. */
export async function runChatCommand(cmd: CommandDef<any>, run: ChatRun): Promise<number> {
  const app = await openApp({ storePath: run.store, role: 'cli' });
  try {
    const base = {
      platform: 'cli' as const,
      command: cmd.name,
      user: { id: safeUser(), isAdmin: true },
      channel: parseChannel(run.channel),
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
async function askStream(dispatch: (inv: Invocation) => Promise<import('../core/reply.js').Reply>, base: Omit<Invocation, 'options'>): Promise<number> {
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
