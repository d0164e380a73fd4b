import { z } from 'zod';

/*
 * The one schema for the merged configuration (file, then environment, then command line).
 * Each field carries one "expected …" text shared by all its checks, so a bad value gives exactly
 * one message saying what the setting takes. Environment values arrive as strings; the
 * preprocessors turn "8080" or "true" into the types the file would give.
 */

function toNumber(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const n = Number(v.trim());
  return v.trim() !== '' && Number.isFinite(n) ? n : v;
}

const TRUE = new Set(['true', '1', 'yes', 'on']);
const FALSE = new Set(['false', '0', 'no', 'off']);
function toBoolean(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const s = v.trim().toLowerCase();
  return TRUE.has(s) ? true : FALSE.has(s) ? false : v;
}

function toList(v: unknown): unknown {
  if (typeof v === 'string') return v.split(',').map((s) => s.trim()).filter(Boolean);
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'number' ? String(x) : x));
  return v;
}

const expected = (what: string) => ({ error: `expected ${what}` });

function int(min: number, max: number, what: string) {
  const e = expected(what);
  return z.preprocess(toNumber, z.number(e).int(e).min(min, e).max(max, e));
}

function num(min: number, max: number, what: string) {
  const e = expected(what);
  return z.preprocess(toNumber, z.number(e).min(min, e).max(max, e));
}

const bool = z.preprocess(toBoolean, z.boolean(expected('true or false')));

function text(what: string) {
  const e = expected(what);
  return z.string(e).trim().min(1, e);
}

function httpUrl(what: string) {
  const e = expected(what);
  return z.string(e).refine((s) => {
    try {
      return ['http:', 'https:'].includes(new URL(s).protocol);
    } catch {
      return false;
    }
  }, e);
}

/** postgres://user:pass@host:port/db; anything else is an error rather than a silent SQLite fallback. */
const postgresUrl = z.string(expected('a postgres://user:password@host:5432/database URL')).refine((s) => {
  try {
    const u = new URL(s);
    return (u.protocol === 'postgres:' || u.protocol === 'postgresql:') && u.hostname !== '';
  } catch {
    return false;
  }
}, expected('a postgres://user:password@host:5432/database URL (postgres:// or postgresql://, with a host)'));

const prefixed = (prefix: string, what: string) =>
  z.string(expected(what)).trim().refine((s) => s.startsWith(prefix) && s.length > prefix.length, expected(what));

const snowflake = (what: string) => z.string(expected(what)).trim().regex(/^\d{17,20}$/, expected(what));

