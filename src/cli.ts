#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { allCommands } from '../commands/index.js';
import { UserError } from './core/errors.js';
import { describeCliError } from './cli/cli-error.js';
import { allFlagsOf, chatOptionsFromArgs, GLOBAL_FLAGS } from './cli/chat-args.js';
import { runChatCommand } from './cli/run-chat.js';
import { TOOLS } from './cli/tools.js';
import { commandUsage, TOOL_USAGE, USAGE, version, wantsHelp } from './cli/usage.js';
import { loadDotEnv } from './config/dotenv.js';

/** Commands for which a channel means something: the CLI speaks for that channel. */
const CHANNEL_COMMANDS = new Set(['digest']);

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  // Help and version come before anything with a side effect: no .env, no store, no network.
  if (name === '--help' || name === '-h') return print(USAGE);
  if (name === '--version' || name === '-V') return print(`briefbot ${version()}`);
  if (!name || name === 'start') {
    if (wantsHelp(rest)) return print(TOOL_USAGE.start);
    if (rest.length)
      throw new UserError(
        'UNEXPECTED_ARGUMENT',
        `briefbot start takes no arguments (got "${rest.join(' ')}"). Run briefbot start --help.`,
      );
    loadDotEnv();
    const { main: start } = await import('./main.js');
    await start();
    return -1; // the bot keeps running; its shutdown handler exits
  }
  const digestRun = name === 'digest' && rest[0] === 'run';
  const toolName = digestRun ? 'digest-run' : name;
  const tool = TOOLS[toolName];
  if (tool) {
    const args = digestRun ? rest.slice(1) : rest;
    if (wantsHelp(args)) return print(TOOL_USAGE[toolName] ?? USAGE);
    loadDotEnv();
    return tool(args);
  }

  const cmd = allCommands.find((c) => c.name === name);
  if (!cmd) throw new UserError('UNKNOWN_COMMAND', `Unknown command "${name}". Run briefbot --help for the list.`);
  const channelFlag = CHANNEL_COMMANDS.has(cmd.name);
  if (wantsHelp(rest)) {
    const sub = cmd.subcommands ? rest.find((a) => !a.startsWith('-'))?.toLowerCase() : undefined;
    return print(commandUsage(cmd, sub, channelFlag));
  }
  const { values, positionals } = parseArgs({
    args: rest,
    options: { ...GLOBAL_FLAGS, ...allFlagsOf(cmd) },
    allowPositionals: true,
    strict: true,
  });
  if (values.channel !== undefined && !channelFlag) {
    throw new UserError(
      'UNSUPPORTED_OPTION',
      `--channel applies to briefbot digest only; briefbot ${cmd.name} answers here.`,
    );
  }
  const { subcommand, options } = chatOptionsFromArgs(cmd, values, positionals);
  loadDotEnv();
  return runChatCommand(cmd, {
    subcommand,
    options,
    json: Boolean(values.json),
    store: values.store as string | undefined,
    channel: values.channel as string | undefined,
  });
}

function print(text: string): number {
  process.stdout.write(`${text}\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (e: unknown) => {
    const { text, exitCode } = describeCliError(e);
    process.stderr.write(text);
    process.exitCode = exitCode;
  },
);
