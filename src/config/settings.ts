/**
 * Every setting that an environment variable can set: its place in the config tree and its variable.
 * This table drives the environment overlay, error messages and the checks that default.yaml and
 * .env.example list everything, so a new setting is added here, in schema.ts and in those two files.
 */
export interface SettingInfo {
  /** Dotted path in the config tree, e.g. "http.port". */
  path: string;
  /** The environment variable that overrides it. */
  env: string;
  /** Never echoed in logs or error messages. */
  secret?: boolean;
  /** Comma-separated list in the environment, a YAML list in the file. */
  list?: boolean;
}

export const SETTINGS: readonly SettingInfo[] = [
  { path: 'store.path', env: 'BRIEFBOT_STORE' },
  { path: 'store.databaseUrl', env: 'DATABASE_URL', secret: true },
  { path: 'store.articlesDir', env: 'BRIEFBOT_ARTICLES' },
  { path: 'store.watch', env: 'BRIEFBOT_WATCH' },
  { path: 'slack.botToken', env: 'SLACK_BOT_TOKEN', secret: true },
  { path: 'slack.appToken', env: 'SLACK_APP_TOKEN', secret: true },
  { path: 'slack.signingSecret', env: 'SLACK_SIGNING_SECRET', secret: true },
  { path: 'slack.apiUrl', env: 'SLACK_API_URL' },
  { path: 'slack.port', env: 'PORT' },
  { path: 'slack.clientId', env: 'SLACK_CLIENT_ID' },
  { path: 'slack.clientSecret', env: 'SLACK_CLIENT_SECRET', secret: true },
  { path: 'slack.stateSecret', env: 'SLACK_STATE_SECRET', secret: true },
  { path: 'slack.tokenKey', env: 'SLACK_TOKEN_KEY', secret: true },
  { path: 'slack.redirectUri', env: 'SLACK_REDIRECT_URI' },
  { path: 'discord.token', env: 'DISCORD_TOKEN', secret: true },
  { path: 'discord.appId', env: 'DISCORD_APP_ID' },
  { path: 'discord.apiUrl', env: 'DISCORD_API_URL' },
  { path: 'discord.guildId', env: 'DISCORD_GUILD_ID' },
  { path: 'discord.publicKey', env: 'DISCORD_PUBLIC_KEY' },
  { path: 'discord.mode', env: 'DISCORD_MODE' },
  { path: 'llm.apiKey', env: 'OPENAI_API_KEY', secret: true },
  { path: 'llm.baseUrl', env: 'OPENAI_BASE_URL' },
  { path: 'llm.model', env: 'OPENAI_MODEL' },
  { path: 'llm.timeoutMs', env: 'LLM_TIMEOUT_MS' },
  { path: 'llm.maxRetries', env: 'LLM_MAX_RETRIES' },
  { path: 'llm.maxOutputTokens', env: 'LLM_MAX_OUTPUT_TOKENS' },
  { path: 'llm.monthlyTokenBudget', env: 'LLM_MONTHLY_TOKEN_BUDGET' },
  { path: 'llm.cacheTtlMs', env: 'LLM_CACHE_TTL_MS' },
  { path: 'digest.graceHours', env: 'DIGEST_GRACE_HOURS' },
  { path: 'digest.minIntervalMinutes', env: 'DIGEST_MIN_INTERVAL_MINUTES' },
  { path: 'digest.maxAttempts', env: 'DIGEST_MAX_ATTEMPTS' },
  { path: 'digest.backoffBaseMs', env: 'DIGEST_BACKOFF_BASE_MS' },
  { path: 'digest.backoffCapMs', env: 'DIGEST_BACKOFF_CAP_MS' },
  { path: 'digest.leaseMs', env: 'DIGEST_LEASE_MS' },
  { path: 'feedPolling.minIntervalSeconds', env: 'FEEDS_MIN_INTERVAL_SECONDS' },
  { path: 'feedPolling.defaultIntervalSeconds', env: 'FEEDS_DEFAULT_INTERVAL_SECONDS' },
  { path: 'feedPolling.allowPrivateNetworks', env: 'FEEDS_ALLOW_PRIVATE_NETWORKS' },
  { path: 'feedPolling.contactUrl', env: 'FEEDS_CONTACT_URL' },
  { path: 'feedPolling.concurrency', env: 'FEEDS_CONCURRENCY' },
  { path: 'feedPolling.connectTimeoutMs', env: 'FEEDS_CONNECT_TIMEOUT_MS' },
  { path: 'feedPolling.timeoutMs', env: 'FEEDS_TIMEOUT_MS' },
  { path: 'feedPolling.maxBodyBytes', env: 'FEEDS_MAX_BODY_BYTES' },
  { path: 'feedPolling.backoffCapSeconds', env: 'FEEDS_BACKOFF_CAP_SECONDS' },
  { path: 'http.port', env: 'HTTP_PORT' },
  { path: 'http.host', env: 'HTTP_HOST' },
  { path: 'admins', env: 'BRIEFBOT_ADMINS', list: true },
  { path: 'log.level', env: 'LOG_LEVEL' },
  { path: 'log.format', env: 'LOG_FORMAT' },
  { path: 'shutdown.deadlineMs', env: 'SHUTDOWN_DEADLINE_MS' },
];

/** Picks the config file; not itself a setting inside the file. */
export const CONFIG_FILE_ENV = 'BRIEFBOT_CONFIG';

export function settingByPath(path: string): SettingInfo | undefined {
  return SETTINGS.find((s) => s.path === path);
}
