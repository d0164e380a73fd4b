import { describe, expect, it } from 'vitest';
import { createSlackAdapter } from '../../src/adapters/slack/index.js';
import { silentLogger } from '../../src/log.js';
import { FakeResponseUrls } from '../fakes/slack-response-url.js';
import { postSigned, slashCommandBody } from '../fakes/slack-signing.js';
import { FakeSlackWebApi } from '../fakes/slack-web-api.js';
import { slashPayload, until } from './slack-payloads.js';
import { Gate, makeSlackTestBot } from './slack-test-bot.js';

const SECRET = 'stop-secret';

describe('Slack adapter stop()', () => {
  it('finishes in-flight replies before closing, turns new commands away meanwhile, and is idempotent', async () => {
    const web = await FakeSlackWebApi.start();
    const urls = await FakeResponseUrls.start();
    const tb = makeSlackTestBot();
    tb.gate = new Gate();
    const adapter = createSlackAdapter({
      botToken: 'xoxb-test-token',
      signingSecret: SECRET,
      apiUrl: web.url,
      port: 0,
      host: '127.0.0.1',
      admins: [],
      logger: silentLogger(),
    });
    try {
      await adapter.start(tb.bot);
      const events = `http://127.0.0.1:${adapter.port}/slack/events`;
      const send = (command: string, text: string, responseUrl: string) =>
        postSigned(events, slashCommandBody(slashPayload(command, text, { responseUrl })), { secret: SECRET });

      const slow = urls.issue();
      expect(JSON.parse((await send('think', 'shutdown', slow.url)).text).text).toMatch(/Working on it/);

      let stopped = false;
      const stopping = adapter.stop().then(() => (stopped = true));
      expect(adapter.isConnected()).toBe(false);
      const late = await send('echo', 'hello', urls.issue().url);
      expect(JSON.parse(late.text).text).toMatch(/restarting/);
      await new Promise((r) => setTimeout(r, 100));
      expect(stopped).toBe(false);

      tb.gate.open();
      await stopping;
      expect(urls.postsFor(slow.id)).toHaveLength(1);
      expect(urls.postsFor(slow.id)[0].body.text).toContain('Thought about shutdown.');
      await expect(send('echo', 'anyone?', urls.issue().url)).rejects.toThrow();
      await adapter.stop();
    } finally {
      tb.gate.open();
      await adapter.stop();
      await urls.close();
      await web.close();
    }
  });

  it('acknowledges within the budget even when a command not declared slow takes too long, then answers through response_url', async () => {
    const web = await FakeSlackWebApi.start();
    const urls = await FakeResponseUrls.start();
    const tb = makeSlackTestBot();
    tb.gate = new Gate();
    const adapter = createSlackAdapter({
      botToken: 'xoxb-test-token',
      signingSecret: SECRET,
      apiUrl: web.url,
      port: 0,
      host: '127.0.0.1',
      admins: [],
      logger: silentLogger(),
      ackBudgetMs: 200,
    });
    try {
      await adapter.start(tb.bot);
      const ru = urls.issue();
      const res = await postSigned(
        `http://127.0.0.1:${adapter.port}/slack/events`,
        slashCommandBody(slashPayload('stall', '', { responseUrl: ru.url })),
        { secret: SECRET },
      );
      expect(res.status).toBe(200);
      expect(JSON.parse(res.text).text).toMatch(/Working on it/);
      tb.gate.open();
      await until(() => urls.postsFor(ru.id).length === 1, 'late answer');
      expect(urls.postsFor(ru.id)[0].body.text).toContain('Finally done.');
    } finally {
      tb.gate.open();
      await adapter.stop();
      await urls.close();
      await web.close();
    }
  });
});
