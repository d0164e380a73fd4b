import { describe, expect, it } from 'vitest';
import { createDiscordAdapter } from '../../src/adapters/discord/adapter.js';
import { Bot } from '../../src/core/bot.js';
import { defineCommand } from '../../src/core/command.js';
import { textReply } from '../../src/core/reply.js';
import { silentLogger } from '../../src/log.js';
import { FakeDiscordGateway } from '../fakes/discord-gateway.js';
import { chatInput, makeGuild, nextSnowflake } from '../fakes/discord-payloads.js';
import { FakeDiscordRest } from '../fakes/discord-rest.js';
import { fakeToken, startDiscordHarness } from './discord-harness.js';
import { fixtureServices } from './fixture-services.js';

describe('Discord adapter lifecycle', () => {
  it('refuses to start with a token Discord rejects, saying it is DISCORD_TOKEN', async () => {
    const appId = nextSnowflake();
    const rest = await new FakeDiscordRest(fakeToken(appId), appId).start();
    const adapter = createDiscordAdapter({
      token: fakeToken(appId),
      appId,
      apiUrl: rest.apiUrl,
      admins: [],
      logger: silentLogger(),
    });
    try {
      await expect(adapter.start(new Bot([], fixtureServices()))).rejects.toThrow(/DISCORD_TOKEN/);
      expect(adapter.isConnected()).toBe(false);
    } finally {
      await adapter.stop();
      await rest.close();
    }
  });

  it('accepts DISCORD_API_URL with a version suffix and takes the gateway address from its /gateway/bot', async () => {
    const appId = nextSnowflake();
    const token = fakeToken(appId);
    const guild = makeGuild();
    const rest = await new FakeDiscordRest(token, appId).start();
    const gateway = await new FakeDiscordGateway({ token, appId, botUser: rest.botUser, guilds: [guild] }).start();
    rest.gatewayUrl = gateway.url;
    const adapter = createDiscordAdapter({
      token,
      appId,
      apiUrl: `${rest.apiUrl}/v10/`,
      admins: [],
      logger: silentLogger(),
    });
    try {
      await adapter.start(new Bot([], fixtureServices()));
      expect(adapter.isConnected()).toBe(true);
      expect(rest.find('GET', /^\/gateway\/bot$/)).toHaveLength(1);
      expect(gateway.count('identify')).toBe(1);
    } finally {
      await adapter.stop();
      await gateway.close();
      await rest.close();
    }
  });

  it('finishes an in-flight answer before stopping, and stops twice without complaint', async () => {
    const slow = defineCommand({
      name: 'slow',
      description: 'Takes a while',
      options: {},
      run: () => new Promise((resolve) => setTimeout(() => resolve(textReply('finished')), 1_800)),
    });
    const h = await startDiscordHarness(new Bot([slow], fixtureServices()));
    try {
      const p = chatInput(h.appId, h.guild, h.member, 'slow');
      h.gateway.dispatch('INTERACTION_CREATE', p);
      await h.rest.waitForRequest((r) => r.path === `/interactions/${p.id}/${p.token}/callback`);
      await h.adapter.stop();
      const edits = h.rest.find('PATCH', new RegExp(`/webhooks/${h.appId}/${p.token}/messages/@original$`));
      expect(edits.map((e) => e.body.content)).toEqual(['finished']);
      expect(h.adapter.isConnected()).toBe(false);
      await h.adapter.stop();
    } finally {
      await h.close();
    }
  });
});
