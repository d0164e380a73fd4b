import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readJson } from '../../src/store/ingest/readers/json.js';
import { atom, jsonFeed, prose, rdf, rss2, type DocItem } from './helpers/feed-docs.js';
import type { FeedServer } from './helpers/feed-server.js';
import { closeAll, serverAndHarness, type PollHarness } from './helpers/poll-harness.js';

const ITEMS: DocItem[] = [
  {
    guid: 'wire-1',
    link: 'https://news.example/border-talks',
    title: 'Border talks open',
    text: prose('Border security', 1),
    date: '2026-03-01T08:00:00Z',
    author: 'Ana Ruiz',
  },
  {
    guid: 'wire-2',
    link: 'https://news.example/water-deal',
    title: 'Water deal signed',
    text: prose('The water treaty', 2),
    date: '2026-03-01T09:30:00Z',
    author: 'Bo Chen',
  },
];

const FORMATS = [
  { name: 'RSS 2.0', path: '/rss.xml', type: 'application/rss+xml', doc: rss2('Example Wire', ITEMS) },
  { name: 'RSS 1.0 (RDF)', path: '/rdf.xml', type: 'application/rdf+xml', doc: rdf('Example Wire', ITEMS) },
  { name: 'Atom 1.0', path: '/atom.xml', type: 'application/atom+xml', doc: atom('Example Wire', ITEMS) },
  { name: 'JSON Feed 1.1', path: '/feed.json', type: 'application/feed+json', doc: jsonFeed('Example Wire', ITEMS) },
];

describe('feed formats, polled from a local server', () => {
  let server: FeedServer;
  let h: PollHarness;
  beforeEach(async () => ({ server, h } = await serverAndHarness()));
  afterEach(() => closeAll(h, server));

  for (const f of FORMATS) {
    it(`turns ${f.name} items into articles with title, link, date, author and the feed's title as source`, async () => {
      server.serve(f.path, f.doc, f.type);
      const feed = await h.add(server.url(f.path));
      const [report] = await h.pollNext(feed.id);
      expect(report).toMatchObject({ feedId: feed.id, outcome: 'ok', added: 2, updated: 0 });
      const articles = await h.articles();
      expect(articles.map((a) => a.title).sort()).toEqual(['Border talks open', 'Water deal signed']);
      const talks = articles.find((a) => a.title === 'Border talks open')!;
      expect(talks).toMatchObject({
        url: 'https://news.example/border-talks',
        source: 'Example Wire',
        published: '2026-03-01T08:00:00.000Z',
        authors: ['Ana Ruiz'],
      });
      expect(talks.text).toContain('Border security was the subject of talks');
      const stored = await h.feed(feed.id);
      expect(stored).toMatchObject({ title: 'Example Wire', lastAdded: 2, totalAdded: 2, consecutiveFailures: 0 });
      expect(stored.lastError).toBeUndefined();
    });
  }

  it('skips an item seen again without analysing it, and replaces one whose content changed (same guid)', async () => {
    server.serve('/rss.xml', rss2('Example Wire', ITEMS));
    const feed = await h.add(server.url('/rss.xml'));
    await h.pollNext(feed.id);
    const [again] = await h.pollNext(feed.id);
    expect(again).toMatchObject({ outcome: 'ok', added: 0, updated: 0, unchanged: 2 });

    const changed = [{ ...ITEMS[0], text: `${ITEMS[0].text} A correction was issued later that day.` }, ITEMS[1]];
    server.serve('/rss.xml', rss2('Example Wire', changed));
    const [third] = await h.pollNext(feed.id);
    expect(third).toMatchObject({ outcome: 'ok', added: 0, updated: 1, unchanged: 1 });
    const articles = await h.articles();
    expect(articles).toHaveLength(2);
    const talks = articles.find((a) => a.title === 'Border talks open')!;
    expect(talks.version).toBe(2);
    expect(talks.text).toContain('A correction was issued');
  });

  it('identifies an item without a guid by its link: a changed text under the same link replaces the article', async () => {
    const noGuid = ITEMS.map(({ guid: _guid, ...rest }) => rest);
    server.serve('/rss.xml', rss2('Example Wire', noGuid));
    const feed = await h.add(server.url('/rss.xml'));
    await h.pollNext(feed.id);
    server.serve(
      '/rss.xml',
      rss2('Example Wire', [
        { ...noGuid[0], title: 'Border talks open (updated)', text: `${noGuid[0].text} Talks resume Friday.` },
        noGuid[1],
      ]),
    );
    const [report] = await h.pollNext(feed.id);
    expect(report).toMatchObject({ added: 0, updated: 1 });
    expect((await h.articles()).map((a) => a.title).sort()).toEqual([
      'Border talks open (updated)',
      'Water deal signed',
    ]);
  });

  it('reads a JSON Feed dropped into the articles folder too (the same reader)', () => {
    const { articles, skipped } = readJson(jsonFeed('Example Wire', ITEMS), 'feed.json');
    expect(skipped).toEqual([]);
    expect(articles.map((a) => [a.id, a.title, a.source])).toEqual([
      ['wire-1', 'Border talks open', 'Example Wire'],
      ['wire-2', 'Water deal signed', 'Example Wire'],
    ]);
  });
});
