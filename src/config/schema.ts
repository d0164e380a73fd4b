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
  if (typeof v === 'string')
    return v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
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
  z
    .string(expected(what))
    .trim()
    .refine((s) => s.startsWith(prefix) && s.length > prefix.length, expected(what));

const snowflake = (what: string) =>
  z
    .string(expected(what))
    .trim()
    .regex(/^\d{17,20}$/, expected(what));

// A bot token is three base64url parts joined by dots: the bot's user id, a timestamp, an HMAC.
// People often copy it with the "Bot " of the Authorization header; that prefix is dropped.
const discordToken = (what: string) =>
  z
    .string(expected(what))
    .transform((t) => t.trim().replace(/^Bot\s+/i, ''))
    .pipe(z.string().regex(/^[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{20,}$/, expected(what)));

/** 32 bytes for AES-256-GCM, as 64 hex characters or base64 (e.g. `openssl rand -base64 32`). */
const aesKey = z
  .string(expected('a 32-byte key as 64 hex characters or base64 (openssl rand -base64 32)'))
  .trim()
  .refine(
    (k) =>
      /^[0-9a-fA-F]{64}$/.test(k) ||
      (/^[A-Za-z0-9+/_-]{42,44}={0,2}$/.test(k) && Buffer.from(k, 'base64').length === 32),
    expected('a 32-byte key as 64 hex characters or base64 (openssl rand -base64 32)'),
  );

/** "15m", "1h", "90s", "1h30m" or plain seconds: the forms /feeds add takes (src/feeds/interval.ts). */
const interval = z
  .string(expected('an interval like 15m, 1h or 90s'))
  .trim()
  .regex(/^(\d+|(\d+(\.\d+)?\s*[a-z]+\s*)+)$/i, expected('an interval like 15m, 1h or 90s'));

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
        // Several workspaces (Bolt's OAuth installer) instead of one bot token.
        clientId: text('the Client ID from the Slack app settings (Basic Information)').optional(),
        clientSecret: text('the Client Secret from the Slack app settings (Basic Information)').optional(),
        stateSecret: z
          .string(expected('a random secret of at least 16 characters'))
          .trim()
          .min(16, expected('a random secret of at least 16 characters'))
          .optional(),
        tokenKey: aesKey.optional(),
        redirectUri: httpUrl(
          'the https URL of /slack/oauth_redirect, e.g. https://bot.example.org/slack/oauth_redirect',
        ).optional(),
      })
      .prefault({}),
    discord: z
      .strictObject({
        token: discordToken(
          'a Discord bot token (three dot-separated parts, from the Bot page of the Developer Portal)',
        ).optional(),
        appId: snowflake('a Discord application id (a snowflake of 17-20 digits)').optional(),
        apiUrl: httpUrl('an http(s) URL for the Discord REST API, e.g. https://discord.com/api').optional(),
        guildId: snowflake('a Discord server (guild) id (a snowflake of 17-20 digits)').optional(),
        publicKey: z
          .string(expected('the Public Key from the Developer Portal (64 hex characters)'))
          .trim()
          .regex(/^[0-9a-fA-F]{64}$/, expected('the Public Key from the Developer Portal (64 hex characters)'))
          .optional(),
        mode: z.enum(['gateway', 'http', 'both'], expected('gateway, http or both')).optional(),
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
    feeds: z
      .array(feedEntry, expected('a list of feeds, each with url: (and optionally name:, every:, fullText:)'))
      .default([]),
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
      .preprocess(
        toList,
        z.array(z.string(expected('a list of user ids')).trim().min(1), expected('a list of user ids')),
      )
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
      if ((slack.appToken || slack.signingSecret) && !slack.clientId) {
        if (!slack.botToken)
          ctx.addIssue({
            code: 'custom',
            path: ['slack', 'botToken'],
            message: 'missing: Slack needs its bot token (xoxb-…) when SLACK_APP_TOKEN or SLACK_SIGNING_SECRET is set',
          });
      }
      if (slack.botToken && !slack.appToken && !slack.signingSecret) {
        ctx.addIssue({
          code: 'custom',
          path: ['slack', 'appToken'],
          message:
            'missing: with SLACK_BOT_TOKEN set, Slack also needs SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode)',
        });
      }
      if (slack.clientId) slackOAuthPairings(slack, ctx);
      const discord = (c?.discord ?? {}) as Record<string, unknown>;
      if (discord.token && !discord.appId)
        ctx.addIssue({
          code: 'custom',
          path: ['discord', 'appId'],
          message:
            'missing: DISCORD_TOKEN is set, so Discord also needs DISCORD_APP_ID (the application id, to register commands)',
        });
      if (discord.appId && !discord.token)
        ctx.addIssue({
          code: 'custom',
          path: ['discord', 'token'],
          message: 'missing: DISCORD_APP_ID is set, so Discord also needs DISCORD_TOKEN',
        });
      if ((discord.mode === 'http' || discord.mode === 'both') && !discord.publicKey) {
        ctx.addIssue({
          code: 'custom',
          path: ['discord', 'publicKey'],
          message: `missing: DISCORD_MODE=${discord.mode} answers interactions over HTTP, which needs DISCORD_PUBLIC_KEY to verify them`,
        });
      }
      const digest = (c?.digest ?? {}) as Record<string, unknown>;
      if (
        typeof digest.backoffBaseMs === 'number' &&
        typeof digest.backoffCapMs === 'number' &&
        digest.backoffCapMs < digest.backoffBaseMs
      ) {
        ctx.addIssue({
          code: 'custom',
          path: ['digest', 'backoffCapMs'],
          message: `expected a cap at least as large as digest.backoffBaseMs (${digest.backoffBaseMs})`,
        });
      }
    },
    { when: () => true },
  );

/** Several workspaces: the OAuth installer needs its secrets, HTTP mode, and no single bot token. */
function slackOAuthPairings(slack: Record<string, unknown>, ctx: z.RefinementCtx): void {
  const need = (key: string, env: string, why: string) => {
    if (!slack[key])
      ctx.addIssue({
        code: 'custom',
        path: ['slack', key],
        message: `missing: SLACK_CLIENT_ID is set (several workspaces), so Slack also needs ${env} ${why}`,
      });
  };
  need('clientSecret', 'SLACK_CLIENT_SECRET', '(to exchange the install code for a token)');
  need('stateSecret', 'SLACK_STATE_SECRET', '(to sign the OAuth state)');
  need('tokenKey', 'SLACK_TOKEN_KEY', "(to encrypt each workspace's bot token in the store)");
  need('signingSecret', 'SLACK_SIGNING_SECRET', '(the installer and events need HTTP mode)');
  if (slack.botToken)
    ctx.addIssue({
      code: 'custom',
      path: ['slack', 'botToken'],
      message: 'expected either SLACK_BOT_TOKEN (one workspace) or SLACK_CLIENT_ID (several workspaces), not both',
    });
  if (slack.appToken)
    ctx.addIssue({
      code: 'custom',
      path: ['slack', 'appToken'],
      message:
        'expected no SLACK_APP_TOKEN with SLACK_CLIENT_ID: installing into several workspaces needs HTTP mode (a public URL for /slack/install)',
    });
}

export type Config = z.infer<typeof configSchema>;
