import type { CommandDef } from '../../core/command.js';
import { UserError } from '../../core/errors.js';
import { usageOf } from '../../core/parse-options.js';
import { UMBRELLA_COMMAND } from './slash-commands.js';

/** Limits from Slack's manifest schema (@slack/web-api `types/request/manifest.d.ts`). */
const LIMITS = {
  appName: 35,
  appDescription: 140,
  botName: 80,
  command: 32,
  commandDescription: 2000,
  usageHint: 1000,
  commands: 50,
} as const;

export interface ManifestOptions {
  /** Socket Mode (no public URL). The default when no `url` is given. */
  socket?: boolean;
  /** HTTP mode: the public https base (or full …/slack/events URL) Slack sends requests to. */
  url?: string;
  /** App name shown in Slack (≤ 35 characters); default "briefbot". */
  name?: string;
  /** Several workspaces (HTTP mode): the OAuth installer's redirect URL. */
  oauth?: boolean;
  /** With `oauth`: bot tokens expire every 12 hours and the installer refreshes them. */
  tokenRotation?: boolean;
}

export interface SlackManifest {
  _metadata: { major_version: number; minor_version: number };
  display_information: { name: string; description: string };
  features: {
    bot_user: { display_name: string; always_online: boolean };
    app_home: { home_tab_enabled: boolean; messages_tab_enabled: boolean; messages_tab_read_only_enabled: boolean };
    slash_commands: {
      command: string;
      description: string;
      usage_hint?: string;
      should_escape: boolean;
      url?: string;
    }[];
  };
  oauth_config: { scopes: { bot: string[] }; redirect_urls?: string[] };
  settings: {
    event_subscriptions: { request_url?: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url?: string };
    org_deploy_enabled: boolean;
    socket_mode_enabled: boolean;
    token_rotation_enabled: boolean;
  };
}

/**
 * Bot scopes and why: `commands` for the slash commands, `chat:write` to post answers, shares,
 * thread replies and digests, `channels:history` so a digest can check the channel for its own
 * marker after a crash instead of posting twice (the bot works without it, only that check is
 * skipped), `app_mentions:read` for @mentions and `im:history` for direct messages.
 */
export const SLACK_BOT_SCOPES = [
  'commands',
  'chat:write',
  'channels:history',
  'app_mentions:read',
  'im:history',
] as const;

/**
 * Events the bot subscribes to: mentions and DMs to converse, and the two that tell it a workspace
 * removed the app (these need no scope).
 */
export const SLACK_BOT_EVENTS = ['app_mention', 'message.im', 'app_uninstalled', 'tokens_revoked'] as const;

/**
 * The app manifest, generated from the command declarations so it cannot drift from them:
 * every command plus the umbrella `/briefbot`, with usage hints from the same option specs the
 * parser uses.
 */
