import type { Logger } from 'pino';

/**
 * Everything the Slack door needs. The values arrive checked: src/config/schema.ts validates the
 * tokens, their pairing, the URL and the port once at start, and names the setting when one is wrong.
 */
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

/** The Web API base with the trailing slash @slack/web-api expects (it appends the method name). */
export function normalizeApiUrl(apiUrl: string | undefined): string | undefined {
  if (!apiUrl) return undefined;
  return apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`;
}
