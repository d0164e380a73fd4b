import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guildMessage, directMessage, makeUser, nextSnowflake, PERMS } from '../fakes/discord-payloads.js';
import type { RecordedRequest } from '../fakes/discord-rest.js';
import { makeTestBot, type TestBot } from '../helpers/test-bot.js';
import { assertWithinDiscordLimits } from './limits-assert.js';
import { startDiscordHarness, visibleText, type DiscordHarness } from './discord-harness.js';

/**
 * Mentions and DMs through the real discord.js client on the local gateway, answered by the real
 * core and answerer over a real SQLite store; the replies are checked on the fake REST API.
 */
describe('Discord mentions, DMs and threads (no privileged intent)', () => {
  let tb: TestBot;
  let h: DiscordHarness;
  const bot = () => ({ id: h.rest.botUser.id, username: 'briefbot' });

  beforeAll(async () => {
    tb = await makeTestBot();
    h = await startDiscordHarness(tb.bot, { chat: tb.chat });
  }, 60_000);
  afterAll(async () => {
    await h?.close();
    await tb?.close();
  });

  /** Dispatches MESSAGE_CREATE and returns the bot's messages replying to it (or posted after it in its channel). */
  async function send(message: Record<string, any>): Promise<RecordedRequest[]> {
    const before = h.rest.requests.length;
    h.gateway.dispatch('MESSAGE_CREATE', message);
    await h.rest.waitForRequest(
      (r) =>
        r.method === 'POST' &&
        r.path === `/channels/${message.channel_id}/messages` &&
        r.body?.message_reference?.message_id === message.id,
    );
    await h.adapter.settled();
    return h.rest.requests
      .slice(before)
      .filter((r) => r.method === 'POST' && r.path === `/channels/${message.channel_id}/messages`);
  }

  /** The message as Discord stored it, to reply to. */
  const stored = (req: RecordedRequest) =>
    h.rest.messages
      .get(req.path.split('/')[2])!
      .find((m) => m.embeds === req.body.embeds || m.content === req.body.content)!;

  it('answers a mention as a reply to the message, cited in embeds, pinging no one', async () => {
    const m = guildMessage(h.guild, h.member, `<@${bot().id}> What will replace the Merida Initiative?`, {
      mentions: [bot()],
    });
    const [reply] = await send(m);
    expect(reply.status).toBe(200);
    expect(reply.body.message_reference).toMatchObject({ message_id: m.id, fail_if_not_exists: false });
    expect(reply.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    const text = visibleText(reply.body);
    expect(text).toContain('Merida Initiative');
    expect(text).toContain('U.S. and Mexico hold High-Level Security Dialogue in Mexico City');
    assertWithinDiscordLimits({ ...reply.body, allowed_mentions: { parse: reply.body.allowed_mentions.parse } });
  });

  it('runs the command a mention names: "@briefbot brief fentanyl" is /brief', async () => {
    const [reply] = await send(guildMessage(h.guild, h.member, `<@${bot().id}> brief fentanyl`, { mentions: [bot()] }));
    expect(visibleText(reply.body)).toMatch(/fentanyl/i);
  });

  it('answers a DM, running "who ebrard" as /who', async () => {
    const dm = directMessage(nextSnowflake(), h.member, 'who ebrard');
    const [reply] = await send(dm);
    expect(visibleText(reply.body)).toMatch(/Marcelo Ebrard/);
  });

  it('answers a follow-up that replies to its answer about the same story', async () => {
    const [answer] = await send(
      guildMessage(h.guild, h.member, `<@${bot().id}> Who leads the Mexican side?`, { mentions: [bot()] }),
    );
    expect(visibleText(answer.body)).toMatch(/Ebrard/);
    const [followUp] = await send(
      guildMessage(h.guild, h.member, `<@${bot().id}> and when did they meet?`, {
        mentions: [bot()],
        replyTo: stored(answer),
      }),
    );
    expect(visibleText(followUp.body)).toMatch(/Friday/);
    // Without the conversation, the same words name nothing the store can answer.
    const [alone] = await send(
      guildMessage(h.guild, h.member, `<@${bot().id}> and when did they meet?`, { mentions: [bot()] }),
    );
    expect(visibleText(alone.body)).toMatch(/not in the store/i);
  });

  it("answers in a thread, where a later question inherits the thread's topic", async () => {
    const inThread = { channelId: h.guild.threadId, mentions: [bot()] };
    const [answer] = await send(
      guildMessage(h.guild, h.member, `<@${bot().id}> Who leads the Mexican side?`, inThread),
    );
    expect(answer.path).toBe(`/channels/${h.guild.threadId}/messages`);
    const [followUp] = await send(guildMessage(h.guild, h.member, `<@${bot().id}> and when did they meet?`, inThread));
    expect(visibleText(followUp.body)).toMatch(/Friday/);
  });

  it('follows up in a DM without replying to anything: the DM is the conversation', async () => {
    const dmChannel = nextSnowflake();
    await send(directMessage(dmChannel, h.member, 'Who leads the Mexican side?'));
    const [followUp] = await send(directMessage(dmChannel, h.member, 'and when did they meet?'));
    expect(visibleText(followUp.body)).toMatch(/Friday/);
  });

  it('lets a member whose role has Administrator run an admin command by mention, and refuses a plain member', async () => {
    const refused = await send(
      guildMessage(h.guild, h.member, `<@${bot().id}> digest subscribe schedule:"0 8 * * *"`, { mentions: [bot()] }),
    );
    expect(visibleText(refused[0].body)).toMatch(/Only admins/);
    // Permissions come from the member's roles (sent with the message) and the guild's roles (cached from GUILD_CREATE).
    const editor = makeUser('editor', PERMS.member);
    const allowed = await send(
      guildMessage(h.guild, editor, `<@${bot().id}> digest subscribe schedule:"0 8 * * *"`, {
        mentions: [bot()],
        roles: [h.guild.adminRoleId],
      }),
    );
    expect(visibleText(allowed[0].body)).toMatch(/Subscribed/);
  });

  it('ignores messages that do not mention it, and messages from bots', async () => {
    const before = h.rest.requests.length;
    h.gateway.dispatch('MESSAGE_CREATE', guildMessage(h.guild, h.member, ''));
    h.gateway.dispatch('MESSAGE_CREATE', {
      ...guildMessage(h.guild, h.member, `<@${bot().id}> hello`, { mentions: [bot()] }),
      author: {
        id: nextSnowflake(),
        username: 'other-bot',
        discriminator: '0',
        global_name: null,
        avatar: null,
        bot: true,
      },
    });
    await new Promise((r) => setTimeout(r, 300));
    await h.adapter.settled();
    expect(h.rest.requests.slice(before).filter((r) => r.method === 'POST')).toHaveLength(0);
  });
});
