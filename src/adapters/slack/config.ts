import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { ChatStore } from '../../chat-store/chat-store.js';
import type { InFlight } from '../../in-flight.js';

/** Several workspaces: Bolt's OAuth installer at /slack/install and /slack/oauth_redirect (HTTP mode). */
export interface SlackOAuthConfig {
  clientId: string;
  clientSecret: string;
  /** Signs the OAuth state Bolt checks against the installer's browser cookie. */
  stateSecret: string;
  /** SLACK_TOKEN_KEY: seals each workspace's tokens in the store. */
  tokenKey: string;
  redirectUri?: string;
}

/** A route served beside /slack/events by Bolt's HTTP receiver (Discord's /discord/interactions). */
export interface SharedRoute {
  path: string;
  method: 'GET' | 'POST';
  handler(req: IncomingMessage, res: ServerResponse): void;
}

/**
 * Everything the Slack door needs. The values arrive checked: src/config/schema.ts validates the
 * tokens, their pairing, the URL and the port once at start, and names the setting when one is wrong.
 */
export interface SlackAdapterConfig {
  /** Bot token (xoxb-…): SLACK_BOT_TOKEN, for one workspace. Either this or `oauth`. */
  botToken?: string;
  /** Several workspaces through the OAuth installer. Either this or `botToken`. */
  oauth?: SlackOAuthConfig;
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
  /** Thread topics, shares, claims and installations; a private in-memory one when absent (tests, tools). */
  chat?: ChatStore;
  /** Work this door owes; the process's own in the bot, so shutdown waits for it. */
  inFlight?: InFlight;
  /** Extra routes on the HTTP receiver's port (HTTP mode only). */
  routes?: readonly SharedRoute[];
  /** Called after a workspace uninstalls the app or revokes its token, to end its digests. */
  onWorkspaceRemoved?(workspace: string): Promise<unknown>;
}

/** The Web API base with the trailing slash @slack/web-api expects (it appends the method name). */
export function normalizeApiUrl(apiUrl: string | undefined): string | undefined {
  if (!apiUrl) return undefined;
  return apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`;
}
