import { describe, expect, it } from 'vitest';
import { normaliseApiUrl } from '../../src/adapters/discord/adapter.js';
import { inviteUrl } from '../../src/adapters/discord/invite-url.js';
import { discordEnabled, loadConfig } from '../../src/config/index.js';
import { configProblems } from '../helpers/config-problems.js';
import { fakeToken } from './discord-harness.js';

const APP = '1234567890123456789';

describe('Discord settings', () => {
  it('is off, with no problems, when neither variable is set', () => {
    expect(discordEnabled(loadConfig({ env: {}, file: null }))).toBe(false);
    expect(discordEnabled(loadConfig({ env: { DISCORD_TOKEN: '  ' }, file: null }))).toBe(false);
  });

  it('accepts a well-formed token and app id and strips "Bot " from the token', () => {
    const token = fakeToken(APP);
    const config = loadConfig({
      env: { DISCORD_TOKEN: `Bot ${token}`, DISCORD_APP_ID: APP, DISCORD_API_URL: 'http://127.0.0.1:9999/api/v10/' },
      file: null,
    });
    expect(discordEnabled(config)).toBe(true);
    expect(config.discord).toEqual({ token, appId: APP, apiUrl: 'http://127.0.0.1:9999/api/v10/' });
  });

  it('gives the adapter one API base whether or not the URL names a version', () => {
    expect(normaliseApiUrl('http://127.0.0.1:9999/api/v10/')).toBe('http://127.0.0.1:9999/api');
    expect(normaliseApiUrl('https://discord.com/api')).toBe('https://discord.com/api');
  });

  it('names the missing variable when only one is set', () => {
    expect(configProblems({ DISCORD_TOKEN: fakeToken(APP) })).toEqual([
      'DISCORD_APP_ID (not set; setting discord.appId): missing: DISCORD_TOKEN is set, so Discord also needs DISCORD_APP_ID (the application id, to register commands)',
    ]);
    expect(configProblems({ DISCORD_APP_ID: APP })).toEqual([
      'DISCORD_TOKEN (not set; setting discord.token): missing: DISCORD_APP_ID is set, so Discord also needs DISCORD_TOKEN',
    ]);
  });

  it('names each malformed variable and never echoes the token', () => {
    const found = configProblems({
      DISCORD_TOKEN: 'xoxb-secret-slack-token',
      DISCORD_APP_ID: 'my-app',
      DISCORD_API_URL: 'ftp://x',
      DISCORD_GUILD_ID: '12',
    });
    expect(found.map((p) => p.split(/[= ]/)[0])).toEqual([
      'DISCORD_TOKEN',
      'DISCORD_APP_ID',
      'DISCORD_API_URL',
      'DISCORD_GUILD_ID',
    ]);
    expect(found.join(' ')).not.toContain('xoxb-secret');
    expect(found[0]).toMatch(
      /^DISCORD_TOKEN=\[redacted\] \(environment\): expected a Discord bot token \(three dot-separated parts/,
    );
    expect(found[1]).toMatch(
      /^DISCORD_APP_ID=my-app \(environment\): expected a Discord application id \(a snowflake of 17-20 digits\)/,
    );
  });

  it('builds an invite URL with the bot and applications.commands scopes and the posting permissions', () => {
    const url = new URL(inviteUrl(APP));
    expect(url.origin + url.pathname).toBe('https://discord.com/oauth2/authorize');
    expect(url.searchParams.get('client_id')).toBe(APP);
    expect(url.searchParams.get('scope')).toBe('bot applications.commands');
    // View Channel, Send Messages, Embed Links, Read Message History.
    expect(url.searchParams.get('permissions')).toBe('84992');
  });
});
