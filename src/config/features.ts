import type { Config } from './schema.js';
import { SETTINGS } from './settings.js';
import { maskUrlPassword } from './load-config.js';

/** Slack runs when its bot token is set (the schema has already required its pair). */
export function slackEnabled(config: Config): boolean {
  return Boolean(config.slack.botToken);
}

/** Slack mode: Socket Mode with an app-level token, otherwise HTTP with the signing secret. */
export function slackSocketMode(config: Config): boolean {
  return Boolean(config.slack.appToken);
}

export function discordEnabled(config: Config): boolean {
  return Boolean(config.discord.token && config.discord.appId);
}

/** A key, or a base URL alone (Ollama, llama.cpp and vLLM need no key). */
export function llmEnabled(config: Config): boolean {
  return Boolean(config.llm.apiKey || config.llm.baseUrl);
}

export function usesPostgres(config: Config): boolean {
  return Boolean(config.store.databaseUrl);
}

/** A copy safe to log or print: secrets replaced by "[set]", the database password masked. */
export function redactedConfig(config: Config): Config {
  const copy = structuredClone(config) as Record<string, any>;
  for (const s of SETTINGS.filter((x) => x.secret)) {
    const [group, key] = s.path.split('.');
    const value = copy[group]?.[key];
    if (value === undefined) continue;
    copy[group][key] = s.path === 'store.databaseUrl' ? maskUrlPassword(String(value)) : '[set]';
  }
  return copy as Config;
}
