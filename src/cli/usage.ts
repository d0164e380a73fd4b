import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CommandDef, OptionSpec, OptionSpecs } from '../core/command.js';

export const USAGE = `briefbot: a briefing bot over a local article store

Usage:
  briefbot                         start the bot (console chat, plus Slack/Discord when configured)
  briefbot ingest PATH...          add files, folders or JSON Lines to the store
  briefbot remove ID|URL|PATH...   take articles out of the store (--source NAME: all of a source)
  briefbot ask "QUESTION"          answer from the store (--json; no question: one per line on stdin)
  briefbot brief|stories|who|timeline|search|sources|digest|feeds|help ...   every chat command
  briefbot stories [--since ISO | --all] [--topic T] [--json]
  briefbot feeds add URL [--every 15m] [--name TEXT] | feeds remove URL|ID | feeds list
  briefbot summarize [--sentences N | --ratio R] [FILE | -]
  briefbot digest run --at ISO_TIME [--dry-run]
  briefbot digest subscribe --schedule "0 8 * * 1-5" --channel slack:C0123ABCD
  briefbot slack-manifest [--socket | --url URL [--oauth [--token-rotation]]]
  briefbot discord-register [--guild ID]
  briefbot migrate-store --from sqlite:PATH --to postgres://...
  briefbot --version

Every subcommand takes --json, --store PATH (or BRIEFBOT_STORE) and --help.
Settings come from the environment, then .env in the current folder, then config/default.yaml.`;

const COMMON =
  '  --json         machine-readable output\n  --store PATH   the SQLite store (default BRIEFBOT_STORE or data/briefbot.db)\n  -h, --help     this text';

/** Usage of the subcommands that are not chat commands (src/cli/tools.ts), by the name TOOLS uses. */
export const TOOL_USAGE: Record<string, string> = {
  start: `Usage: briefbot [start]\n\nStarts the bot: the console chat, plus Slack and Discord when configured, the digest schedule and\nthe ops endpoints (/healthz /readyz /metrics). Stop it with Ctrl-C or SIGTERM.`,
  ingest: `Usage: briefbot ingest PATH... [--json] [--store PATH]\n\nAdds files (text, Markdown, HTML, JSON, JSON Lines, RSS/Atom), folders (recursively) to the store.\nEvery file, line or item not stored is listed with its reason. Exits 1 when nothing given could be read.\n\nOptions:\n${COMMON}`,
  remove: `Usage: briefbot remove ID|URL|PATH... [--source NAME] [--json] [--store PATH]\n\nTakes articles out of the store: by id, by url, by the file or folder they were read from, or every\narticle of a source. Prints how many went; exits 1 when nothing matched.\n\nOptions:\n  --source NAME  every article of this source\n${COMMON}`,
  summarize: `Usage: briefbot summarize [--sentences N | --ratio R] [--json] [FILE | -]\n\nAn extractive summary of FILE (or standard input), its sentences in the text's own order.\n\nOptions:\n  --sentences N  how many sentences\n  --ratio R      share of the sentences, above 0 and at most 1\n${COMMON}`,
  'slack-manifest': `Usage: briefbot slack-manifest [--socket | --url URL [--oauth [--token-rotation]]] [--name NAME]\n\nPrints the Slack app manifest, generated from the commands.\n\nOptions:\n  --socket       Socket Mode (no public URL)\n  --url URL      HTTP mode: the public base URL Slack calls\n  --oauth        install into many workspaces (adds the OAuth redirect)\n  --token-rotation  with --oauth: rotating bot tokens\n  --name NAME    the app's display name\n${COMMON}`,
  'discord-register': `Usage: briefbot discord-register [--guild ID | --global]\n\nRegisters the slash commands with Discord (DISCORD_TOKEN, DISCORD_APP_ID), changing only the difference.\n\nOptions:\n  --guild ID     one server (immediate; DISCORD_GUILD_ID by default)\n  --global       every server (may take up to an hour to show)\n${COMMON}`,
  'migrate-store': `Usage: briefbot migrate-store --from sqlite:PATH --to postgres://user@host/db\n\nCopies a SQLite store (articles and the digest ledger) to PostgreSQL and verifies the counts.\n\nOptions:\n  --from sqlite:PATH    the SQLite store to copy\n  --to postgres://...   the PostgreSQL database\n${COMMON}`,
  'digest-run': `Usage: briefbot digest run [--at ISO_TIME] [--dry-run]\n\nRuns the digest schedule as of a moment: posts the digests due then through the configured doors\n(Slack, Discord; console subscriptions print here).\n\nOptions:\n  --at TIME      the moment: ISO (2021-10-11T13:00:00Z) or relative ("in 1 hour"); default now\n  --dry-run      show what is due, post nothing\n${COMMON}`,
};

/** Whether the arguments ask for help (before a "--" that ends the options). */
export function wantsHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end < 0 ? args : args.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

function flag(key: string, spec: OptionSpec): string {
  const value =
    spec.type === 'boolean'
      ? ''
      : spec.type === 'integer'
        ? ' N'
        : spec.choices
          ? ` ${spec.choices.join('|')}`
          : ' TEXT';
  return `--${key}${value}`;
}

function optionLines(specs: OptionSpecs, channel: boolean): string {
  const rows = Object.entries(specs)
    .filter(([, s]) => !(s.type === 'string' && s.rest))
    .map(([k, s]) => [flag(k, s), `${s.description}${s.required ? ' (required)' : ''}`]);
  if (channel)
    rows.push([
      '--channel PLATFORM:ID',
      'the channel it is about: slack:C0123, discord:123456789012345678 (default the console)',
    ]);
  const width = Math.max(14, ...rows.map(([f]) => f.length));
  return [...rows.map(([f, d]) => `  ${f.padEnd(width)} ${d}`), COMMON].join('\n');
}

function restOf(specs: OptionSpecs): string {
  const rest = Object.entries(specs).find(([, s]) => s.type === 'string' && s.rest);
  if (!rest) return '';
  const name = rest[0].toUpperCase();
  return rest[1].required ? ` ${name}` : ` [${name}]`;
}

/** Usage of a chat command (or one of its subcommands), derived from its declaration like every door's. */
export function commandUsage(cmd: CommandDef<any>, sub?: string, channel = false): string {
  if (cmd.subcommands && !(sub && cmd.subcommands[sub])) {
    const subs = Object.entries(cmd.subcommands).map(([name, s]) => `  ${name.padEnd(12)} ${s.description}`);
    return `Usage: briefbot ${cmd.name} SUBCOMMAND [OPTIONS]\n\n${cmd.description}\n\nSubcommands:\n${subs.join('\n')}\n\nbriefbot ${cmd.name} SUBCOMMAND --help shows each one's options.`;
  }
  const target = sub ? cmd.subcommands![sub] : cmd;
  const name = sub ? `${cmd.name} ${sub}` : cmd.name;
  return `Usage: briefbot ${name}${restOf(target.options)} [OPTIONS]\n\n${target.description}\n\nOptions:\n${optionLines(target.options, channel)}`;
}

/** The version in package.json, found from this file in the sources (src/cli) and the build (dist/src/cli). */
export function version(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)), i = 0; i < 5; i++, dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === 'briefbot') return pkg.version ?? 'unknown';
  }
  return 'unknown';
}
