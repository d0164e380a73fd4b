/** The Slack door: what the composition root and the CLI use. */
export { createSlackAdapter, type SlackAdapter } from './slack-adapter.js';
export type { SlackAdapterConfig } from './config.js';
export { buildSlackManifest, SLACK_BOT_SCOPES, type ManifestOptions, type SlackManifest } from './manifest.js';
export { renderReply, SLACK_LIMITS, type SlackMessage } from './render.js';
