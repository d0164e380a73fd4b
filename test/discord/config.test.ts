import { describe, expect, it } from 'vitest';
import { discordConfigProblems, discordRequested, readDiscordSettings } from '../../src/adapters/discord/config.js';
import { inviteUrl } from '../../src/adapters/discord/invite-url.js';
import { fakeToken } from './discord-harness.js';

const APP = '1234567890123456789';

describe('Discord settings', () => {
  it('is off, with no problems, when neither variable is set', () => {
    expect(discordRequested({})).toBe(false);
    expect(discordConfigProblems({ DISCORD_TOKEN: '  ' })).toEqual([]);
  });

  it('accepts a well-formed token and app id, strips "Bot " and normalises the API base', () => {
    const token = fakeToken(APP);
    expect(readDiscordSettings({ DISCORD_TOKEN: `Bot ${token}`, DISCORD_APP_ID: APP, DISCORD_API_URL: 'http://127.0.0.1:9999/api/v10/' })).toEqual({
      token,
      appId: APP,
      apiUrl: 'http://127.0.0.1:9999/api',
      guildId: undefined,
    });
  });

  it('names the missing variable when only one is set', () => {
    expect(discordConfigProblems({ DISCORD_TOKEN: fakeToken(APP) })).toEqual(['DISCORD_APP_ID is required.']);
  });

  it('names each malformed variable and never echoes the token', () => {
    const problems = discordConfigProblems({ DISCORD_TOKEN: 'xoxb-secret-slack-token', DISCORD_APP_ID: 'my-app', DISCORD_API_URL: 'ftp://x', DISCORD_GUILD_ID: '12' });
    expect(problems.map((p) => p.split(' ')[0])).toEqual(['DISCORD_TOKEN', 'DISCORD_APP_ID', 'DISCORD_API_URL', 'DISCORD_GUILD_ID']);
    expect(problems.join(' ')).not.toContain('xoxb-secret');
    expect(() => readDiscordSettings({ DISCORD_TOKEN: 'nope', DISCORD_APP_ID: APP })).toThrow(/DISCORD_TOKEN must be a bot token/);
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
