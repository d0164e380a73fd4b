export { loadConfig, ConfigError, maskUrlPassword, type LoadConfigOptions } from './load-config.js';
export { configSchema, LOG_LEVELS, type Config } from './schema.js';
export { SETTINGS, CONFIG_FILE_ENV, type SettingInfo } from './settings.js';
export {
  slackEnabled,
  slackSocketMode,
  slackMultiWorkspace,
  discordEnabled,
  discordMode,
  llmEnabled,
  usesPostgres,
  redactedConfig,
} from './features.js';
