import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../../src/adapters/slack/index.js';
import { silentLogger } from '../../src/log.js';
import { FakeResponseUrls } from '../fakes/slack-response-url.js';
import { postSigned, slashCommandBody } from '../fakes/slack-signing.js';
import { FakeSlackWebApi } from '../fakes/slack-web-api.js';
import { buttonClick, shareValue, slashPayload, until } from './slack-payloads.js';
import { Gate, makeSlackTestBot, type SlackTestBot } from './slack-test-bot.js';

const SECRET = '8f742231b10e8888abcd99yyyzzz85a5';

describe('Slack HTTP mode (real Bolt HTTPReceiver, signed requests over loopback)', () => {
  let web: FakeSlackWebApi;
  let urls: FakeResponseUrls;
  let tb: SlackTestBot;
  let adapter: SlackAdapter;
  let events: string;

  beforeAll(async () => {
    web = await FakeSlackWebApi.start();
    urls = await FakeResponseUrls.start();
    tb = makeSlackTestBot();
    adapter = createSlackAdapter({
      botToken: 'xoxb-test-token',
      signingSecret: SECRET,
      apiUrl: web.url,
      port: 0,
      host: '127.0.0.1',
      admins: ['U0ADMIN'],
      logger: silentLogger(),
    });
    await adapter.start(tb.bot);
    events = `http://127.0.0.1:${adapter.port}/slack/events`;
  });

  afterAll(async () => {
    await adapter?.stop();
    await web?.close();
    await urls?.close();
  });

  async function slash(command: string, text: string, o: { user?: string; channel?: string } = {}) {
    const ru = urls.issue();
    const res = await postSigned(events, slashCommandBody(slashPayload(command, text, { ...o, responseUrl: ru.url })), {
      secret: SECRET,
    });
    return { ...res, json: res.text ? (JSON.parse(res.text) as Record<string, any>) : {}, responseId: ru.id };
  }

  it('answers a correctly signed /ask in the acknowledgement, cited, ephemeral, with a share button', async () => {
    const res = await slash('ask', 'who is leading the Mexican side?');
    expect(res.status).toBe(200);
    expect(res.json.response_type).toBe('ephemeral');
    const blocks = JSON.stringify(res.json.blocks);
    expect(blocks).toContain(
      '<https://news.example/2021/10/08/security-dialogue?a=1&amp;b=2|U.S. and Mexico open a new security dialogue>',
    );
    expect(blocks).toContain('2021-10-08');
    expect(blocks).toContain('Marcelo Ebrard led the Mexican delegation');
    expect(res.json.text).toMatch(/Ebrard/);
    expect(shareValue(res.json.blocks)).toBeTruthy();
  });

  describe('rejects unauthenticated requests with 401 and runs nothing', () => {
    const body = () =>
      slashCommandBody(
        slashPayload('ask', 'who is leading the Mexican side?', { responseUrl: 'http://127.0.0.1:9/never' }),
      );
    const now = () => Math.floor(Date.now() / 1000);
    const cases: [string, () => Promise<{ status: number }>][] = [
      ['a signature made with the wrong secret', () => postSigned(events, body(), { secret: 'not-the-secret' })],
      ['a malformed signature', () => postSigned(events, body(), { secret: SECRET, signature: 'v0=deadbeef' })],
      [
        'a timestamp more than 5 minutes old',
        () => postSigned(events, body(), { secret: SECRET, timestampSec: now() - 6 * 60 }),
      ],
      [
        'a timestamp more than 5 minutes ahead',
        () => postSigned(events, body(), { secret: SECRET, timestampSec: now() + 6 * 60 }),
      ],
      ['a missing signature header', () => postSigned(events, body(), { secret: SECRET, omitSignature: true })],
      ['a missing timestamp header', () => postSigned(events, body(), { secret: SECRET, omitTimestamp: true })],
      [
        'a body tampered with after signing',
        () => postSigned(events, body().replace('leading', 'deleting'), { secret: SECRET, signedBody: body() }),
      ],
    ];
    it.each(cases)('%s', async (_name, send) => {
      const before = tb.dispatched.length;
      const res = await send();
      expect(res.status).toBe(401);
      await new Promise((r) => setTimeout(r, 50));
      expect(tb.dispatched.length).toBe(before);
    });
  });

  it("sends a usage error through the core funnel, where it is logged and counted like every other door's", async () => {
    const seen: { command: string; outcome: string; code?: string }[] = [];
    tb.bot.observe((e) => seen.push({ command: e.invocation.command, outcome: e.outcome, code: e.code }));
    // Parsing the text is where these arise (before the command runs), so they used to bypass the funnel.
    const unknown = await slash('digest', 'frobnicate');
    expect(unknown.json.text).toMatch(/Unknown \/digest action "frobnicate"/);
    expect(unknown.json.response_type).toBe('ephemeral');
    const extra = await slash('secret', 'with words it does not take');
    expect(extra.json.text).toMatch(/Unexpected text/);
    expect(seen).toContainEqual({ command: 'digest', outcome: 'user_error', code: 'UNKNOWN_SUBCOMMAND' });
    expect(seen).toContainEqual({ command: 'secret', outcome: 'user_error', code: 'UNEXPECTED_TEXT' });
  });

  it('acknowledges a slow command at once and delivers its answer through response_url', async () => {
    tb.gate = new Gate();
    const res = await slash('think', 'the talks');
    // The ack came back while the command was still blocked on its gate.
    expect(res.status).toBe(200);
    expect(res.json.text).toMatch(/Working on it/);
    expect(urls.postsFor(res.responseId)).toHaveLength(0);
    tb.gate.open();
    await until(() => urls.postsFor(res.responseId).length === 1, 'answer on response_url');
    const [answer] = urls.postsFor(res.responseId);
    expect(answer.body.text).toContain('Thought about the talks.');
    expect(answer.body.response_type).toBe('ephemeral');
  });

  it('uses response_url at most 5 times, then sends the rest of a long answer with chat.postEphemeral', async () => {
    const before = web.callsTo('chat.postEphemeral').length;
    const res = await slash('flood', '', { channel: 'C0FLOOD' });
    await until(
      () => urls.postsFor(res.responseId).length === 5 && web.callsTo('chat.postEphemeral').length > before,
      'all parts',
    );
    await new Promise((r) => setTimeout(r, 100));
    const viaApi = web.callsTo('chat.postEphemeral').slice(before);
    expect(urls.postsFor(res.responseId)).toHaveLength(5);
    expect(viaApi.every((c) => c.args.channel === 'C0FLOOD' && c.args.user === 'U0ALICE')).toBe(true);
    const all = [
      ...urls.postsFor(res.responseId).map((p) => JSON.stringify(p.body.blocks)),
      ...viaApi.map((c) => JSON.stringify(c.args.blocks)),
    ].join('');
    for (const n of [1, 20, 40]) expect(all).toContain(`Section ${n} says a lot.`);
    expect(all).toContain('briefbot_share');
  });

  it('falls back to chat.postEphemeral when the response_url has expired', async () => {
    tb.gate = new Gate();
    const ru = urls.issue();
    urls.expire(ru.id);
    const res = await postSigned(
      events,
      slashCommandBody(slashPayload('think', 'expiry', { responseUrl: ru.url, user: 'U0BOB', channel: 'C0NEWS' })),
      { secret: SECRET },
    );
    expect(res.status).toBe(200);
    tb.gate.open();
    await until(
      () => web.callsTo('chat.postEphemeral').some((c) => c.args.channel === 'C0NEWS'),
      'chat.postEphemeral fallback',
    );
    const call = web.callsTo('chat.postEphemeral').find((c) => c.args.channel === 'C0NEWS')!;
    expect(call.args).toMatchObject({ channel: 'C0NEWS', user: 'U0BOB' });
    expect(String(call.args.text)).toContain('Thought about expiry.');
  });

  it('parses quoted options and answers a usage error with the usage line', async () => {
    const missing = await slash('ask', '   ');
    expect(missing.json.text).toMatch(/Please give a question\. Usage: \/ask &lt;question&gt;/);
    const unknown = await slash('digest', 'subscribe hourly:"0 * * * *"');
    expect(unknown.json.text).toMatch(/Unknown option hourly: \(options here: schedule:, topic:\)/);
    const quoted = await slash('digest', 'subscribe schedule:"0 8 * * 1-5"', { user: 'U0ADMIN' });
    expect(quoted.json.text).toContain('Subscribed on 0 8 * * 1-5.');
  });

  it('runs every command through the umbrella /briefbot <command> [text]', async () => {
    const res = await slash('briefbot', 'ask what would the arrangement replace?');
    expect(JSON.stringify(res.json.blocks)).toContain('Merida Initiative');
    const bad = await slash('briefbot', 'frobnicate now');
    expect(bad.json.text).toMatch(/Unknown command "\/frobnicate"/);
  });

  it('sets isAdmin from the configured admins: others get a clear refusal', async () => {
    expect((await slash('secret', '', { user: 'U0MALLORY' })).json.text).toMatch(/Only admins can run \/secret/);
    expect((await slash('secret', '', { user: 'U0ADMIN' })).json.text).toContain('Hello admin U0ADMIN.');
    expect((await slash('digest', 'subscribe schedule:"0 8 * * *"', { user: 'U0MALLORY' })).json.text).toMatch(
      /Only admins or the person who set this up/,
    );
  });

  it('keeps serving after a command fails, without leaking the error', async () => {
    const failed = await slash('boom', '');
    expect(failed.status).toBe(200);
    expect(failed.json.text).toMatch(/failed unexpectedly/);
    expect(failed.json.text).not.toMatch(/deliberate/);
    expect(shareValue(failed.json.blocks)).toBeUndefined();
    expect((await slash('ask', 'who is leading?')).json.text).toMatch(/Ebrard/);
  });

  it('escapes echoed text so <!everyone> pings nobody, however it was typed', async () => {
    // As Slack sends it: typed angle brackets arrive as entities, a real mention as <!channel>.
    const res = await slash(
      'echo',
      'hey &lt;!everyone&gt; and <!channel> and <@U0BOSS> &amp; &lt;https://evil.example|click&gt;',
    );
    const raw = JSON.stringify(res.json);
    expect(raw).not.toMatch(/<!everyone>|<!channel>|<@U0BOSS>|<https:\/\/evil/);
    expect(res.json.text).toContain('&lt;!everyone&gt;');
    expect(res.json.text).toContain('@channel');
  });

  it('decodes the entities and links Slack puts in command text, so text is escaped exactly once', async () => {
    const res = await slash(
      'echo',
      'AT&amp;T vs &lt;b&gt; on <https://news.example/x|news.example/x> with <@U0BOB|bob>',
    );
    expect(res.json.text).toBe('AT&amp;T vs &lt;b&gt; on news.example/x with @bob');
  });

  it('shares an ephemeral answer in the channel when the button is clicked, naming who shared it, once', async () => {
    const res = await slash('ask', 'who is leading?', { channel: 'C0SHARE' });
    const value = shareValue(res.json.blocks)!;
    const click = urls.issue();
    const send = () => {
      const body = new URLSearchParams({
        payload: JSON.stringify(buttonClick('briefbot_share', value, { channel: 'C0SHARE', responseUrl: click.url })),
      }).toString();
      return postSigned(events, body, { secret: SECRET });
    };
    expect((await send()).status).toBe(200);
    await until(() => urls.postsFor(click.id).length === 1, 'share confirmation');
    const posted = web.postedTo('C0SHARE');
    expect(posted).toHaveLength(1);
    expect(JSON.stringify(posted[0].blocks)).toContain('Shared by <@U0ALICE> from /ask');
    expect(JSON.stringify(posted[0].blocks)).toContain('Marcelo Ebrard');
    expect(shareValue(posted[0].blocks)).toBeUndefined();
    expect(urls.postsFor(click.id)[0].body.text).toBe('Shared in the channel.');
    await send();
    await until(() => urls.postsFor(click.id).length === 2, 'second click answer');
    expect(urls.postsFor(click.id)[1].body.text).toMatch(/Already shared/);
    expect(web.postedTo('C0SHARE')).toHaveLength(1);
  });

  it('checks the bot token once at start, not once per command', () => {
    expect(tb.dispatched.length).toBeGreaterThan(5);
    expect(web.callsTo('auth.test')).toHaveLength(1);
  });

  it('tells the user to invite the bot when sharing into a channel it is not in', async () => {
    web.channelErrors.set('C0PRIVATE', 'not_in_channel');
    const res = await slash('ask', 'who is leading?', { channel: 'C0PRIVATE' });
    const click = urls.issue();
    const body = new URLSearchParams({
      payload: JSON.stringify(
        buttonClick('briefbot_share', shareValue(res.json.blocks)!, { channel: 'C0PRIVATE', responseUrl: click.url }),
      ),
    }).toString();
    await postSigned(events, body, { secret: SECRET });
    await until(() => urls.postsFor(click.id).length === 1, 'share refusal');
    expect(urls.postsFor(click.id)[0].body.text).toMatch(/Invite me with \/invite/);
  });
});
