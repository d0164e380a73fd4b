/** The Slack door: what the composition root and the CLI use. */
export { createSlackAdapter, type SlackAdapter } from './slack-adapter.js';
export type { SharedRoute, SlackAdapterConfig, SlackOAuthConfig } from './config.js';
export {
  buildSlackManifest,
  SLACK_BOT_EVENTS,
  SLACK_BOT_SCOPES,
  type ManifestOptions,
  type SlackManifest,
} from './manifest.js';
export { renderReply, SLACK_LIMITS, type SlackMessage } from './render.js';
