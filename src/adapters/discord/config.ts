import { z } from 'zod';

/** The Discord settings, read once at start from the environment. */
export interface DiscordSettings {
  token: string;
  appId: string;
  /** REST base without the version, e.g. "https://discord.com/api" or a proxy; the gateway address comes from its /gateway/bot. */
  apiUrl?: string;
  /** Default guild for `briefbot discord-register`. */
  guildId?: string;
}

const snowflake = z.string().regex(/^\d{17,20}$/, 'a Discord id (a snowflake of 17–20 digits)');

// A bot token is three base64url parts joined by dots: the bot's user id, a timestamp, an HMAC.
const token = z
  .string()
  .transform((t) => t.trim().replace(/^Bot\s+/i, ''))
  .pipe(z.string().regex(/^[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{20,}$/, 'a bot token (three dot-separated parts, from the Bot page of the Developer Portal)'));

/** @discordjs/rest appends the version itself, so "…/api/v10/" and "…/api" mean the same base. */
export function normaliseApiUrl(url: string): string {
  return url.replace(/\/+$/, '').replace(/\/v\d+$/, '');
}

const apiUrl = z.url({ protocol: /^https?$/, error: 'an http(s) URL such as https://discord.com/api' }).transform(normaliseApiUrl);

const schema = z.object({
  DISCORD_TOKEN: token,
  DISCORD_APP_ID: snowflake,
  DISCORD_API_URL: apiUrl.optional(),
  DISCORD_GUILD_ID: snowflake.optional(),
});

type Env = Record<string, string | undefined>;

/** True when the environment asks for the Discord door (either required variable set). */
export function discordRequested(env: Env): boolean {
  return Boolean(env.DISCORD_TOKEN?.trim() || env.DISCORD_APP_ID?.trim());
}

function blankToUndefined(env: Env): Env {
  const out: Env = {};
  for (const k of ['DISCORD_TOKEN', 'DISCORD_APP_ID', 'DISCORD_API_URL', 'DISCORD_GUILD_ID']) {
    out[k] = env[k]?.trim() ? env[k]!.trim() : undefined;
  }
  return out;
}

/**
 * Problems with the Discord settings, each naming its variable (never echoing the token).
 * Empty when Discord is not requested at all or everything is in order.
 */
export function discordConfigProblems(env: Env): string[] {
  if (!discordRequested(env)) return [];
  const parsed = schema.safeParse(blankToUndefined(env));
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => {
    const name = String(issue.path[0]);
    const expected = issue.code === 'invalid_type' ? 'is required' : `must be ${issue.message}`;
    return `${name} ${expected}.`;
  });
}

/** Reads the settings; throws one Error listing every problem when any is wrong. */
export function readDiscordSettings(env: Env): DiscordSettings {
  const problems = discordConfigProblems(env);
  if (problems.length) throw new Error(`Discord settings: ${problems.join(' ')}`);
  const v = schema.parse(blankToUndefined(env));
  return { token: v.DISCORD_TOKEN, appId: v.DISCORD_APP_ID, apiUrl: v.DISCORD_API_URL, guildId: v.DISCORD_GUILD_ID };
}
