#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { allCommands } from '../commands/index.js';
import { isUserError, UserError } from './core/errors.js';
import { allFlagsOf, chatOptionsFromArgs, GLOBAL_FLAGS } from './cli/chat-args.js';
import { runChatCommand } from './cli/run-chat.js';
import { TOOLS } from './cli/tools.js';

const USAGE = `briefbot: a briefing bot over a local article store

Usage:
  briefbot                         start the bot (console chat, plus Slack/Discord when configured)
  briefbot ingest PATH...          add files, folders or JSON Lines to the store
  briefbot remove ID|URL|PATH...   take articles out of the store (--source NAME: all of a source)
  briefbot ask "QUESTION"          answer from the store (--json; no question: one per line on stdin)
  briefbot brief|stories|who|timeline|search|sources|digest|help ...   every chat command
  briefbot stories [--since ISO | --all] [--topic T] [--json]
  briefbot summarize [--sentences N | --ratio R] [FILE | -]
  briefbot digest run --at ISO_TIME [--dry-run]
  briefbot slack-manifest [--socket | --url URL [--oauth [--token-rotation]]]
  briefbot discord-register [--guild ID]
  briefbot migrate-store --from sqlite:PATH --to postgres://...

Every subcommand takes --json and --store PATH (or BRIEFBOT_STORE).`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'start') {
    const { main: start } = await import('./main.js');
    await start();
    return -1; // the bot keeps running; its shutdown handler exits
  }
  if (name === '--help' || name === '-h') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const tool = TOOLS[name] ?? (name === 'digest' && rest[0] === 'run' ? TOOLS['digest-run'] : undefined);
  if (tool) return tool(name === 'digest' ? rest.slice(1) : rest);

  const cmd = allCommands.find((c) => c.name === name);
  if (!cmd) throw new UserError('UNKNOWN_COMMAND', `Unknown command "${name}". Run briefbot --help for the list.`);
  const { values, positionals } = parseArgs({
    args: rest,
    options: { ...GLOBAL_FLAGS, ...allFlagsOf(cmd) },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const { subcommand, options } = chatOptionsFromArgs(cmd, values, positionals);
  return runChatCommand(cmd, { subcommand, options, json: Boolean(values.json), store: values.store as string | undefined });
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (e: unknown) => {
    // parseArgs reports unknown flags with a code; those are usage errors, not crashes.
    const usage = isUserError(e) || (e as { code?: string })?.code?.startsWith('ERR_PARSE_ARGS');
    process.stderr.write(`briefbot: ${e instanceof Error ? e.message : String(e)}\n`);
    if (!usage) process.stderr.write(`${(e as Error)?.stack ?? ''}\n`);
    process.exitCode = usage ? 2 : 1;
  },
);
