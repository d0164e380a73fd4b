import type { Logger } from 'pino';

/** Everything the Slack door needs, read once at start by the composition root. */
export interface SlackAdapterConfig {
  /** Bot token (xoxb-…): SLACK_BOT_TOKEN. */
  botToken: string;
  /** App-level token (xapp-…): SLACK_APP_TOKEN. Present → Socket Mode. */
  appToken?: string;
  /** SLACK_SIGNING_SECRET, for HTTP mode. */
  signingSecret?: string;
  /** SLACK_API_URL: the Web API base (GovSlack, a proxy, a local test server). */
  apiUrl?: string;
  /** PORT for HTTP mode (default 3000). 0 picks a free port. */
  port?: number;
  /** Interface to bind in HTTP mode; all interfaces when unset. */
  host?: string;
  /** Slack user ids with admin rights (config `admins`). */
  admins: readonly string[];
  logger: Logger;
  /**
   * How long a "fast" command may run before the acknowledgement goes out without it. Slack
   * gives 3,000 ms for the whole round trip, so the default leaves room for the network.
   */
  ackBudgetMs?: number;
  /**
   * Socket Mode: how long to wait for a pong before treating the connection as dead (pings go
   * out every third of it), and the base delay before reconnecting. Default 5,000 ms.
   */
  socketPingTimeoutMs?: number;
}

/** The environment variables this adapter reads. */
export interface SlackEnv {
  SLACK_BOT_TOKEN?: string;
  SLACK_APP_TOKEN?: string;
  SLACK_SIGNING_SECRET?: string;
  SLACK_API_URL?: string;
  PORT?: string;
}

const present = (v: string | undefined): v is string => v !== undefined && v.trim() !== '';

/** True when any Slack credential is set, i.e. the operator means to run the Slack door. */
export function slackRequested(env: SlackEnv): boolean {
  return present(env.SLACK_BOT_TOKEN) || present(env.SLACK_APP_TOKEN) || present(env.SLACK_SIGNING_SECRET);
}

/**
 * Problems with the Slack settings, each naming the variable and what it expects; empty when the
 * settings are usable or when Slack is not configured at all (nothing set).
 */
export function slackConfigProblems(env: SlackEnv): string[] {
  if (!slackRequested(env)) return [];
  const problems: string[] = [];
  const bot = env.SLACK_BOT_TOKEN?.trim();
  const app = env.SLACK_APP_TOKEN?.trim();
  const secret = env.SLACK_SIGNING_SECRET;
  if (!present(bot)) {
    problems.push('SLACK_BOT_TOKEN is missing: the Slack door needs the bot token (xoxb-…) from "OAuth & Permissions".');
  } else if (!bot.startsWith('xoxb-')) {
    problems.push(`SLACK_BOT_TOKEN must be a bot token starting with "xoxb-" (got one starting with "${bot.slice(0, 5)}").`);
  }
  if (present(app) && !app.startsWith('xapp-')) {
    problems.push(`SLACK_APP_TOKEN must be an app-level token starting with "xapp-" (got one starting with "${app.slice(0, 5)}").`);
  }
  if (!present(app)) {
    if (secret !== undefined && secret.trim() === '') {
      problems.push('SLACK_SIGNING_SECRET is empty: copy the signing secret from "Basic Information".');
    } else if (secret === undefined) {
      problems.push('Set SLACK_APP_TOKEN (xapp-…, Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode) next to SLACK_BOT_TOKEN.');
    }
  }
  if (present(env.SLACK_API_URL)) {
    let url: URL | undefined;
    try {
      url = new URL(env.SLACK_API_URL);
    } catch {
      url = undefined;
    }
    if (!url || !/^https?:$/.test(url.protocol)) {
      problems.push(`SLACK_API_URL must be an http(s) URL such as https://slack.com/api/ (got "${env.SLACK_API_URL}").`);
    }
  }
  if (env.PORT !== undefined && env.PORT.trim() !== '') {
    const port = Number(env.PORT);
    if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push(`PORT must be a whole number from 0 to 65535 (got "${env.PORT}").`);
  }
  return problems;
}

/**
 * Reads the Slack settings from the environment: undefined when Slack is not configured, else a
 * config; throws one Error listing every problem when the settings are set but unusable.
 */
export function slackConfigFromEnv(
  env: SlackEnv,
  rest: Pick<SlackAdapterConfig, 'admins' | 'logger'> & Partial<SlackAdapterConfig>,
): SlackAdapterConfig | undefined {
  if (!slackRequested(env)) return undefined;
  const problems = slackConfigProblems(env);
  if (problems.length) throw new Error(`Slack is not configured correctly:\n- ${problems.join('\n- ')}`);
  return {
    ...rest,
    botToken: env.SLACK_BOT_TOKEN!.trim(),
    appToken: present(env.SLACK_APP_TOKEN) ? env.SLACK_APP_TOKEN.trim() : undefined,
    signingSecret: env.SLACK_SIGNING_SECRET,
    apiUrl: present(env.SLACK_API_URL) ? env.SLACK_API_URL.trim() : undefined,
    port: present(env.PORT) ? Number(env.PORT) : (rest.port ?? 3000),
  };
}

/** Checks a config built by hand (not from the environment) with the same messages. */
export function assertSlackConfig(config: SlackAdapterConfig): void {
  const problems = slackConfigProblems({
    SLACK_BOT_TOKEN: config.botToken ?? '',
    SLACK_APP_TOKEN: config.appToken,
    SLACK_SIGNING_SECRET: config.signingSecret,
    SLACK_API_URL: config.apiUrl,
    PORT: config.port === undefined ? undefined : String(config.port),
  });
  if (problems.length) throw new Error(`Slack is not configured correctly:\n- ${problems.join('\n- ')}`);
}

/** The Web API base with the trailing slash @slack/web-api expects (it appends the method name). */
export function normalizeApiUrl(apiUrl: string | undefined): string | undefined {
  if (!apiUrl) return undefined;
  return apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`;
}
