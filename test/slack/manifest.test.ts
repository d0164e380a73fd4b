import { describe, expect, it } from 'vitest';
import { allCommands } from '../../commands/index.js';
import { buildSlackManifest, usageHint } from '../../src/adapters/slack/manifest.js';
import { usageOf } from '../../src/core/parse-options.js';

describe('Slack app manifest', () => {
  it('declares every command in commands/ plus the umbrella /briefbot, with descriptions and usage hints', () => {
    const m = buildSlackManifest(allCommands, { socket: true });
    const slash = m.features.slash_commands;
    expect(slash.map((s) => s.command).sort()).toEqual([...allCommands.map((c) => `/${c.name}`), '/briefbot'].sort());
    for (const cmd of allCommands) {
      const s = slash.find((x) => x.command === `/${cmd.name}`)!;
      expect(s.description).toBe(cmd.description);
      expect(s.should_escape).toBe(false);
      expect(s.command.length).toBeLessThanOrEqual(32);
      if (!cmd.subcommands) expect(`/${cmd.name} ${s.usage_hint ?? ''}`.trim()).toBe(usageOf(cmd.name, cmd.options));
    }
    expect(slash.find((s) => s.command === '/ask')!.usage_hint).toBe('<question>');
  });

  it('derives a usage hint listing each action for commands with subcommands', () => {
    const digest = allCommands.find((c) => c.name === 'digest')!;
    const hint = usageHint(digest);
    for (const sub of Object.keys(digest.subcommands!)) expect(hint).toContain(sub);
    expect(hint.split(' | ')[0]).toBe(
      usageOf('digest', digest.subcommands!.subscribe.options, 'subscribe').replace(/^\/digest /, ''),
    );
  });

  it('asks for the commands, chat:write, channels:history, app_mentions:read and im:history scopes and enables interactivity for the share button', () => {
    const m = buildSlackManifest(allCommands);
    expect(m.oauth_config.scopes.bot).toEqual([
      'commands',
      'chat:write',
      'channels:history',
      'app_mentions:read',
      'im:history',
    ]);
    expect(m.settings.interactivity.is_enabled).toBe(true);
    expect(m.display_information.name.length).toBeLessThanOrEqual(35);
    expect(m.display_information.description.length).toBeLessThanOrEqual(140);
  });

  it('enables Socket Mode without request URLs by default', () => {
    const m = buildSlackManifest(allCommands, { socket: true });
    expect(m.settings.socket_mode_enabled).toBe(true);
    expect(JSON.stringify(m)).not.toContain('request_url');
    expect(m.features.slash_commands.every((s) => s.url === undefined)).toBe(true);
  });

  it('points every command and interactivity at /slack/events in HTTP mode', () => {
    const m = buildSlackManifest(allCommands, { url: 'https://bot.example.org' });
    expect(m.settings.socket_mode_enabled).toBe(false);
    expect(m.settings.interactivity.request_url).toBe('https://bot.example.org/slack/events');
    expect(m.features.slash_commands.every((s) => s.url === 'https://bot.example.org/slack/events')).toBe(true);
    expect(
      buildSlackManifest(allCommands, { url: 'https://bot.example.org/custom/path' }).settings.interactivity
        .request_url,
    ).toBe('https://bot.example.org/custom/path');
  });

  it('subscribes to mentions, DMs and uninstalls, and opens the Messages tab so people can write to the bot', () => {
    const socket = buildSlackManifest(allCommands, { socket: true });
    expect(socket.settings.event_subscriptions).toEqual({
      bot_events: ['app_mention', 'message.im', 'app_uninstalled', 'tokens_revoked'],
    });
    expect(socket.features.app_home).toMatchObject({
      messages_tab_enabled: true,
      messages_tab_read_only_enabled: false,
    });
    const http = buildSlackManifest(allCommands, { url: 'https://bot.example.org' });
    expect(http.settings.event_subscriptions.request_url).toBe('https://bot.example.org/slack/events');
    expect(http.oauth_config.redirect_urls).toBeUndefined();
  });

  it('for several workspaces, lists the OAuth redirect URL and turns token rotation on when asked', () => {
    const m = buildSlackManifest(allCommands, { url: 'https://bot.example.org', oauth: true, tokenRotation: true });
    expect(m.oauth_config.redirect_urls).toEqual(['https://bot.example.org/slack/oauth_redirect']);
    expect(m.settings.token_rotation_enabled).toBe(true);
    expect(
      buildSlackManifest(allCommands, { url: 'https://bot.example.org', oauth: true }).settings.token_rotation_enabled,
    ).toBe(false);
    expect(() => buildSlackManifest(allCommands, { socket: true, oauth: true })).toThrow(/needs HTTP mode/);
    expect(() => buildSlackManifest(allCommands, { url: 'https://bot.example.org', tokenRotation: true })).toThrow(
      /goes with --oauth/,
    );
  });

  it('refuses conflicting or unusable options with a clear message', () => {
    expect(() => buildSlackManifest(allCommands, { socket: true, url: 'https://x.example' })).toThrow(/not both/);
    expect(() => buildSlackManifest(allCommands, { url: 'http://x.example' })).toThrow(/must use https/);
    expect(() => buildSlackManifest(allCommands, { url: 'not a url' })).toThrow(/full https URL/);
    expect(() => buildSlackManifest(allCommands, { name: 'A name that is far too long for Slack to accept' })).toThrow(
      /1–35 characters/,
    );
  });
});
