import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseFeedXml, readFeed } from '../../src/store/ingest/readers/feed.js';
import { BILLION_LAUGHS, prose, rss2, xxe } from './helpers/feed-docs.js';
import type { FeedServer } from './helpers/feed-server.js';
import { closeAll, serverAndHarness, type PollHarness } from './helpers/poll-harness.js';

const page = (body: string) => `<!DOCTYPE html><html><head><title>Summit ends | Example News</title>
<meta property="og:site_name" content="Example News"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Summit ends with a border pact</h1>${body
  .split('. ')
  .map((s) => `<p>${s}.</p>`)
  .join('')}</article>
<footer>Copyright Example News. All rights reserved.</footer></body></html>`;

describe('teaser items get the full text of the page they link to', () => {
  let server: FeedServer;
  let h: PollHarness;
  beforeEach(async () => ({ server, h } = await serverAndHarness()));
  afterEach(() => closeAll(h, server));

  const teaserFeed = () =>
    rss2('Teaser Wire', [
      {
        guid: 't-1',
        link: server.url('/summit.html'),
        title: 'Summit ends with a border pact',
        text: 'Leaders agreed a pact. Read more on our site.',
      },
    ]);

  it('fetches the linked page of a short item and stores its main text, without the page chrome', async () => {
    server.serve('/teaser.xml', teaserFeed());
    server.serve('/summit.html', page(prose('The border pact', 7)), 'text/html; charset=utf-8');
    const feed = await h.add(server.url('/teaser.xml'));
    const [report] = await h.pollNext(feed.id);
    expect(report).toMatchObject({ outcome: 'ok', added: 1 });
    const [article] = await h.articles();
    expect(article.title).toBe('Summit ends with a border pact');
    expect(article.text).toContain('The border pact was the subject of talks');
    expect(article.text).not.toContain('Read more on our site');
    expect(article.text).not.toContain('All rights reserved');
    expect(server.requestsTo('/summit.html')).toHaveLength(1);
    // Seen again unchanged, the item costs neither a page fetch nor a write.
    await h.pollNext(feed.id);
    expect(server.requestsTo('/summit.html')).toHaveLength(1);
  });

  it('keeps the teaser when full text is switched off for the feed, and fetches no page', async () => {
    server.serve('/teaser.xml', teaserFeed());
    server.serve('/summit.html', page(prose('The border pact', 7)), 'text/html');
    const feed = await h.add(server.url('/teaser.xml'), { fullText: false });
    await h.pollNext(feed.id);
    const [article] = await h.articles();
    expect(article.text).toBe('Leaders agreed a pact. Read more on our site.');
    expect(server.requestsTo('/summit.html')).toHaveLength(0);
  });

  it('keeps the teaser when the page cannot be fetched: the item is never lost', async () => {
    server.serve('/teaser.xml', teaserFeed());
    const feed = await h.add(server.url('/teaser.xml'));
    const [report] = await h.pollNext(feed.id);
    expect(report).toMatchObject({ outcome: 'ok', added: 1 });
    expect((await h.articles())[0].text).toBe('Leaders agreed a pact. Read more on our site.');
  });
});

describe('the XML reader itself (under the feed poller and file ingest)', () => {
  it('does not expand internal entities: a billion-laughs document is a parse error, not 3 GB of text', async () => {
    await expect(parseFeedXml(BILLION_LAUGHS, 'laughs.xml')).rejects.toThrow(
      /Invalid character entity|declares XML entities/,
    );
    const { articles, skipped } = await readFeed(BILLION_LAUGHS, 'laughs.xml');
    expect(articles).toEqual([]);
    expect(skipped[0].reason).toMatch(
      /^not a readable RSS\/Atom feed: (Invalid character entity|it declares XML entities)/,
    );
  });

  it('refuses a malformed document right after another (the XML parser keeps no state between documents)', async () => {
    const broken =
      '<?xml version="1.0"?><rss version="2.0"><channel><title>B</title><item><title>x &nope; y</title><description>d</description></item></channel></rss>';
    for (let i = 0; i < 3; i++)
      await expect(parseFeedXml(broken, `broken-${i}.xml`)).rejects.toThrow(
        /Invalid character entity|declares XML entities/,
      );
  });

  it('does not resolve external entities: an XXE document never reads the file it names', async () => {
    await expect(parseFeedXml(xxe('/etc/hostname'), 'xxe.xml')).rejects.toThrow(
      /Invalid character entity|declares XML entities/,
    );
  });
});
