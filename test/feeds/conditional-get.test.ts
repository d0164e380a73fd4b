import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { prose, rss2 } from './helpers/feed-docs.js';
import type { FeedServer } from './helpers/feed-server.js';
import { closeAll, serverAndHarness, type PollHarness } from './helpers/poll-harness.js';

const DOC = rss2('Conditional Wire', [
  { guid: 'c-1', link: 'https://c.example/1', title: 'First report', text: prose('Port strike', 1) },
]);

describe('conditional GET', () => {
  let server: FeedServer;
  let h: PollHarness;
  beforeEach(async () => ({ server, h } = await serverAndHarness()));
  afterEach(() => closeAll(h, server));

  it('sends the ETag back as If-None-Match; a 304 re-ingests nothing and keeps the feed healthy', async () => {
    let bodies = 0;
    server.route('/etag.xml', (req, res) => {
      if (req.headers['if-none-match'] === '"v1"') {
        res.writeHead(304, { etag: '"v1"' });
        res.end();
        return;
      }
      bodies++;
      res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"' });
      res.end(DOC);
    });
    const feed = await h.add(server.url('/etag.xml'));
    const [first] = await h.pollNext(feed.id);
    expect(first).toMatchObject({ outcome: 'ok', added: 1 });
    const before = await h.articles();

    const [second] = await h.pollNext(feed.id);
    const requests = server.requestsTo('/etag.xml');
    expect(requests).toHaveLength(2);
    expect(requests[0].headers['if-none-match']).toBeUndefined();
    expect(requests[1].headers['if-none-match']).toBe('"v1"');
    expect(second).toMatchObject({ outcome: 'not_modified', added: 0, updated: 0, unchanged: 0 });
    expect(bodies).toBe(1);
    expect(await h.articles()).toEqual(before);
    const after = await h.feed(feed.id);
    // A 304 is a success: the last count of added articles is the last body's, not zero.
    expect(after).toMatchObject({ lastAdded: 1, totalAdded: 1, consecutiveFailures: 0, validators: { etag: '"v1"' } });
    expect(after.lastSuccessAt).toBe(h.clock.now().toISOString());
  });

  it('sends Last-Modified back as If-Modified-Since, and a 304 re-ingests nothing', async () => {
    const stamp = 'Mon, 02 Mar 2026 10:00:00 GMT';
    server.route('/lm.xml', (req, res) => {
      if (req.headers['if-modified-since'] === stamp) {
        res.writeHead(304);
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/rss+xml', 'last-modified': stamp });
      res.end(DOC);
    });
    const feed = await h.add(server.url('/lm.xml'));
    await h.pollNext(feed.id);
    const count = (await h.articles()).length;
    const [second] = await h.pollNext(feed.id);
    const requests = server.requestsTo('/lm.xml');
    expect(requests[0].headers['if-modified-since']).toBeUndefined();
    expect(requests[1].headers['if-modified-since']).toBe(stamp);
    expect(requests[1].headers['if-none-match']).toBeUndefined();
    expect(second.outcome).toBe('not_modified');
    expect((await h.articles()).length).toBe(count);
  });

  it('sends a User-Agent naming briefbot and the contact URL, and asks for gzip and brotli', async () => {
    server.serve('/ua.xml', DOC);
    const feed = await h.add(server.url('/ua.xml'));
    await h.pollNext(feed.id);
    const [req] = server.requestsTo('/ua.xml');
    expect(req.headers['user-agent']).toBe('briefbot/test (+https://ops.example/contact)');
    expect(req.headers['accept-encoding']).toMatch(/gzip/);
    expect(req.headers['accept-encoding']).toMatch(/br/);
  });
});
