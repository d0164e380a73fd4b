import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../../src/adapters/slack/index.js';
import { silentLogger } from '../../src/log.js';
import { FakeResponseUrls } from '../fakes/slack-response-url.js';
import { postSigned, slashCommandBody } from '../fakes/slack-signing.js';
import { FakeSlackWebApi } from '../fakes/slack-web-api.js';
import { makeTestBot, type TestBot } from '../helpers/test-bot.js';
import { visibleText } from './slack-harness.js';
import { buttonClick, shareValue, slashPayload, until } from './slack-payloads.js';

const SECRET = 'share-store-secret';

/** "Share in channel" keeps the answer in the store: a click after a restart, or on another replica, still shares it. */
describe('Slack "Share in channel" across restarts and replicas', () => {
  let tb: TestBot;
  let web: FakeSlackWebApi;
  let urls: FakeResponseUrls;
  const replicas: SlackAdapter[] = [];

  const replica = async () => {
    const a = createSlackAdapter({
      botToken: 'xoxb-test-token',
      signingSecret: SECRET,
      apiUrl: web.url,
      port: 0,
      host: '127.0.0.1',
      admins: [],
      logger: silentLogger(),
      chat: tb.chat,
    });
    await a.start(tb.bot);
    replicas.push(a);
    return `http://127.0.0.1:${a.port}/slack/events`;
  };

  beforeAll(async () => {
    tb = await makeTestBot();
    web = await FakeSlackWebApi.start();
    urls = await FakeResponseUrls.start();
  }, 60_000);
  afterAll(async () => {
    for (const r of replicas) await r.stop();
    await urls?.close();
    await web?.close();
    await tb?.close();
  });

  async function ask(events: string, channel: string): Promise<string> {
    const res = await postSigned(
      events,
      slashCommandBody(
        slashPayload('ask', 'What will replace the Merida Initiative?', { channel, responseUrl: urls.issue().url }),
      ),
      { secret: SECRET },
    );
    return shareValue(JSON.parse(res.text).blocks)!;
  }

  async function click(events: string, value: string, channel: string, opts: { team?: string } = {}): Promise<string> {
    const ru = urls.issue();
    const payload = buttonClick('briefbot_share', value, { channel, responseUrl: ru.url });
    if (opts.team) (payload as { team: { id: string } }).team.id = opts.team;
    await postSigned(events, new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), { secret: SECRET });
    await until(() => urls.postsFor(ru.id).length === 1, 'share notice');
    return urls.postsFor(ru.id)[0].body.text as string;
  }

  it('shares an answer after the replica that gave it has restarted', async () => {
    const first = await replica();
    const value = await ask(first, 'C0RESTART');
    expect(value).toMatch(/^[0-9a-f-]{36}$/);
    await replicas[0].stop();
    const second = await replica();
    expect(await click(second, value, 'C0RESTART')).toBe('Shared in the channel.');
    const posted = web.postedTo('C0RESTART');
    expect(posted).toHaveLength(1);
    expect(visibleText(posted[0])).toContain('Shared by <@U0ALICE> from /ask');
    expect(visibleText(posted[0])).toContain('Merida Initiative');
  });

  it('shares once when two replicas get the click, and refuses a click from another workspace', async () => {
    const a = await replica();
    const b = await replica();
    const value = await ask(a, 'C0TWICE');
    expect(await click(b, value, 'C0TWICE', { team: 'T0ELSE' })).toMatch(/expired/);
    const notices = await Promise.all([click(a, value, 'C0TWICE'), click(b, value, 'C0TWICE')]);
    expect(notices.sort()).toEqual(['Already shared in the channel.', 'Shared in the channel.']);
    expect(web.postedTo('C0TWICE')).toHaveLength(1);
  });
});
