import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleStore } from '../../src/store/article-store.js';
import { article } from './analysis-fixture.js';
import { peopleReadsSuite } from './people-reads-suite.js';
import { changeVersionSuite } from './change-version-suite.js';
import { countSentencesSuite } from './count-sentences-suite.js';
import { removeArticlesSuite } from './remove-articles-suite.js';
import { injectionReadsSuite } from './injection-reads-suite.js';
import { HOSTILE_TERMS, HOSTILE_TSQUERY_AND_SIZE_TERMS } from './hostile-terms.js';

const talks = article(
  [
    'Secretary of State Antony Blinken arrived in Mexico City on Friday for security talks.',
    {
      text: 'Blinken met Foreign Secretary Marcelo Ebrard at a working breakfast.',
      entities: [
        { text: 'Blinken', type: 'person', key: 'antony blinken' },
        { text: 'Marcelo Ebrard', type: 'person', key: 'marcelo ebrard' },
      ],
    },
    {
      text: 'The talks began on Oct. 8, 2021, the officials said.',
      dates: [{ text: 'Oct. 8, 2021', date: '2021-10-08', inferred: false }],
    },
  ],
  {
    people: [
      { key: 'antony blinken', name: 'Antony Blinken', role: 'Secretary of State', affiliation: 'U.S.', mentions: 2 },
      { key: 'marcelo ebrard', name: 'Marcelo Ebrard', role: 'Foreign Secretary', affiliation: 'Mexico', mentions: 1 },
    ],
    quotes: [{ speakerKey: 'antony blinken', text: 'We are ready to work together.', sentenceIdx: 1, direct: true }],
  },
);

const paris = article(
  [
    'Blinken held a news conference in Paris on Wednesday.',
    {
      text: 'He said France was a strong partner in the Indo-Pacific.',
      dates: [{ text: 'Wednesday', date: '2021-10-06', inferred: true }],
    },
  ],
  {
    people: [{ key: 'antony blinken', name: 'Antony Blinken', role: 'U.S. Secretary of State', mentions: 2 }],
    quotes: [{ speakerKey: 'antony blinken', text: 'France is a strong partner.', sentenceIdx: 1, direct: false }],
  },
);

const harvest = article([
  'Farmers in the valley reported a record apple harvest this autumn.',
  'Prices fell by 12 percent.',
]);

/**
 * The contract every ArticleStore backend passes. `open` must return a new, empty store each time;
 * `openAgain` a second instance on the same database as the given store, as another process would
 * open it. Run it from a backend's test file:
 * storeSuite('sqlite', () => openSqliteStore(tempPath()), (s) => openSqliteStore(s.location)).
 */
