import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../../src/adapters/slack/index.js';
import { silentLogger } from '../../src/log.js';
import { FakeResponseUrls } from '../fakes/slack-response-url.js';
import { FakeSlackSocket } from '../fakes/slack-socket.js';
import { FakeSlackWebApi } from '../fakes/slack-web-api.js';
import { buttonClick, shareValue, slashPayload, until } from './slack-payloads.js';
import { Gate, makeSlackTestBot, type SlackTestBot } from './slack-test-bot.js';

describe('Slack Socket Mode (real Bolt SocketModeReceiver against a local Socket Mode endpoint)', () => {
  let web: FakeSlackWebApi;
  let socket: FakeSlackSocket;
  let urls: FakeResponseUrls;
  let tb: SlackTestBot;
  let adapter: SlackAdapter;

  beforeAll(async () => {
    web = await FakeSlackWebApi.start();
    socket = await FakeSlackSocket.start(web);
    urls = await FakeResponseUrls.start();
    tb = makeSlackTestBot();
    adapter = createSlackAdapter({
      botToken: 'xoxb-test-token',
      appToken: 'xapp-test-token',
      apiUrl: web.url,
      admins: [],
      logger: silentLogger(),
      socketPingTimeoutMs: 2000,
    });
    await adapter.start(tb.bot);
  });

  afterAll(async () => {
    await adapter?.stop();
    await socket?.close();
    await web?.close();
    await urls?.close();
  });

  it('connects with the app token through apps.connections.open and the hello message', () => {
    expect(adapter.mode).toBe('socket');
    expect(adapter.isConnected()).toBe(true);
    expect(web.callsTo('apps.connections.open')[0].token).toBe('xapp-test-token');
    expect(socket.connectionCount).toBe(1);
  });

  it('acknowledges a slash_commands envelope by its envelope_id, with the cited answer', async () => {
    const ru = urls.issue();
    const id = socket.send(
      'slash_commands',
      slashPayload('ask', 'who is leading the Mexican side?', { responseUrl: ru.url }),
    );
    const ack = await socket.ackFor(id);
    expect(ack.payload?.response_type).toBe('ephemeral');
    expect(JSON.stringify(ack.payload?.blocks)).toContain('|U.S. and Mexico open a new security dialogue>');
    expect(String(ack.payload?.text)).toContain('Marcelo Ebrard');
    expect(socket.acks.filter((a) => a.envelope_id === id)).toHaveLength(1);
  });

  it('acknowledges a slow command at once and answers through response_url', async () => {
    tb.gate = new Gate();
    const ru = urls.issue();
    const id = socket.send('slash_commands', slashPayload('think', 'the border', { responseUrl: ru.url }));
    const ack = await socket.ackFor(id);
    expect(String(ack.payload?.text)).toMatch(/Working on it/);
    expect(urls.postsFor(ru.id)).toHaveLength(0);
    tb.gate.open();
    await until(() => urls.postsFor(ru.id).length === 1, 'answer on response_url');
    expect(urls.postsFor(ru.id)[0].body.text).toContain('Thought about the border.');
  });

  it('shares an answer from an interactive envelope, acking it by envelope_id', async () => {
    const id = socket.send(
      'slash_commands',
      slashPayload('ask', 'who is leading?', { channel: 'C0SOCK', responseUrl: urls.issue().url }),
    );
    const value = shareValue((await socket.ackFor(id)).payload?.blocks);
    expect(value).toBeTruthy();
    const click = urls.issue();
    const clickId = socket.send(
      'interactive',
      buttonClick('briefbot_share', value!, { channel: 'C0SOCK', responseUrl: click.url }),
    );
    await socket.ackFor(clickId);
    await until(() => urls.postsFor(click.id).length === 1, 'share confirmation');
    expect(web.postedTo('C0SOCK')).toHaveLength(1);
    expect(JSON.stringify(web.postedTo('C0SOCK')[0].blocks)).toContain('Shared by <@U0ALICE>');
  });

  it('reconnects after the socket drops and keeps answering', async () => {
    socket.drop();
    await socket.untilConnections(2);
    await until(() => adapter.isConnected(), 'adapter reconnected');
    expect(web.callsTo('apps.connections.open').length).toBeGreaterThanOrEqual(2);
    const id = socket.send('slash_commands', slashPayload('echo', 'still here', { responseUrl: urls.issue().url }));
    const ack = await socket.ackFor(id);
    expect(String(ack.payload?.text)).toContain('still here');
  });
});

describe('Slack Socket Mode start-up errors', () => {
  it('stops the start with a message naming SLACK_APP_TOKEN when Slack refuses it', async () => {
    const web = await FakeSlackWebApi.start();
    const socket = await FakeSlackSocket.start(web);
    const adapter = createSlackAdapter({
      botToken: 'xoxb-test-token',
      appToken: 'xapp-revoked',
      apiUrl: web.url,
      admins: [],
      logger: silentLogger(),
      socketPingTimeoutMs: 2000,
    });
    try {
      await expect(adapter.start(makeSlackTestBot().bot)).rejects.toThrow(/SLACK_APP_TOKEN .*invalid_auth/);
    } finally {
      await adapter.stop();
      await socket.close();
      await web.close();
    }
  });
});