export function buildSlackManifest(commands: readonly CommandDef<any>[], opts: ManifestOptions = {}): SlackManifest {
  if (opts.socket && opts.url)
    throw new UserError(
      'BAD_MANIFEST_OPTIONS',
      'Choose one: --socket (Socket Mode) or --url URL (HTTP mode), not both.',
    );
  if (opts.oauth && !opts.url)
    throw new UserError(
      'BAD_MANIFEST_OPTIONS',
      '--oauth (several workspaces) needs HTTP mode: give --url URL, the public https address of the bot.',
    );
  if (opts.tokenRotation && !opts.oauth)
    throw new UserError('BAD_MANIFEST_OPTIONS', '--token-rotation goes with --oauth (several workspaces).');
  const requestUrl = opts.url ? eventsUrl(opts.url) : undefined;
  const name = (opts.name ?? 'briefbot').trim();
  if (!name || name.length > LIMITS.appName)
    throw new UserError(
      'BAD_MANIFEST_OPTIONS',
      `The app name must be 1–${LIMITS.appName} characters (got ${name.length}).`,
    );
  if (commands.length + 1 > LIMITS.commands)
    throw new Error(`Slack allows ${LIMITS.commands} slash commands; there are ${commands.length + 1}.`);
  const slash = [...commands.map((c) => slashCommand(c, requestUrl)), umbrella(commands, requestUrl)];
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name,
      description: clamp(
        'Briefs your team on a developing story from your article store, with every claim cited.',
        LIMITS.appDescription,
      ),
    },
    features: {
      bot_user: { display_name: botName(name), always_online: false },
      // The Messages tab lets people write to the bot directly.
      app_home: { home_tab_enabled: false, messages_tab_enabled: true, messages_tab_read_only_enabled: false },
      slash_commands: slash,
    },
    oauth_config: {
      scopes: { bot: [...SLACK_BOT_SCOPES] },
      ...(opts.oauth && requestUrl ? { redirect_urls: [new URL('/slack/oauth_redirect', requestUrl).href] } : {}),
    },
    settings: {
      event_subscriptions: { ...(requestUrl ? { request_url: requestUrl } : {}), bot_events: [...SLACK_BOT_EVENTS] },
      interactivity: requestUrl ? { is_enabled: true, request_url: requestUrl } : { is_enabled: true },
      org_deploy_enabled: false,
      socket_mode_enabled: !requestUrl,
      token_rotation_enabled: Boolean(opts.tokenRotation),
    },
  };
}

function slashCommand(
  cmd: CommandDef<any>,
  url: string | undefined,
): SlackManifest['features']['slash_commands'][number] {
  const command = `/${cmd.name}`;
  if (command.length > LIMITS.command)
    throw new Error(`Slash command ${command} is longer than ${LIMITS.command} characters.`);
  const hint = usageHint(cmd);
  return {
    command,
    description: clamp(cmd.description, LIMITS.commandDescription),
    ...(hint ? { usage_hint: clamp(hint, LIMITS.usageHint) } : {}),
    // We escape untrusted text ourselves when rendering; Slack's escaping would mangle quotes and URLs in questions.
    should_escape: false,
    ...(url ? { url } : {}),
  };
}

/** "/ask <question>" → "<question>"; commands with actions list each: "subscribe [schedule:…] | list". */
export function usageHint(cmd: CommandDef<any>): string {
  const strip = (usage: string) => usage.replace(new RegExp(`^/${cmd.name}\\s*`), '');
  if (cmd.subcommands) {
    return Object.entries(cmd.subcommands)
      .map(([sub, def]) => strip(usageOf(cmd.name, def.options, sub)))
      .join(' | ');
  }
  return strip(usageOf(cmd.name, cmd.options));
}

function umbrella(
  commands: readonly CommandDef<any>[],
  url: string | undefined,
): SlackManifest['features']['slash_commands'][number] {
  return {
    command: `/${UMBRELLA_COMMAND}`,
    description: 'Run any briefbot command, e.g. /briefbot ask who is leading the talks?',
    usage_hint: clamp(`${commands.map((c) => c.name).join('|')} [text]`, LIMITS.usageHint),
    should_escape: false,
    ...(url ? { url } : {}),
  };
}

/** Slack posts commands and interactions to the receiver's /slack/events path. */
function eventsUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UserError(
      'BAD_MANIFEST_OPTIONS',
      `--url must be a full https URL such as https://bot.example.com (got "${raw}").`,
    );
  }
  if (url.protocol !== 'https:')
    throw new UserError(
      'BAD_MANIFEST_OPTIONS',
      `--url must use https; Slack only calls https request URLs (got "${raw}").`,
    );
  if (url.pathname === '/' || url.pathname === '') url.pathname = '/slack/events';
  return url.href;
}

/** Bot user names allow a-z, 0-9, -, _ and . only. */
function botName(name: string): string {
  const n = name
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return (n || 'briefbot').slice(0, LIMITS.botName);
}

function clamp(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}