export function storeSuite(
  name: string,
  open: () => Promise<ArticleStore>,
  openAgain: (store: ArticleStore) => Promise<ArticleStore>,
): void {
  describe(`ArticleStore contract: ${name}`, () => {
    let store: ArticleStore;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    const addTalks = () =>
      store.upsert(
        {
          id: 'talks',
          title: 'Security talks in Mexico City',
          source: 'Wire',
          url: 'https://news.example/talks',
          authors: ['Ana Ruiz'],
          published: '2021-10-08',
          text: talks.text,
        },
        talks.analysis,
      );
    const addParis = () =>
      store.upsert(
        { id: 'paris', title: 'Blinken in Paris', source: 'Wire', published: '2021-10-06', text: paris.text },
        paris.analysis,
      );
    const addHarvest = () =>
      store.upsert(
        { id: 'harvest', title: 'Apple harvest', source: 'Farm Weekly', published: '2021-09-30', text: harvest.text },
        harvest.analysis,
      );

    it('adds a new article and returns it by id with all its metadata and text', async () => {
      expect(await addTalks()).toEqual({ status: 'added', id: 'talks' });
      const stored = await store.get('talks');
      expect(stored).toMatchObject({
        id: 'talks',
        title: 'Security talks in Mexico City',
        source: 'Wire',
        url: 'https://news.example/talks',
        authors: ['Ana Ruiz'],
        published: '2021-10-08',
        publishedInferred: false,
        version: 1,
        text: talks.text,
      });
      expect(stored!.ingestedAt).toBe(stored!.updatedAt);
      expect(stored!.contentHash).toMatch(/\S/);
      expect(await store.get('no-such-article')).toBeUndefined();
    });

    it('skips the same content again, even re-spaced, re-cased and with curly quotes, as a duplicate of the first id', async () => {
      await addTalks();
      const again = await store.upsert(
        { id: 'talks', title: 'Security talks in Mexico City', text: talks.text },
        talks.analysis,
      );
      expect(again).toMatchObject({ status: 'skipped', id: 'talks', reason: 'duplicate of talks' });
      const cosmetic = `  ${talks.text.toUpperCase().replace(/ /g, '\n\n  ')}  `;
      const copy = await store.upsert({ id: 'copy', title: 'Copy', text: cosmetic }, talks.analysis);
      expect(copy).toMatchObject({ status: 'skipped', reason: 'duplicate of talks' });
      const quotes = await store.upsert(
        { title: 'Q', text: 'He said “yes” and ‘no’.' },
        article(['He said “yes” and ‘no’.']).analysis,
      );
      expect(quotes.status).toBe('added');
      const plain = await store.upsert(
        { title: 'Q2', text: 'He said "yes" and \'no\'.' },
        article(['He said "yes" and \'no\'.']).analysis,
      );
      expect(plain).toMatchObject({ status: 'skipped', reason: `duplicate of ${quotes.id}` });
      expect((await store.stats()).articles).toBe(2);
    });

    it('replaces an article with new content under the same id: version 2, old sentences gone, ingestion time kept', async () => {
      await addTalks();
      const before = (await store.get('talks'))!;
      const revised = article(['Blinken and Ebrard signed a new security framework on Friday.']);
      const result = await store.upsert(
        { id: 'talks', title: 'Framework signed', source: 'Wire', published: '2021-10-08', text: revised.text },
        revised.analysis,
      );
      expect(result).toEqual({ status: 'updated', id: 'talks' });
      const after = (await store.get('talks'))!;
      expect(after).toMatchObject({
        title: 'Framework signed',
        version: 2,
        text: revised.text,
        ingestedAt: before.ingestedAt,
      });
      expect(after.updatedAt >= before.updatedAt).toBe(true);
      expect(after.contentHash).not.toBe(before.contentHash);
      expect((await store.sentencesOf('talks')).map((s) => s.text)).toEqual([revised.text]);
      expect(await store.searchSentences(['breakfast'])).toEqual([]);
      expect(await store.searchArticles(['breakfast'])).toEqual([]);
      expect((await store.searchSentences(['framework'])).map((h) => h.articleId)).toEqual(['talks']);
      expect((await store.people()).map((p) => p.key)).toEqual([]);
      expect(await store.datedSentences()).toEqual([]);
      expect((await store.stats()).articles).toBe(1);
    });

    it('replaces an article with new content under the same url, keeping its id', async () => {
      await addTalks();
      const revised = article(['The security talks in Mexico City ended with a joint statement.']);
      const result = await store.upsert(
        { title: 'Talks end', url: 'https://news.example/talks', text: revised.text },
        revised.analysis,
      );
      expect(result).toEqual({ status: 'updated', id: 'talks' });
      expect((await store.get('talks'))!.version).toBe(2);
      expect((await store.stats()).articles).toBe(1);
    });

    it('derives a stable id from the url, or from the content when there is no url', async () => {
      const a = article(['A story only known by its address.']);
      const byUrl = await store.upsert(
        { title: 'U', url: 'https://news.example/world/story-one.html', text: a.text },
        a.analysis,
      );
      expect(byUrl.status).toBe('added');
      expect(byUrl.id).toMatch(/\S/);
      const b = article(['A story with neither id nor address.']);
      const byContent = await store.upsert({ title: 'C', text: b.text }, b.analysis);
      expect(byContent.status).toBe('added');
      expect(byContent.id).not.toBe(byUrl.id);
      const again = article(['A new version of the story known by its address.']);
      const replaced = await store.upsert(
        { title: 'U2', url: 'https://news.example/world/story-one.html', text: again.text },
        again.analysis,
      );
      expect(replaced).toEqual({ status: 'updated', id: byUrl.id });
    });

    it('flags an article without a stated date as inferred, and keeps a stated one as given', async () => {
      const a = article(['An undated note about the harbour.']);
      await store.upsert({ id: 'undated', title: 'Undated', text: a.text }, a.analysis);
      const undated = (await store.get('undated'))!;
      expect(undated.publishedInferred).toBe(true);
      expect(undated.published).toMatch(/^\d{4}-\d{2}-\d{2}/);
      await addTalks();
      expect((await store.get('talks'))!.publishedInferred).toBe(false);
    });

    it('finds articles by any of the terms with ** around the matches, by relevance or newest first', async () => {
      await addTalks();
      await addParis();
      await addHarvest();
      const hits = await store.searchArticles(['Blinken']);
      expect(hits.map((h) => h.article.id).sort()).toEqual(['paris', 'talks']);
      expect(hits[0].snippet).toContain('**Blinken**');
      for (const h of hits) expect(h.score).toBeGreaterThan(0);
      const newest = await store.searchArticles(['Blinken', 'harvest'], { order: 'newest' });
      expect(newest.map((h) => h.article.id)).toEqual(['talks', 'paris', 'harvest']);
      const one = await store.searchArticles(['Blinken', 'harvest'], { limit: 1 });
      expect(one).toHaveLength(1);
      expect(await store.searchArticles(['volcano'])).toEqual([]);
    });

    it('without snippets returns the same articles in the same order with the same scores', async () => {
      await addTalks();
      await addParis();
      await addHarvest();
      for (const order of ['relevance', 'newest'] as const) {
        const full = await store.searchArticles(['Blinken', 'harvest'], { order });
        const bare = await store.searchArticles(['Blinken', 'harvest'], { order, snippet: false });
        expect(bare.map((h) => [h.article, h.score])).toEqual(full.map((h) => [h.article, h.score]));
        expect(bare.every((h) => h.snippet === '')).toBe(true);
      }
    });

    it('ranks matching sentences by bm25 with their stored analysis and article metadata', async () => {
      await addTalks();
      await addParis();
      await addHarvest();
      const hits = await store.searchSentences(['Ebrard', 'breakfast']);
      expect(hits[0].text).toBe('Blinken met Foreign Secretary Marcelo Ebrard at a working breakfast.');
      expect(hits[0]).toMatchObject({ articleId: 'talks', idx: 1, hasNumber: false });
      expect(hits[0].entities).toContainEqual({ text: 'Marcelo Ebrard', type: 'person', key: 'marcelo ebrard' });
      expect(hits[0].article).toMatchObject({
        id: 'talks',
        title: 'Security talks in Mexico City',
        published: '2021-10-08',
      });
      const multi = await store.searchSentences(['Blinken', 'partner']);
      const scores = multi.map((h) => h.score);
      expect([...scores].sort((a, b) => b - a)).toEqual(scores);
      // "partner" is in one sentence, "Blinken" in three: the rarer word weighs more.
      expect(multi[0].text).toBe('He said France was a strong partner in the Indo-Pacific.');
      expect(multi.filter((h) => h.text.includes('Blinken'))).toHaveLength(3);
      const prices = await store.searchSentences(['prices']);
      expect(prices[0]).toMatchObject({ articleId: 'harvest', hasNumber: true });
      expect(await store.searchSentences(['Blinken'], { limit: 1 })).toHaveLength(1);
    });

    it('limits sentence search to the given articles', async () => {
      await addTalks();
      await addParis();
      const onlyParis = await store.searchSentences(['Blinken'], { articleIds: ['paris'] });
      expect(onlyParis.length).toBeGreaterThan(0);
      expect(new Set(onlyParis.map((h) => h.articleId))).toEqual(new Set(['paris']));
      expect(await store.searchSentences(['Blinken'], { articleIds: [] })).toEqual([]);
      expect(await store.searchSentences(['Blinken'], { articleIds: ['unknown'] })).toEqual([]);
    });

    it('treats FTS5 syntax in search terms as plain text: results or nothing, never an error', async () => {
      await addTalks();
      await addParis();
      for (const terms of [...HOSTILE_TERMS, ...HOSTILE_TSQUERY_AND_SIZE_TERMS]) {
        await expect(store.searchArticles(terms), JSON.stringify(terms)).resolves.toBeInstanceOf(Array);
        await expect(store.searchSentences(terms), JSON.stringify(terms)).resolves.toBeInstanceOf(Array);
        await expect(store.searchArticles(terms, { order: 'newest' })).resolves.toBeInstanceOf(Array);
        await expect(store.searchSentences(terms, { articleIds: ['talks'] })).resolves.toBeInstanceOf(Array);
      }
      // The words around the syntax still count.
      expect((await store.searchArticles(['"Blinken'])).length).toBe(2);
      expect((await store.searchSentences(['Ebrard:'])).map((h) => h.articleId)).toContain('talks');
      expect((await store.searchSentences(['-breakfast)'])).map((h) => h.idx)).toEqual([1]);
      expect((await store.searchSentences(['Blinken"', 'talks'])).length).toBeGreaterThan(0);
      // A lone operator word is an ordinary word: no article contains "NOT", so nothing matches.
      expect(await store.searchArticles(['NOT'])).toEqual([]);
      // A control character is a word break, as in the text: "Blinken<NUL>said" finds both words.
      expect((await store.searchSentences(['Blinken\u0000said'])).length).toBe(
        (await store.searchSentences(['Blinken said'])).length,
      );
    });

    it('aggregates people across articles: distinct roles, article count, summed mentions and quotes with their article', async () => {
      await addTalks();
      await addParis();
      const people = await store.people();
      expect(people.map((p) => p.key)).toEqual(['antony blinken', 'marcelo ebrard']);
      const blinken = people[0];
      expect(blinken).toMatchObject({ name: 'Antony Blinken', articleCount: 2, mentions: 4, affiliation: 'U.S.' });
      expect([...blinken.roles].sort()).toEqual(['Secretary of State', 'U.S. Secretary of State']);
      expect(blinken.quotes).toHaveLength(2);
      const direct = blinken.quotes.find((q) => q.direct)!;
      expect(direct).toMatchObject({ text: 'We are ready to work together.', articleId: 'talks', sentenceIdx: 1 });
      expect(direct.article.title).toBe('Security talks in Mexico City');
      expect(people[1]).toMatchObject({
        name: 'Marcelo Ebrard',
        articleCount: 1,
        mentions: 1,
        roles: ['Foreign Secretary'],
        quotes: [],
      });
    });

    it('lists dated sentences in date order, optionally for some articles only', async () => {
      await addTalks();
      await addParis();
      const dated = await store.datedSentences();
      expect(dated.map((d) => d.date.date)).toEqual(['2021-10-06', '2021-10-08']);
      expect(dated[0]).toMatchObject({ articleId: 'paris', idx: 1, date: { text: 'Wednesday', inferred: true } });
      expect(dated[1].article.id).toBe('talks');
      expect((await store.datedSentences({ articleIds: ['talks'] })).map((d) => d.articleId)).toEqual(['talks']);
    });

    it('reports counts, the oldest and newest article and articles per source', async () => {
      expect(await store.stats()).toMatchObject({ articles: 0, sentences: 0, perSource: [] });
      expect(await store.articleCount()).toBe(0);
      await addTalks();
      await addParis();
      await addHarvest();
      const stats = await store.stats();
      expect(stats).toMatchObject({ articles: 3, sentences: 7 });
      expect(await store.articleCount()).toBe(3);
      expect(stats.oldest!.id).toBe('harvest');
      expect(stats.newest!.id).toBe('talks');
      expect(stats.perSource).toEqual([
        { source: 'Wire', count: 2 },
        { source: 'Farm Weekly', count: 1 },
      ]);
    });

    it('lists articles newest first, within a window of change times and a limit', async () => {
      await addHarvest();
      await addParis();
      const mark = (await store.get('paris'))!.updatedAt;
      await new Promise((r) => setTimeout(r, 5));
      await addTalks();
      expect((await store.listArticles()).map((a) => a.id)).toEqual(['talks', 'paris', 'harvest']);
      expect((await store.listArticles({ limit: 2 })).map((a) => a.id)).toEqual(['talks', 'paris']);
      expect((await store.listArticles({ changedAfter: mark })).map((a) => a.id)).toEqual(['talks']);
      expect((await store.listArticles({ changedUpTo: mark })).map((a) => a.id)).toEqual(['paris', 'harvest']);
      const listed = (await store.listArticles())[0] as unknown as Record<string, unknown>;
      expect(listed.text).toBeUndefined();
    });

    it('returns the sentences of one article in order with their analysis', async () => {
      await addTalks();
      const sentences = await store.sentencesOf('talks');
      expect(sentences.map((s) => s.idx)).toEqual([0, 1, 2]);
      expect(sentences[2].dates).toEqual([{ text: 'Oct. 8, 2021', date: '2021-10-08', inferred: false }]);
      expect(sentences[2].hasNumber).toBe(true);
      expect(await store.sentencesOf('no-such-article')).toEqual([]);
    });

    it('reads sentence texts by article and index, leaving out positions that do not exist', async () => {
      await addTalks();
      await addParis();
      const texts = await store.sentenceTexts([
        { articleId: 'talks', idx: 2 },
        { articleId: 'paris', idx: 0 },
        { articleId: 'talks', idx: 7 },
        { articleId: 'no-such-article', idx: 0 },
      ]);
      const byRef = (r: { articleId: string; idx: number }) => `${r.articleId}#${r.idx}`;
      expect(texts.map((t) => `${byRef(t)} ${t.text}`).sort()).toEqual([
        'paris#0 Blinken held a news conference in Paris on Wednesday.',
        'talks#2 The talks began on Oct. 8, 2021, the officials said.',
      ]);
      expect(await store.sentenceTexts([])).toEqual([]);
    });

    it('stores an article whose text is in several scripts and finds it by any of them', async () => {
      const a = article(['Der Außenminister traf sich in Zürich.', 'Встреча прошла в среду.']);
      await store.upsert({ id: 'intl', title: 'International', text: a.text }, a.analysis);
      expect((await store.searchSentences(['Zürich'])).map((h) => h.idx)).toEqual([0]);
      expect((await store.searchSentences(['среду'])).map((h) => h.idx)).toEqual([1]);
    });

    peopleReadsSuite(() => store);
    changeVersionSuite(
      () => store,
      () => openAgain(store),
    );
    countSentencesSuite(() => store);
    removeArticlesSuite(() => store);
    injectionReadsSuite(() => store);
  });
}
