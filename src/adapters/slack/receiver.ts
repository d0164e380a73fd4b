import { HTTPReceiver, SocketModeReceiver, type InstallationStore } from '@slack/bolt';
import type { Logger } from 'pino';
import { normalizeApiUrl, type SlackAdapterConfig } from './config.js';
import { SLACK_BOT_SCOPES } from './manifest.js';
import { toSlackLogger } from './slack-logger.js';
import { slackClientOptions } from './web-client.js';

export interface SocketEvents {
  onConnected(): void;
  onLost(state: string): void;
}

/**
 * Socket Mode when an app token is configured; otherwise Bolt's HTTPReceiver on PORT at
 * /slack/events, with the OAuth installer's /slack/install and /slack/oauth_redirect when several
 * workspaces are served, and any shared routes (Discord's interactions endpoint) beside them.
 */
export function buildReceiver(
  config: SlackAdapterConfig,
  logger: Logger,
  installationStore: InstallationStore | undefined,
  socket: SocketEvents,
): HTTPReceiver | SocketModeReceiver {
  const slackLogger = toSlackLogger(logger.child({ component: 'bolt' }));
  if (config.appToken) {
    const receiver = new SocketModeReceiver({
      appToken: config.appToken,
      logger: slackLogger,
      // Pong deadline, and the reconnect delay (times the failure count).
      clientPingTimeout: config.socketPingTimeoutMs ?? 5000,
      // Only the base URL and a timeout: the socket client keeps its own retry policy for
      // apps.connections.open (many quick retries), which is what makes reconnection survive a
      // network blip. Posts never go through this client.
      installerOptions: { clientOptions: { slackApiUrl: normalizeApiUrl(config.apiUrl), timeout: 15_000 } },
    });
    receiver.client.on('connected', socket.onConnected);
    for (const state of ['disconnected', 'reconnecting', 'disconnecting'])
      receiver.client.on(state, () => socket.onLost(state));
    return receiver;
  }
  const oauth = config.oauth;
  return new HTTPReceiver({
    signingSecret: config.signingSecret!,
    endpoints: '/slack/events',
    logger: slackLogger,
    port: config.port ?? 3000,
    customRoutes: (config.routes ?? []).map((r) => ({ path: r.path, method: r.method, handler: r.handler })),
    ...(oauth
      ? {
          clientId: oauth.clientId,
          clientSecret: oauth.clientSecret,
          stateSecret: oauth.stateSecret,
          redirectUri: oauth.redirectUri,
          installationStore,
          scopes: [...SLACK_BOT_SCOPES],
          // oauth.v2.access and auth.test during an install go to the same Web API base as everything else.
          installerOptions: { clientOptions: slackClientOptions(config.apiUrl, logger), stateVerification: true },
        }
      : {}),
  });
}
