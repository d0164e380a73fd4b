import { describe, expect, it } from 'vitest';
import { readFeed } from '../../src/store/ingest/readers/feed.js';

const rss = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Example Wire</title><link>https://wire.example</link><description>News</description>
  <item>
    <title>Talks open</title><link>https://wire.example/talks</link><guid>wire-1</guid>
    <pubDate>Fri, 08 Oct 2021 12:00:00 GMT</pubDate><dc:creator>Ana Ruiz</dc:creator>
    <description>Short teaser.</description>
    <content:encoded><![CDATA[<p>Blinken met <b>Ebrard</b> in Mexico City.</p><p>They discussed security.</p>]]></content:encoded>
  </item>
  <item>
    <title>Plain item</title><link>https://wire.example/plain</link>
    <description>A plain text description that is the whole item.</description>
  </item>
  <item><title>Nothing inside</title></item>
</channel></rss>`;

const atom = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Atom Desk</title><id>urn:desk</id><updated>2021-10-09T00:00:00Z</updated>
  <entry>
    <title>Paris visit</title><id>urn:desk:paris</id><link href="https://desk.example/paris"/>
    <updated>2021-10-06T09:00:00Z</updated><author><name>Bo Chen</name></author>
    <content type="html">&lt;p&gt;Blinken held a news conference in Paris.&lt;/p&gt;</content>
  </entry>
</feed>`;

describe('RSS/Atom reader', () => {
  it('reads RSS items with content:encoded turned from HTML into text, and the feed title as source', async () => {
    const { articles, skipped } = await readFeed(rss, 'wire.xml');
    expect(articles[0]).toEqual({
      id: 'wire-1',
      title: 'Talks open',
      url: 'https://wire.example/talks',
      source: 'Example Wire',
      authors: ['Ana Ruiz'],
      published: '2021-10-08T12:00:00.000Z',
      text: 'Blinken met Ebrard in Mexico City.\n\nThey discussed security.',
      origin: 'wire.xml item 1',
    });
    expect(articles[1]).toMatchObject({
      title: 'Plain item',
      text: 'A plain text description that is the whole item.',
    });
    expect(skipped).toEqual([{ origin: 'wire.xml', reason: 'item 3 (Nothing inside): no text' }]);
  });

  it('reads Atom entries with their id, link, author and HTML content', async () => {
    const { articles } = await readFeed(atom, 'desk.atom');
    expect(articles).toEqual([
      expect.objectContaining({
        id: 'urn:desk:paris',
        title: 'Paris visit',
        url: 'https://desk.example/paris',
        source: 'Atom Desk',
        authors: ['Bo Chen'],
        published: '2021-10-06T09:00:00.000Z',
        text: 'Blinken held a news conference in Paris.',
      }),
    ]);
  });

  it('skips a file that is not a feed with a reason', async () => {
    const { articles, skipped } = await readFeed('<html><body>no feed</body></html>', 'page.xml');
    expect(articles).toEqual([]);
    expect(skipped[0].reason).toMatch(/^not a readable RSS\/Atom feed/);
  });
});
