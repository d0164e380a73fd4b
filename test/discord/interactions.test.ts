import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ask from '../../commands/ask.js';
import who from '../../commands/who.js';
import { Bot } from '../../src/core/bot.js';
import { defineCommand } from '../../src/core/command.js';
import { reply, textReply } from '../../src/core/reply.js';
import { SHARE_BUTTON_ID } from '../../src/adapters/discord/answer.js';
import { buttonPress } from '../fakes/discord-payloads.js';
import { assertWithinDiscordLimits } from './limits-assert.js';
import { digestCommand, fixtureServices, MemoryDigests } from './fixture-services.js';
import { rawText, startDiscordHarness, visibleText, type DiscordHarness } from './discord-harness.js';

describe('Discord interactions through the real discord.js client (fast path, no LLM)', () => {
  let h: DiscordHarness;
  const services = fixtureServices();

  beforeAll(async () => {
    const announce = defineCommand({
      name: 'announce',
      description: 'A reply meant for the channel',
      options: {},
      run: async () => textReply('For everyone to see.', { visibility: 'channel' }),
    });
    const long = defineCommand({
      name: 'long',
      description: 'A very long cited reply',
      options: {},
      run: async () =>
        reply({
          title: 'Everything',
          sections: [{ text: 'The framework replaces the initiative [1]. '.repeat(400) }],
          citations: Array.from({ length: 60 }, (_, i) => ({
            n: i + 1,
            articleId: `a${i}`,
            title: `Article ${i + 1}`,
            url: `https://news.example/${i}`,
            published: '2021-10-08',
            quote: 'A quote. '.repeat(30),
          })),
        }),
    });
    h = await startDiscordHarness(new Bot([ask, who, digestCommand, announce, long], services));
  });
  afterAll(async () => {
    await h?.close();
  });

  it('connects with IDENTIFY on gateway v10 JSON, asking for Guilds, GuildMessages and DirectMessages and no privileged intent', () => {
    const identify = h.gateway.events.find((e) => e.kind === 'identify')!;
    // Guilds (1), GuildMessages (1 << 9), DirectMessages (1 << 12): mentions and DMs carry their text without MessageContent.
    expect(identify.data.intents).toBe(1 | (1 << 9) | (1 << 12));
    const privileged = (1 << 1) | (1 << 8) | (1 << 15); // GuildMembers, GuildPresences, MessageContent
    expect(identify.data.intents & privileged).toBe(0);
    const connect = h.gateway.events.find((e) => e.kind === 'connect')!;
    expect(connect.query).toContain('v=10');
    expect(connect.query).toContain('encoding=json');
    expect(h.rest.find('GET', /^\/gateway\/bot$/)).toHaveLength(1);
    expect(h.adapter.isConnected()).toBe(true);
  });

  it('answers /ask at once (type 4) with cited embeds, ephemeral, and no mentions allowed', async () => {
    const a = await h.command('ask', { question: 'What will replace the Merida Initiative?' });
    expect(a.callback.body.type).toBe(4);
    const data = a.callback.body.data;
    expect(data.flags & 64).toBe(64);
    expect(data.allowed_mentions).toEqual({ parse: [] });
    const text = visibleText(data);
    expect(text).toContain('Bicentennial Framework');
    expect(text).toMatch(/\[1\]/);
    // The citation is a linked title with its date.
    expect(text).toContain(
      '[U.S. and Mexico launch security framework](<https://news.example/2021/10/08/security-framework>) · 2021-10-08',
    );
    expect(data.components[0].components[0]).toMatchObject({
      type: 2,
      custom_id: SHARE_BUTTON_ID,
      label: 'Share in channel',
    });
    expect(a.edits).toHaveLength(0);
  });

  it('says honestly when the store has nothing, still within 3 s and ephemeral', async () => {
    const a = await h.command('ask', { question: 'population of Mars colonies' });
    expect(a.callback.body.type).toBe(4);
    expect(visibleText(a.callback.body.data)).toMatch(/not in the store/);
  });

  it('answers autocomplete for /who name with people from the store (type 8)', async () => {
    const a = await h.autocomplete('who', { name: 'mar' }, 'name');
    expect(a.callback.body.type).toBe(8);
    expect(a.callback.body.data.choices).toEqual([{ name: 'Marcelo Ebrard', value: 'Marcelo Ebrard' }]);
  });

  it("refuses a non-admin's /digest subscribe and records nothing", async () => {
    const a = await h.command('digest', { schedule: '0 8 * * *' }, { sub: 'subscribe' });
    expect(a.callback.body.type).toBe(4);
    expect(a.callback.body.data.content).toMatch(/Only admins/);
    expect(a.callback.body.data.flags & 64).toBe(64);
    expect(a.callback.body.data.components).toEqual([]);
    expect((services.digests as MemoryDigests).subs.size).toBe(0);
  });

  it('lets a member with Administrator subscribe, with typed options reaching the command', async () => {
    const a = await h.command('digest', { schedule: '0 8 * * 1-5', quiet: true }, { sub: 'subscribe', user: h.admin });
    expect(a.callback.body.data.content).toBe('Subscribed.');
    const sub = (services.digests as MemoryDigests).subs.get(h.guild.channelId)!;
    expect(sub).toMatchObject({
      schedule: '0 8 * * 1-5',
      quiet: true,
      createdBy: h.admin.id,
      channel: { platform: 'discord', workspace: h.guild.id },
    });
  });

  it('reposts an answer visibly when "Share in channel" is pressed, naming who shared it', async () => {
    const asked = await h.command('ask', { question: 'What will replace the Merida Initiative?' });
    const shared = await h.interact(
      buttonPress(h.appId, h.guild, h.member, SHARE_BUTTON_ID, {
        ...asked.callback.body.data,
        id: 'original',
        author: h.rest.botUser,
      }),
    );
    expect(shared.callback.body.type).toBe(4);
    const data = shared.callback.body.data;
    expect(data.flags ?? 0).toBe(0);
    expect(data.content).toBe('Shared by reporter');
    expect(data.allowed_mentions).toEqual({ parse: [] });
    expect(data.embeds).toEqual(asked.callback.body.data.embeds);
  });

  it('sends a long reply as a reply plus ephemeral follow-ups, each within every limit', async () => {
    const a = await h.command('long');
    expect(a.callback.body.type).toBe(4);
    expect(a.followUps.length).toBeGreaterThan(0);
    expect(a.followUps.every((f) => f.status === 200 && (f.body.flags & 64) === 64)).toBe(true);
    for (const body of a.bodies) assertWithinDiscordLimits(body);
    const all = a.bodies.map(visibleText).join('\n');
    for (let n = 1; n <= 60; n++)
      expect(all).toContain(`**[${n}]** [Article ${n}](<https://news.example/${n - 1}>) · 2021-10-08`);
  });

  it('posts a reply meant for the channel visibly, without a share button', async () => {
    const a = await h.command('announce');
    expect(a.callback.body.type).toBe(4);
    expect(a.callback.body.data.flags ?? 0).toBe(0);
    expect(a.callback.body.data.components).toEqual([]);
    expect(a.callback.body.data.allowed_mentions).toEqual({ parse: [] });
  });

  it('echoes an article containing @everyone without letting it ping anyone', async () => {
    const a = await h.command('ask', { question: 'what did the protesters note read at the plaza' });
    const data = a.callback.body.data;
    expect(visibleText(data)).toContain('@everyone');
    expect(data.allowed_mentions).toEqual({ parse: [] });
    // The article's fake link and javascript: URL are shown as text, never as a link.
    expect(visibleText(data)).toContain('[click](https://evil.example)');
    expect(rawText(data)).not.toMatch(/(?<!\\)\[[^\]]*(?<!\\)\]\(/);
    expect(rawText(data)).not.toContain('javascript:');
  });
});

