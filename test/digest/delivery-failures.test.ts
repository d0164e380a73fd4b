import { afterEach, describe, expect, it } from 'vitest';
import { runMarker } from '../../src/digest/runner.js';
import { makeDigestHarness, type DigestHarness } from './helpers/digest-app.js';
import { HttpRecorderAdapter } from './helpers/http-recorder-adapter.js';
import { RecorderServer, type PostBehaviour } from './helpers/recorder-server.js';

const SLOT = '2026-03-02T14:00:00.000Z'; // 08:00 in Mexico City
const CHANNELS = ['C-OK1', 'C-429', 'C-503', 'C-SLOW', 'C-LOST-ANSWER', 'C-GONE', 'C-OK2'];

/** Behaviour per channel and attempt, like real platforms under stress. */
const script: Record<string, (attempt: number) => PostBehaviour> = {
  'C-429': (n) => (n <= 2 ? { kind: 'status', status: 429, retryAfterSec: 90 } : { kind: 'ok' }),
  'C-503': (n) => (n <= 3 ? { kind: 'status', status: 503 } : { kind: 'ok' }),
  'C-SLOW': (n) => (n === 1 ? { kind: 'hang' } : { kind: 'ok' }),
  // The platform stores the message but the answer never arrives: a retry must not post it again.
  'C-LOST-ANSWER': (n) => (n === 1 ? { kind: 'store-and-hang' } : { kind: 'ok' }),
  'C-GONE': () => ({ kind: 'status', status: 403, error: 'not_in_channel' }),
};

describe('platform failures delay a digest but never lose or double it', () => {
  let h: DigestHarness;
  let server: RecorderServer;
  afterEach(async () => {
    await server?.close();
    await h?.close();
  });

  async function setup(opts: { history?: boolean; maxAttempts?: number } = {}) {
    h = await makeDigestHarness({
      start: '2026-03-02T13:00:00Z',
      config: {
        postTimeoutMs: 10_000,
        retry: { baseMs: 60_000, maxDelayMs: 600_000, maxAttempts: opts.maxAttempts ?? 6 },
      },
    });
    server = new RecorderServer();
    const url = await server.listen();
    server.behaviour = (body, attempt) => script[body.channel]?.(attempt) ?? { kind: 'ok' };
    h.adapters.set('slack', new HttpRecorderAdapter(url, { history: opts.history, timeoutMs: 300 }));
    for (const id of CHANNELS)
      await h.service.subscribe({
        channel: { platform: 'slack', id },
        schedule: '0 8 * * *',
        timezone: 'America/Mexico_City',
        createdBy: 'U1',
      });
  }

  /** Moves the fake clock forward in one-minute steps, delivering whatever is due. */
  async function runFor(minutes: number) {
    for (let i = 0; i < minutes; i++) {
      h.clock.advance(60_000);
      await h.runner.reconcile(h.clock.now());
      await h.runner.drain();
    }
  }

  it('retries 429s (honouring Retry-After), 5xx and timeouts; a permanently failing channel does not hold back the others', async () => {
    await setup();
    h.clock.set(SLOT);
    await h.runner.reconcile(h.clock.now());
    await h.runner.drain();
    // First pass: the healthy channels are posted at once, whatever the others do.
    for (const id of ['C-OK1', 'C-OK2']) expect(server.postsFor(id)).toHaveLength(1);
    const gone = (await h.service.find({ platform: 'slack', id: 'C-GONE' }))!;
    expect(gone.lastError).toContain('not_in_channel');

    await runFor(30);
    const subs = await h.repo.listSubscriptions();
    for (const s of subs) {
      const marker = runMarker(s.id, SLOT);
      const posts = server.postsFor(s.channel.id, marker);
      const [row] = await h.repo.recentRuns(s.id, 1);
      if (s.channel.id === 'C-GONE') {
        expect(posts).toHaveLength(0);
        expect(row.state).toBe('failed');
        expect(s.watermark).toBeUndefined();
        continue;
      }
      expect(posts, s.channel.id).toHaveLength(1);
      expect(row.state, s.channel.id).toBe('posted');
      expect(row.messageId).toBe(posts[0].id);
      expect(s.watermark).toBe(row.coversTo);
    }
    // 429 asked for 90 s twice; the post landed only after both waits.
    const r429 = (await h.repo.recentRuns(subs.find((s) => s.channel.id === 'C-429')!.id, 1))[0];
    expect(r429.attempts).toBe(3);
    expect(Date.parse(r429.updatedAt) - Date.parse(SLOT)).toBeGreaterThanOrEqual(180_000);
    // The stored-but-unanswered post was found in channel history instead of being sent again.
    expect(server.postsFor('C-LOST-ANSWER')).toHaveLength(1);
    // The subscription with the permanent error stays active and /digest list shows the error.
    const list = await h.digest('list');
    expect(list.plain).toMatch(/slack C-GONE[\s\S]*Channel error: not_in_channel[\s\S]*stays active/);
    expect(await h.service.find({ platform: 'slack', id: 'C-GONE' })).toBeDefined();
  }, 120_000);

  it('gives up after the attempt cap, shows the failure in /digest list, and the next digest covers the interval', async () => {
    await setup({ maxAttempts: 3 });
    server.behaviour = (body) => (body.channel === 'C-503' ? { kind: 'status', status: 503 } : { kind: 'ok' });
    h.clock.set(SLOT);
    await h.runner.reconcile(h.clock.now());
    await h.runner.drain();
    await runFor(20);
    const sub = (await h.service.find({ platform: 'slack', id: 'C-503' }))!;
    const [row] = await h.repo.recentRuns(sub.id, 1);
    expect(row.state).toBe('failed');
    expect(row.attempts).toBe(3);
    expect(row.lastError).toMatch(/gave up after 3 attempts: http_503/);
    expect(sub.watermark).toBeUndefined();
    const list = await h.digest('list here:yes', { channel: { platform: 'slack', id: 'C-503' } });
    expect(list.plain).toMatch(/Last result: failed .*gave up after 3 attempts/);

    // The platform recovers; the next day's digest covers everything since the last good one.
    server.behaviour = () => ({ kind: 'ok' });
    h.clock.set('2026-03-03T14:00:00.000Z');
    await h.runner.reconcile(h.clock.now());
    await h.runner.drain();
    const posts = server.postsFor('C-503');
    expect(posts).toHaveLength(1);
    expect(posts[0].windowTo).toBe('2026-03-03T14:00:00.000Z');
    expect(Date.parse(posts[0].windowFrom!)).toBeLessThanOrEqual(Date.parse('2026-03-02T14:00:00.000Z'));
  }, 120_000);

  it('without channel history, an unanswered post is reposted: the documented window', async () => {
    await setup({ history: false });
    h.clock.set(SLOT);
    await h.runner.reconcile(h.clock.now());
    await h.runner.drain();
    await runFor(10);
    // The platform kept the first copy but never answered; with no way to look, the bot posts again.
    expect(server.postsFor('C-LOST-ANSWER')).toHaveLength(2);
    // Failures the platform answers (429, 5xx, refused) are never doubled, with or without history.
    for (const id of ['C-429', 'C-503', 'C-OK1']) expect(server.postsFor(id), id).toHaveLength(1);
  }, 120_000);
});
