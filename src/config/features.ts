import type { Config } from './schema.js';
import { SETTINGS } from './settings.js';
import { maskUrlPassword } from './load-config.js';

/** Slack runs when its bot token (one workspace) or its client id (several) is set; the schema has checked the rest. */
export function slackEnabled(config: Config): boolean {
  return Boolean(config.slack.botToken || config.slack.clientId);
}

/** Several workspaces through the OAuth installer, rather than one bot token. */
export function slackMultiWorkspace(config: Config): boolean {
  return Boolean(config.slack.clientId);
}

/**
 * How Discord is reached: the gateway (default), HTTP interactions only (no gateway connection:
 * serverless hosts, replicas behind a load balancer), or both (interactions over HTTP, mentions
 * and DMs over the gateway). A public key alone means both.
 */
export function discordMode(config: Config): 'gateway' | 'http' | 'both' {
  return config.discord.mode ?? (config.discord.publicKey ? 'both' : 'gateway');
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