// A bot token is three base64url parts joined by dots: the bot's user id, a timestamp, an HMAC.
// People often copy it with the "Bot " of the Authorization header; that prefix is dropped.
const discordToken = (what: string) =>
  z
    .string(expected(what))
    .transform((t) => t.trim().replace(/^Bot\s+/i, ''))
    .pipe(z.string().regex(/^[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{20,}$/, expected(what)));

/** "15m", "1h", "90s", "1h30m" or plain seconds: the forms /feeds add takes (src/feeds/interval.ts). */
const interval = z.string(expected('an interval like 15m, 1h or 90s')).trim().regex(/^(\d+|(\d+(\.\d+)?\s*[a-z]+\s*)+)$/i, expected('an interval like 15m, 1h or 90s'));

/** One feed declared in the configuration (`feeds:`), followed as if added with /feeds add. */
const feedEntry = z.strictObject({
  url: httpUrl('an http(s) feed URL'),
  name: text('a name for the feed').optional(),
  every: interval.optional(),
  fullText: bool.optional(),
});

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export const configSchema = z
  .strictObject({
    store: z
      .strictObject({
        path: text('a file path for the SQLite store').default('data/briefbot.db'),
        databaseUrl: postgresUrl.optional(),
        articlesDir: text('a folder of articles to ingest').default('articles'),
        watch: bool.default(true),
      })
      .prefault({}),
    slack: z
      .strictObject({
        botToken: prefixed('xoxb-', 'a Slack bot token starting with xoxb-').optional(),
        appToken: prefixed('xapp-', 'a Slack app-level token starting with xapp-').optional(),
        signingSecret: text('the signing secret from the Slack app settings').optional(),
        apiUrl: httpUrl('an http(s) URL for the Slack Web API, e.g. https://slack.com/api/').optional(),
        port: int(1, 65535, 'a port number 1-65535').default(3000),
      })
      .prefault({}),
    discord: z
      .strictObject({
        token: discordToken('a Discord bot token (three dot-separated parts, from the Bot page of the Developer Portal)').optional(),
        appId: snowflake('a Discord application id (a snowflake of 17-20 digits)').optional(),
        apiUrl: httpUrl('an http(s) URL for the Discord REST API, e.g. https://discord.com/api').optional(),
        guildId: snowflake('a Discord server (guild) id (a snowflake of 17-20 digits)').optional(),
      })
      .prefault({}),
    llm: z
      .strictObject({
        apiKey: text('an API key').optional(),
        baseUrl: httpUrl('an http(s) URL of an OpenAI-compatible API, e.g. http://localhost:11434/v1/').optional(),
        model: text('a model name').default('gpt-4o-mini'),
        timeoutMs: int(100, 600_000, 'milliseconds between 100 and 600000').default(20_000),
        maxRetries: int(0, 10, 'a whole number of retries 0-10').default(2),
        maxOutputTokens: int(1, 100_000, 'a whole number of tokens 1-100000').default(800),
        monthlyTokenBudget: int(1, 1e12, 'a positive whole number of tokens').default(2_000_000),
        cacheTtlMs: int(0, 86_400_000, 'milliseconds 0-86400000 (0 turns the cache off)').default(300_000),
      })
      .prefault({}),
    digest: z
      .strictObject({
        graceHours: num(0, 168, 'hours between 0 and 168').default(6),
        minIntervalMinutes: int(1, 1440, 'whole minutes 1-1440').default(15),
        maxAttempts: int(1, 100, 'a whole number of attempts 1-100').default(5),
        backoffBaseMs: int(10, 3_600_000, 'milliseconds between 10 and 3600000').default(2_000),
        backoffCapMs: int(10, 86_400_000, 'milliseconds between 10 and 86400000').default(300_000),
        leaseMs: int(1_000, 3_600_000, 'milliseconds between 1000 and 3600000').default(60_000),
      })
      .prefault({}),
    feeds: z.array(feedEntry, expected('a list of feeds, each with url: (and optionally name:, every:, fullText:)')).default([]),
    feedPolling: z
      .strictObject({
        minIntervalSeconds: int(1, 86_400, 'whole seconds 1-86400').default(300),
        defaultIntervalSeconds: int(1, 604_800, 'whole seconds 1-604800').default(900),
        allowPrivateNetworks: bool.default(false),
        contactUrl: text('a URL or address people can reach the operator at, e.g. https://example.org/bot').optional(),
        concurrency: int(1, 256, 'a whole number of requests 1-256').default(8),
        connectTimeoutMs: int(100, 120_000, 'milliseconds between 100 and 120000').default(10_000),
        timeoutMs: int(100, 600_000, 'milliseconds between 100 and 600000').default(20_000),
        maxBodyBytes: int(1024, 1_073_741_824, 'bytes between 1024 and 1073741824').default(5 * 1024 * 1024),
        backoffCapSeconds: int(1, 604_800, 'whole seconds 1-604800').default(21_600),
      })
      .prefault({}),
    http: z
      .strictObject({
        // 0 asks the OS for a free port (tests, several local replicas); the bound port is logged.
        port: int(0, 65535, 'a port number 1-65535 (or 0 for any free port)').default(8080),
        host: text('an address to listen on, e.g. 0.0.0.0 or 127.0.0.1').default('0.0.0.0'),
      })
      .prefault({}),
    admins: z
      .preprocess(toList, z.array(z.string(expected('a list of user ids')).trim().min(1), expected('a list of user ids')))
      .default([]),
    log: z
      .strictObject({
        level: z.enum(LOG_LEVELS, expected(`one of ${LOG_LEVELS.join(', ')}`)).default('info'),
        format: z.enum(['auto', 'json', 'pretty'], expected('auto, json or pretty')).default('auto'),
      })
      .prefault({}),
    shutdown: z
      .strictObject({
        deadlineMs: int(100, 600_000, 'milliseconds between 100 and 600000').default(10_000),
      })
      .prefault({}),
  })
  // Pairings: checked even when some single values are invalid, so one start shows every problem.
  .superRefine(
    (c, ctx) => {
      const slack = (c?.slack ?? {}) as Record<string, unknown>;
      if (slack.appToken || slack.signingSecret) {
        if (!slack.botToken) ctx.addIssue({ code: 'custom', path: ['slack', 'botToken'], message: 'missing: Slack needs its bot token (xoxb-…) when SLACK_APP_TOKEN or SLACK_SIGNING_SECRET is set' });
      }
      if (slack.botToken && !slack.appToken && !slack.signingSecret) {
        ctx.addIssue({ code: 'custom', path: ['slack', 'appToken'], message: 'missing: with SLACK_BOT_TOKEN set, Slack also needs SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode)' });
      }
      const discord = (c?.discord ?? {}) as Record<string, unknown>;
      if (discord.token && !discord.appId) ctx.addIssue({ code: 'custom', path: ['discord', 'appId'], message: 'missing: DISCORD_TOKEN is set, so Discord also needs DISCORD_APP_ID (the application id, to register commands)' });
      if (discord.appId && !discord.token) ctx.addIssue({ code: 'custom', path: ['discord', 'token'], message: 'missing: DISCORD_APP_ID is set, so Discord also needs DISCORD_TOKEN' });
      const digest = (c?.digest ?? {}) as Record<string, unknown>;
      if (typeof digest.backoffBaseMs === 'number' && typeof digest.backoffCapMs === 'number' && digest.backoffCapMs < digest.backoffBaseMs) {
        ctx.addIssue({ code: 'custom', path: ['digest', 'backoffCapMs'], message: `expected a cap at least as large as digest.backoffBaseMs (${digest.backoffBaseMs})` });
      }
    },
    { when: () => true },
  );

export type Config = z.infer<typeof configSchema>;
