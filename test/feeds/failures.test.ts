import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeFeed } from '../../src/feeds/describe-feed.js';
import { tempDir } from '../store/temp-dir.js';
import { BILLION_LAUGHS, prose, rss2, xxe } from './helpers/feed-docs.js';
import { FeedServer } from './helpers/feed-server.js';
import { closeAll, serverAndHarness, type PollHarness } from './helpers/poll-harness.js';

const DOC = rss2('Steady Wire', [
  { guid: 's-1', link: 'https://s.example/1', title: 'Steady report', text: prose('Grain exports', 3) },
]);
const MIN = 60_000;

describe('feeds that fail, and how the poller answers them', () => {
  let server: FeedServer;
  let h: PollHarness;
  beforeEach(
    async () =>
      ({ server, h } = await serverAndHarness({
        limits: { timeoutMs: 1000, maxBodyBytes: 64 * 1024 },
        policy: { minIntervalSeconds: 60, backoffCapSeconds: 3600 },
      })),
  );
  afterEach(() => closeAll(h, server));

  /** Adds a feed at `path`, polls it once and returns the report and the feed afterwards. */
  const pollOnce = async (path: string) => {
    const feed = await h.add(server.url(path), { every: '5m' });
    const [report] = await h.pollNext(feed.id);
    return { report, feed: await h.feed(feed.id), polledAt: h.clock.now().getTime() };
  };

  it('honours Retry-After on a 429: no poll before the time the server asked for', async () => {
    server.route('/busy.xml', (_req, res) => {
      res.writeHead(429, { 'retry-after': '7200' });
      res.end();
    });
    const { report, feed, polledAt } = await pollOnce('/busy.xml');
    expect(report).toMatchObject({ outcome: 'error', error: { kind: 'rate_limited' } });
    expect(Date.parse(feed.nextPollAt) - polledAt).toBe(7200 * 1000);
    expect(feed.lastError).toMatchObject({
      kind: 'rate_limited',
      status: 429,
      message: 'HTTP 429: the server asked to wait 7200 s',
    });
  });

  it('honours Retry-After given as an HTTP date on a 503', async () => {
    const at = new Date(Date.now() + 3 * 3600_000);
    server.route('/down.xml', (_req, res) => {
      res.writeHead(503, { 'retry-after': at.toUTCString() });
      res.end();
    });
    const { feed, polledAt } = await pollOnce('/down.xml');
    expect(feed.lastError?.kind).toBe('rate_limited');
    // The wait is measured against the real clock; the next poll is at least that far away.
    expect(Date.parse(feed.nextPollAt) - polledAt).toBeGreaterThan(2.9 * 3600_000);
  });

  it('backs off exponentially with jitter on repeated 500s, up to the cap, and keeps trying', async () => {
    server.route('/broken.xml', (_req, res) => {
      res.writeHead(500);
      res.end('boom');
    });
    const feed = await h.add(server.url('/broken.xml'), { every: '5m' });
    const gaps: number[] = [];
    for (let i = 0; i < 8; i++) {
      await h.pollNext(feed.id);
      const f = await h.feed(feed.id);
      gaps.push(Date.parse(f.nextPollAt) - h.clock.now().getTime());
    }
    // random() = 0.5 in the harness: 3/4 of 5, 10, 20, 40 min, then the 60 min cap.
    expect(gaps).toEqual([3.75, 7.5, 15, 30, 45, 45, 45, 45].map((m) => m * MIN));
    expect(server.requestsTo('/broken.xml')).toHaveLength(8);
    const f = await h.feed(feed.id);
    expect(f).toMatchObject({ consecutiveFailures: 8, lastError: { kind: 'http', status: 500, message: 'HTTP 500' } });
    expect(f.failingSince).toBeDefined();
  });

  it('shows a failing feed in plain words with how long it has failed, and recovers on the next success', async () => {
    let status = 404;
    server.route('/gone.xml', (_req, res) => {
      res.writeHead(status, { 'content-type': 'application/rss+xml' });
      res.end(status === 200 ? DOC : 'gone');
    });
    const feed = await h.add(server.url('/gone.xml'), { every: '5m' });
    await h.pollNext(feed.id);
    h.clock.advance(2 * 86_400_000);
    await h.pollNext(feed.id);
    const failing = await h.feed(feed.id);
    expect(describeFeed(failing, 0, h.clock.now()).text).toMatch(
      /Last error: HTTP 404 for 2 days \(2 attempts in a row\)/,
    );
    status = 200;
    await h.pollNext(feed.id);
    const healed = await h.feed(feed.id);
    expect(healed).toMatchObject({ consecutiveFailures: 0, lastAdded: 1 });
    expect(healed.lastError).toBeUndefined();
    expect(healed.failingSince).toBeUndefined();
  });

  it('times out a server that sends nothing, in plain words', async () => {
    server.route('/slow.xml', () => undefined); // never answers
    const { report, feed } = await pollOnce('/slow.xml');
    expect(report.error).toEqual({ kind: 'timeout', message: 'timed out after 1 s' });
    expect(feed.lastError?.kind).toBe('timeout');
  });

  it('times out a server that trickles its body forever', async () => {
    server.route('/trickle.xml', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.write('<?xml version="1.0"?><rss version="2.0"><channel>');
      const t = setInterval(() => res.write(' '), 50);
      res.once('close', () => clearInterval(t));
    });
    const { report } = await pollOnce('/trickle.xml');
    expect(report.error?.kind).toBe('timeout');
  });

  it('refuses an oversized body, declared or streamed, and a gzip bomb', async () => {
    const big = `<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>${' '.repeat(200 * 1024)}</channel></rss>`;
    server.serve('/big.xml', big);
    server.route('/stream.xml', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' }); // chunked: no length declared
      for (let i = 0; i < 100; i++) res.write(' '.repeat(1024));
      res.end();
    });
    const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024, 32));
    server.serve('/bomb.xml', bomb, 'application/rss+xml', { 'content-encoding': 'gzip' });
    for (const path of ['/big.xml', '/stream.xml', '/bomb.xml']) {
      const { report } = await pollOnce(path);
      expect(report.error, path).toEqual({ kind: 'too_large', message: 'too large: more than 64 kB' });
    }
    expect(bomb.length).toBeLessThan(64 * 1024);
  });

  it('refuses a redirect loop and a chain of more than five redirects', async () => {
    server.route('/a', (_req, res) => {
      res.writeHead(302, { location: '/b' });
      res.end();
    });
    server.route('/b', (_req, res) => {
      res.writeHead(302, { location: '/a' });
      res.end();
    });
    for (let i = 0; i < 7; i++) {
      server.route(`/hop${i}`, (_req, res) => {
        res.writeHead(307, { location: `/hop${i + 1}` });
        res.end();
      });
    }
    server.serve('/hop7', DOC);
    expect((await pollOnce('/a')).report.error).toMatchObject({
      kind: 'redirects',
      message: expect.stringMatching(/^redirect loop/),
    });
    expect((await pollOnce('/hop0')).report.error).toEqual({
      kind: 'redirects',
      message: 'too many redirects (more than 5)',
    });
    expect(server.requestsTo('/hop5')).toHaveLength(1);
    expect(server.requestsTo('/hop6')).toHaveLength(0);
  });

  it('moves the feed to the target of a 301, and keeps its URL after a temporary redirect', async () => {
    server.route('/old.xml', (_req, res) => {
      res.writeHead(301, { location: '/new.xml' });
      res.end();
    });
    server.route('/tmp.xml', (_req, res) => {
      res.writeHead(302, { location: '/new.xml' });
      res.end();
    });
    server.serve('/new.xml', DOC);
    const moved = await pollOnce('/old.xml');
    expect(moved.report.outcome).toBe('ok');
    expect(moved.feed.url).toBe(server.url('/new.xml'));
    const next = await h.pollNext(moved.feed.id);
    expect(next[0].outcome).toBe('ok');
    expect(server.requestsTo('/old.xml')).toHaveLength(1);

    const kept = await pollOnce('/tmp.xml');
    expect(kept.feed.url).toBe(server.url('/tmp.xml'));
  });

  it('says "not a feed" for an HTML page, malformed XML and plain JSON, and stores nothing', async () => {
    server.serve(
      '/page',
      '<!DOCTYPE html><html><head><title>News</title></head><body><p>Welcome</p></body></html>',
      'text/html; charset=utf-8',
    );
    server.serve(
      '/broken.xml',
      '<?xml version="1.0"?><rss version="2.0"><channel><title>Broken</title><item><title>x</channel></rss>',
    );
    server.serve('/data.json', '{"items": [{"text": "not a feed"}]}', 'application/json');
    expect((await pollOnce('/page')).report.error).toEqual({
      kind: 'not_feed',
      message: 'not a feed: the server sent an HTML page',
    });
    expect((await pollOnce('/broken.xml')).report.error).toMatchObject({
      kind: 'not_feed',
      message: expect.stringMatching(/^not a feed: malformed XML \(/),
    });
    expect((await pollOnce('/data.json')).report.error).toMatchObject({
      kind: 'not_feed',
      message: expect.stringMatching(/JSON Feed/),
    });
    expect(await h.articles()).toEqual([]);
  });

  it('refuses a billion-laughs feed and an XXE feed naming a local file, and stores nothing from either', async () => {
    const dir = tempDir('briefbot-xxe-');
    const secret = `${dir}/secret.txt`;
    writeFileSync(secret, 'TOP-SECRET-TOKEN-4242');
    server.serve('/laughs.xml', BILLION_LAUGHS);
    server.serve('/xxe.xml', xxe(secret));
    for (const path of ['/laughs.xml', '/xxe.xml']) {
      const { report } = await pollOnce(path);
      expect(report.error, path).toEqual({
        kind: 'not_feed',
        message: 'not a feed: the XML declares entities (<!ENTITY>), which are never expanded or fetched',
      });
    }
    expect(await h.articles()).toEqual([]);
  });

  it("finishes the other hosts' feeds while one feed hangs", async () => {
    const other = await FeedServer.start(['127.0.0.2']);
    try {
      other.route('/hang.xml', () => undefined);
      server.serve('/ok1.xml', DOC);
      server.serve(
        '/ok2.xml',
        rss2('Other Wire', [
          { guid: 'o-1', link: 'https://o.example/1', title: 'Other report', text: prose('Rail strike', 4) },
        ]),
      );
      await h.add(other.url('/hang.xml'));
      await h.add(server.url('/ok1.xml'));
      await h.add(server.url('/ok2.xml'));
      const reports = await h.poller.runDue();
      // Reports arrive in the order polls end: both healthy feeds before the hanging one's timeout.
      expect(reports.map((r) => r.outcome)).toEqual(['ok', 'ok', 'error']);
      expect(reports[2].error?.kind).toBe('timeout');
    } finally {
      await other.close();
    }
  });
});