describe('Discord interactions when the LLM path is on (slow commands)', () => {
  let h: DiscordHarness;

  beforeAll(async () => {
    // Not declared slow, but takes longer than the adapter's deferral margin.
    const lag = defineCommand({
      name: 'lag',
      description: 'Takes a while',
      options: {},
      run: () => new Promise((resolve) => setTimeout(() => resolve(textReply('done after a wait')), 2_000)),
    });
    const slowAnnounce = defineCommand({
      name: 'announce',
      description: 'Slow, for the channel',
      slow: true,
      options: {},
      run: async () => textReply('For everyone to see.', { visibility: 'channel' }),
    });
    h = await startDiscordHarness(new Bot([ask, who, lag, slowAnnounce], fixtureServices({ llm: true })));
  });
  afterAll(async () => {
    await h?.close();
  });

  it('defers a slow command (type 5, ephemeral) and then edits the original response', async () => {
    const a = await h.command('ask', { question: 'What will replace the Merida Initiative?' });
    expect(a.callback.body.type).toBe(5);
    expect(a.callback.body.data.flags & 64).toBe(64);
    expect(a.edits).toHaveLength(1);
    expect(a.edits[0].path).toMatch(/\/messages\/@original$/);
    expect(a.edits[0].status).toBe(200);
    expect(visibleText(a.edits[0].body)).toContain('Bicentennial Framework');
    expect(a.edits[0].body.allowed_mentions).toEqual({ parse: [] });
  });

  it('defers a command not declared slow once it lags, so the 3 s window is never missed', async () => {
    const a = await h.command('lag');
    expect(a.callback.body.type).toBe(5);
    expect(a.edits.map((e) => e.body.content)).toEqual(['done after a wait']);
  });

  it('after an ephemeral deferral, posts a reply meant for the channel as a visible follow-up', async () => {
    const a = await h.command('announce');
    expect(a.callback.body.type).toBe(5);
    expect(a.edits.map((e) => e.body.content)).toEqual(['Posted in the channel.']);
    expect(a.followUps).toHaveLength(1);
    expect(a.followUps[0].body.content).toBe('For everyone to see.');
    expect(a.followUps[0].body.flags ?? 0).toBe(0);
    expect(a.followUps[0].body.allowed_mentions).toEqual({ parse: [] });
  });

  it('still answers a fast command at once', async () => {
    const a = await h.command('who', { name: 'Ebrard' });
    expect(a.callback.body.type).toBe(4);
  });
});

describe('Discord autocomplete when the store is slow', () => {
  let h: DiscordHarness;

  beforeAll(async () => {
    const services = fixtureServices();
    // A store that takes longer than autocomplete's window (which cannot be deferred).
    services.cast = {
      ...services.cast,
      peopleNames: () => new Promise((resolve) => setTimeout(() => resolve(['Too Late']), 4_000)),
    };
    h = await startDiscordHarness(new Bot([who], services));
  });
  afterAll(async () => {
    await h?.close();
  });

  it('answers in time with no suggestions rather than letting the interaction fail', async () => {
    const a = await h.autocomplete('who', { name: 'mar' }, 'name');
    expect(a.callback.body).toEqual({ type: 8, data: { choices: [] } });
  });
});
