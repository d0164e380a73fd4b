import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../../src/adapters/slack/index.js';
import { silentLogger } from '../../src/log.js';
import { postEvent } from '../fakes/slack-signing.js';
import { FakeSlackWebApi, type FakeMessage } from '../fakes/slack-web-api.js';
import { makeTestBot, type TestBot } from '../helpers/test-bot.js';
import { visibleText } from './slack-harness.js';
import { dmEvent, eventEnvelope, mentionEvent, until } from './slack-payloads.js';

const SECRET = 'conversation-secret';

/**
 * Mentions and DMs through the real Bolt app in HTTP mode, signed Events API requests over
 * loopback, the real core, commands and answerer over a real SQLite store holding the shipped article.
 */
describe('Slack mentions, DMs and threads', () => {
  let tb: TestBot;
  let web: FakeSlackWebApi;
  let adapter: SlackAdapter;
  let events: string;

  const start = async () => {
    const a = createSlackAdapter({
      botToken: 'xoxb-test-token',
      signingSecret: SECRET,
      apiUrl: web.url,
      port: 0,
      host: '127.0.0.1',
      admins: ['U0ADMIN'],
      logger: silentLogger(),
      chat: tb.chat,
    });
    await a.start(tb.bot);
    return a;
  };

  beforeAll(async () => {
    tb = await makeTestBot();
    web = await FakeSlackWebApi.start();
    adapter = await start();
    events = `http://127.0.0.1:${adapter.port}/slack/events`;
  }, 60_000);
  afterAll(async () => {
    await adapter?.stop();
    await web?.close();
    await tb?.close();
  });

  /** Sends a signed event and waits for the bot's reply in the thread rooted at `thread`. */
  async function say(
    event: Record<string, unknown>,
    thread: string,
    opts: { eventId?: string } = {},
  ): Promise<FakeMessage[]> {
    const before = web.messages.filter((m) => m.thread_ts === thread).length;
    const res = await postEvent(events, eventEnvelope(event, opts), SECRET);
    expect(res.status).toBe(200);
    await until(
      () => web.messages.filter((m) => m.thread_ts === thread).length > before,
      `a reply in thread ${thread}`,
      20_000,
    );
    return web.messages.filter((m) => m.thread_ts === thread).slice(before);
  }

  it('answers a signed app_mention in a thread under the message, cited and rendered as Block Kit', async () => {
    const mention = mentionEvent('What will replace the Merida Initiative?');
    const [reply] = await say(mention, mention.ts as string);
    expect(reply.channel).toBe('C0GENERAL');
    const text = visibleText(reply);
    expect(text).toContain('Merida Initiative');
    expect(text).toMatch(/\[1\]/);
    expect(text).toContain('U.S. and Mexico hold High-Level Security Dialogue');
    expect((reply.blocks as { type: string }[]).some((b) => b.type === 'section')).toBe(true);
    expect(web.callsTo('chat.postMessage').at(-1)!.args).toMatchObject({
      thread_ts: mention.ts,
      unfurl_links: 'false',
    });
  });

  it('runs the command a mention names: "@briefbot search fentanyl" is /search', async () => {
    const mention = mentionEvent('search fentanyl');
    const [reply] = await say(mention, mention.ts as string);
    expect(visibleText(reply)).toMatch(/Search: fentanyl/);
  });

  it('answers a DM, running "who ebrard" as /who', async () => {
    const dm = dmEvent('who ebrard');
    const [reply] = await say(dm, dm.ts as string);
    expect(reply.channel).toBe('D0ALICE');
    expect(visibleText(reply)).toMatch(/Marcelo Ebrard/);
  });

  it("answers a follow-up in the same thread about the thread's topic, and the same words alone honestly", async () => {
    const first = mentionEvent('Who leads the Mexican side?');
    const root = first.ts as string;
    const [answer] = await say(first, root);
    expect(visibleText(answer)).toMatch(/Ebrard/);

    const [followUp] = await say(mentionEvent('and when did they meet?', { threadTs: root }), root);
    expect(visibleText(followUp)).toMatch(/Friday/);
    expect(visibleText(followUp)).toMatch(/working breakfast/);

    // The same question outside that thread names nothing, so the store cannot answer it.
    const alone = mentionEvent('and when did they meet?');
    const [honest] = await say(alone, alone.ts as string);
    expect(visibleText(honest)).toMatch(/not in the store/i);
  });

  it('keeps the thread topic across a restart (it lives in the store)', async () => {
    const first = mentionEvent('Who leads the Mexican side?', { channel: 'C0OTHER' });
    const root = first.ts as string;
    await say(first, root);
    await adapter.stop();
    adapter = await start();
    events = `http://127.0.0.1:${adapter.port}/slack/events`;
    const [followUp] = await say(mentionEvent('and when did they meet?', { channel: 'C0OTHER', threadTs: root }), root);
    expect(visibleText(followUp)).toMatch(/Friday/);
  });

  it('escapes echoed text so a reply cannot ping the channel', async () => {
    // Typed literally, "<!channel>" reaches the bot as entities; decoded for the core, it must be escaped again on the way out.
    const mention = mentionEvent('search &lt;!channel&gt; merida');
    const [reply] = await say(mention, mention.ts as string);
    expect(visibleText(reply)).toMatch(/Search: .!channel. merida/);
    expect(JSON.stringify(reply.blocks)).not.toContain('<!channel>');
    expect(reply.text).not.toContain('<!channel>');
  });

  it('answers an event once when Slack retries it with the same event id', async () => {
    const mention = mentionEvent('sources');
    const root = mention.ts as string;
    await say(mention, root, { eventId: 'EvRETRY1' });
    const res = await postEvent(events, eventEnvelope(mention, { eventId: 'EvRETRY1' }), SECRET);
    expect(res.status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(web.messages.filter((m) => m.thread_ts === root)).toHaveLength(1);
  });

  it('ignores its own messages and other bots in DMs', async () => {
    const before = web.messages.length;
    await postEvent(events, eventEnvelope({ ...dmEvent('hello'), bot_id: 'BOTHER' }), SECRET);
    await postEvent(events, eventEnvelope({ ...dmEvent('hello'), subtype: 'message_changed' }), SECRET);
    await new Promise((r) => setTimeout(r, 300));
    expect(web.messages.length).toBe(before);
  });

  it('refuses an unsigned event (401) and answers nothing', async () => {
    const before = web.messages.length;
    const res = await postEvent(events, eventEnvelope(mentionEvent('sources')), 'not-the-secret');
    expect(res.status).toBe(401);
    expect(web.messages.length).toBe(before);
  });
});
