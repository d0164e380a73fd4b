import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatInput, nextSnowflake, type OptionValue } from '../fakes/discord-payloads.js';
import { DISCORD_ERRORS } from '../fakes/discord-rest.js';
import { makeTestBot, type TestBot } from '../helpers/test-bot.js';
import { startDiscordHarness, visibleText, type DiscordHarness } from './discord-harness.js';

/**
 * The whole path: /digest through Discord, the real digest service and ledger, posting back
 * through the Discord adapter to the REST stand-in, and the outcome shown by /digest list.
 */
describe('Discord digests end to end (real bot, real digest ledger)', () => {
  let tb: TestBot;
  let h: DiscordHarness;
  const otherChannel = nextSnowflake();

  beforeAll(async () => {
    tb = await makeTestBot();
    h = await startDiscordHarness(tb.bot);
    tb.adapters.set('discord', h.adapter);
  }, 60_000);
  afterAll(async () => {
    await h?.close();
    await tb?.close();
  });

  /** A /digest call in a given channel of the test guild. */
  async function digest(
    sub: string,
    values: Record<string, OptionValue>,
    opts: { channelId?: string; admin?: boolean } = {},
  ) {
    const p = chatInput(h.appId, h.guild, opts.admin ? h.admin : h.member, 'digest', values, sub);
    if (opts.channelId) {
      p.channel_id = opts.channelId;
      p.channel = { ...p.channel, id: opts.channelId, name: 'briefings' };
    }
    const a = await h.interact(p);
    return a.bodies.map(visibleText).join('\n');
  }

  it('refuses a member who is not an admin, and subscribes nothing', async () => {
    expect(await digest('subscribe', { schedule: '0 8 * * 1-5' })).toMatch(/Only admins/);
    expect(await digest('list', {})).toMatch(/No channel has a digest/);
  });

  it('records 403 Missing Access on the subscription and shows it in /digest list', async () => {
    expect(
      await digest('subscribe', { schedule: '0 8 * * 1-5', timezone: 'America/Mexico_City' }, { admin: true }),
    ).toMatch(/Subscribed/);
    h.rest.channelErrors.set(h.guild.channelId, DISCORD_ERRORS.missingAccess);
    expect(await digest('now', {}, { admin: true })).toMatch(/could not be posted: missing_access/);
    expect(await digest('list', {})).toMatch(/Channel error: missing_access/);
  });

  it('still delivers to another channel, waiting out a 429 and posting once', async () => {
    expect(await digest('subscribe', { schedule: '0 9 * * *' }, { admin: true, channelId: otherChannel })).toMatch(
      /Subscribed/,
    );
    h.rest.rateLimit('POST', `/channels/${otherChannel}/messages`, 0.5);
    expect(await digest('now', {}, { admin: true, channelId: otherChannel })).toMatch(/Posted the digest/);
    const attempts = h.rest.find('POST', new RegExp(`^/channels/${otherChannel}/messages$`));
    expect(attempts[0].status).toBe(429);
    expect(attempts.slice(1).every((a) => a.status === 200)).toBe(true);
    const posted = h.rest.messages.get(otherChannel)!;
    expect(posted.length).toBe(attempts.length - 1);
    expect(posted.every((m) => m.allowed_mentions?.parse?.length === 0)).toBe(true);
    expect(posted[0].embeds.at(-1).footer.text).toMatch(/ref briefbot-digest:/);
  });
});
