/** The Discord door: what the composition root and the CLI use. */
export { createDiscordAdapter, createDiscordRest, type DiscordAdapter, type DiscordAdapterConfig } from './adapter.js';
export { commandJson, hiddenFromMembers, ADMIN_PERMISSION } from './command-json.js';
export { registerCommands, describeRegistration, type RegisterResult } from './register.js';
export { renderReply, type DiscordMessage } from './render.js';
export { inviteUrl } from './invite-url.js';
