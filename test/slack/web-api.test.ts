import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeliveryError } from '../../src/adapters/delivery-error.js';
import { createSlackAdapter, type SlackAdapter } from '../../src/adapters/slack/index.js';
import { reply, type Reply } from '../../src/core/reply.js';
import { silentLogger } from '../../src/log.js';
import { FakeSlackWebApi } from '../fakes/slack-web-api.js';
import { makeSlackTestBot } from './slack-test-bot.js';

const channel = (id: string) => ({ platform: 'slack' as const, id, workspace: 'T0FAKE' });

function digest(title = 'Morning digest: the security talks'): Reply {
  return reply({
    title,
    sections: [{ heading: 'New since yesterday', text: 'Mexico and the U.S. agreed a new framework [1].' }],
    citations: [
      {
        n: 1,
        articleId: 'a1',
        title: 'Security talks end',
        url: 'https://news.example/a1',
        published: '2021-10-08',
        quote: 'A new framework was announced.',
      },
    ],
    visibility: 'channel',
  });
}

async function caught(p: Promise<unknown>): Promise<DeliveryError> {
  try {
    await p;
  } catch (e) {
    return e as DeliveryError;
  }
  throw new Error('expected a DeliveryError');
}

describe('Slack digest delivery through chat.postMessage (SLACK_API_URL on loopback)', () => {
  let web: FakeSlackWebApi;
  let adapter: SlackAdapter;

  beforeAll(async () => {
    web = await FakeSlackWebApi.start();
    adapter = createSlackAdapter({
      botToken: 'xoxb-test-token',
      signingSecret: 'secret',
      apiUrl: web.url,
      port: 0,
      host: '127.0.0.1',
      admins: [],
      logger: silentLogger(),
    });
    await adapter.start(makeSlackTestBot().bot);
  });

  afterAll(async () => {
    await adapter?.stop();
    await web?.close();
  });

  it('posts a digest visibly, with the marker in its metadata, and returns the message ts', async () => {
    const delivery = await adapter.post(channel('C0DIGEST'), digest(), { marker: 'run-2026-11-27-0800' });
    const [msg] = web.postedTo('C0DIGEST');
    expect(web.postedTo('C0DIGEST')).toHaveLength(1);
    expect(delivery.messageId).toBe(msg.ts);
    expect(msg.text).toContain('Morning digest');
    expect(JSON.stringify(msg.blocks)).toContain('<https://news.example/a1|Security talks end>');
    expect(msg.metadata).toEqual({ event_type: 'briefbot_digest', event_payload: { marker: 'run-2026-11-27-0800' } });
    expect(web.callsTo('chat.postMessage').at(-1)!.args).toMatchObject({ unfurl_links: 'false' });
  });

  it('finds an earlier digest by its marker in the channel history', async () => {
    const { messageId } = await adapter.post(channel('C0MARK'), digest(), { marker: 'run-A' });
    await adapter.post(channel('C0MARK'), digest('Another'), { marker: 'run-B' });
    expect(await adapter.findMarker!(channel('C0MARK'), 'run-A')).toBe(messageId);
    expect(await adapter.findMarker!(channel('C0MARK'), 'run-Z')).toBeUndefined();
    expect(web.callsTo('conversations.history').at(-1)!.args).toMatchObject({
      limit: '20',
      include_all_metadata: 'true',
    });
  });

  it('treats a missing channels:history scope as "no marker seen" instead of failing', async () => {
    web.missingScopes.add('conversations.history');
    try {
      expect(await adapter.findMarker!(channel('C0MARK'), 'run-A')).toBeUndefined();
    } finally {
      web.missingScopes.delete('conversations.history');
    }
  });

  it('waits out a 429 Retry-After, retries, and the digest appears once', async () => {
    web.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    const attemptsBefore = web.callsTo('chat.postMessage').length;
    const started = Date.now();
    await adapter.post(channel('C0BUSY'), digest(), { marker: 'run-429' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(web.callsTo('chat.postMessage').length - attemptsBefore).toBe(2);
    expect(web.postedTo('C0BUSY')).toHaveLength(1);
  });

  it('gives up on a Retry-After too long to wait, as a temporary error carrying the delay', async () => {
    web.failNext('chat.postMessage', { status: 429, retryAfter: 3600 });
    const err = await caught(adapter.post(channel('C0BUSY2'), digest()));
    expect(err).toBeInstanceOf(DeliveryError);
    expect(err).toMatchObject({ code: 'rate_limited', permanent: false, retryAfterMs: 3_600_000 });
    expect(web.postedTo('C0BUSY2')).toHaveLength(0);
  });

  it.each(['not_in_channel', 'channel_not_found', 'is_archived', 'invalid_auth', 'account_inactive'])(
    'reports %s as a permanent DeliveryError with that code, and other channels still get theirs',
    async (code) => {
      web.channelErrors.set(`C0BAD-${code}`, code);
      const err = await caught(adapter.post(channel(`C0BAD-${code}`), digest()));
      expect(err).toBeInstanceOf(DeliveryError);
      expect(err).toMatchObject({ code, permanent: true });
      await adapter.post(channel('C0FINE'), digest());
      expect(web.postedTo('C0FINE').length).toBeGreaterThan(0);
    },
  );

  it('reports a 5xx as temporary and does not retry it itself, so a post Slack may have taken is not doubled', async () => {
    web.failNext('chat.postMessage', { status: 503 });
    const before = web.callsTo('chat.postMessage').length;
    const err = await caught(adapter.post(channel('C0FLAKY'), digest()));
    expect(err).toMatchObject({ code: 'http_503', permanent: false });
    expect(web.callsTo('chat.postMessage').length - before).toBe(1);
  });

  it('posts a long digest as several messages in order, returning the first ts', async () => {
    const long = reply({
      title: 'Weekly digest',
      sections: Array.from({ length: 12 }, (_, i) => ({
        heading: `Story ${i + 1}`,
        text: `Paragraph ${i + 1}. `.repeat(150),
      })),
      citations: [],
      visibility: 'channel',
    });
    const { messageId } = await adapter.post(channel('C0LONG'), long, { marker: 'run-long' });
    const posted = web.postedTo('C0LONG');
    expect(posted.length).toBeGreaterThan(1);
    expect(messageId).toBe(posted[0].ts);
    expect(posted[0].metadata?.event_payload.marker).toBe('run-long');
    expect(posted.slice(1).every((m) => m.metadata === undefined)).toBe(true);
    expect(JSON.stringify(posted.at(-1)!.blocks)).toContain('Paragraph 12.');
  });
});

describe('Slack start-up checks', () => {
  it('stops the start with a message naming SLACK_BOT_TOKEN when Slack rejects the token', async () => {
    const web = await FakeSlackWebApi.start();
    const adapter = createSlackAdapter({
      botToken: 'xoxb-revoked',
      signingSecret: 's',
      apiUrl: web.url,
      port: 0,
      host: '127.0.0.1',
      admins: [],
      logger: silentLogger(),
    });
    try {
      await expect(adapter.start(makeSlackTestBot().bot)).rejects.toThrow(
        /SLACK_BOT_TOKEN was rejected by Slack \(invalid_auth\)/,
      );
      expect(adapter.isConnected()).toBe(false);
    } finally {
      await adapter.stop();
      await web.close();
    }
  });

  it('stops the start with a message naming PORT when the port is taken', async () => {
    const web = await FakeSlackWebApi.start();
    const first = createSlackAdapter({
      botToken: 'xoxb-test-token',
      signingSecret: 's',
      apiUrl: web.url,
      port: 0,
      host: '127.0.0.1',
      admins: [],
      logger: silentLogger(),
    });
    await first.start(makeSlackTestBot().bot);
    const second = createSlackAdapter({
      botToken: 'xoxb-test-token',
      signingSecret: 's',
      apiUrl: web.url,
      port: first.port,
      host: '127.0.0.1',
      admins: [],
      logger: silentLogger(),
    });
    try {
      await expect(second.start(makeSlackTestBot().bot)).rejects.toThrow(/could not listen on PORT \d+ \(EADDRINUSE\)/);
    } finally {
      await second.stop();
      await first.stop();
      await web.close();
    }
  });
});
