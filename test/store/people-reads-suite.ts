import { expect, it } from 'vitest';
import type { ArticleInput, ArticleStore, PersonCard } from '../../src/store/article-store.js';
import type { PersonRecord, QuoteRecord } from '../../src/text/types.js';
import { article } from './analysis-fixture.js';

/** An article whose analysis names these people and quotes (its sentences are placeholders). */
function named(input: Omit<ArticleInput, 'text'>, people: PersonRecord[], quotes: QuoteRecord[] = []) {
  const a = article([`${input.title} one.`, `${input.title} two.`, `${input.title} three.`], { people, quotes });
  return { input: { ...input, text: a.text }, analysis: a.analysis };
}

const blinken = (mentions: number, name = 'Antony Blinken', role?: string): PersonRecord => ({
  key: 'antony blinken',
  name,
  mentions,
  ...(role ? { role } : {}),
});
const said = (text: string, sentenceIdx: number, speakerKey = 'antony blinken'): QuoteRecord => ({
  speakerKey,
  text,
  sentenceIdx,
  direct: true,
});

/**
 * Articles that exercise what a card's fold decides: the same key spelt two ways with equal
 * mentions (the earlier article's spelling wins), an undated article, two quotes in one sentence,
 * a person never quoted and a quote whose speaker is not listed as a person.
 */
const ARTICLES = [
  named(
    { id: 'late', title: 'Late talks', published: '2021-10-20' },
    [blinken(2, 'Anthony Blinken', 'Secretary')],
    [said('Late words.', 1)],
  ),
  named(
    { id: 'early', title: 'Early talks', published: '2021-10-01' },
    [blinken(2, 'Antony J. Blinken', 'Envoy'), { key: 'marcelo ebrard', name: 'Marcelo Ebrard', mentions: 1 }],
    [said('Second in sentence.', 2), said('First in sentence.', 0), said('Also in sentence.', 0)],
  ),
  named(
    { id: 'undated', title: 'Undated talks' },
    [blinken(2, 'Tony Blinken')],
    [said('Undated words.', 0), said('Nobody listed said it.', 1, 'unlisted speaker')],
  ),
  named(
    { id: 'minor', title: 'Minor talks', published: '2021-10-05' },
    [blinken(1, 'A. Blinken'), { key: 'ned price', name: 'Ned Price', mentions: 3 }],
    [said('Price words.', 1, 'ned price')],
  ),
];

const tally = (c: PersonCard) => ({
  key: c.key,
  name: c.name,
  articleCount: c.articleCount,
  mentions: c.mentions,
  quoteCount: c.quotes.length,
});

/** The people reads beside people(): tallies, quotes on their own, cards without quotes, keys. */
export function peopleReadsSuite(store: () => ArticleStore): void {
  const addAll = async () => {
    for (const a of ARTICLES) await store().upsert(a.input, a.analysis);
  };

  it('tallies every person as their card counts them: name, articles, mentions and quotes, in the same order', async () => {
    await addAll();
    const cards = await store().people();
    expect(await store().personTallies()).toEqual(cards.map(tally));
    const tallies = await store().personTallies();
    expect(tallies.map((t) => t.key)).toEqual(['antony blinken', 'ned price', 'marcelo ebrard']);
    expect(tallies[0]).toMatchObject({ articleCount: 4, mentions: 7, quoteCount: 5 });
    // Spelt four ways, twice with two mentions: the earlier of those articles (as people() orders undated ones) names the card.
    expect(['Tony Blinken', 'Antony J. Blinken']).toContain(tallies[0].name);
    expect(tallies[2]).toMatchObject({ name: 'Marcelo Ebrard', quoteCount: 0 });
  });

  it('tallies follow the articles when one is replaced', async () => {
    await addAll();
    await store().personTallies();
    const revised = named({ id: 'minor', title: 'Minor talks revised', published: '2021-10-05' }, [
      { key: 'ned price', name: 'Edward Price', mentions: 1 },
    ]);
    await store().upsert(revised.input, revised.analysis);
    const tallies = await store().personTallies();
    expect(tallies).toEqual((await store().people()).map(tally));
    expect(tallies.find((t) => t.key === 'ned price')).toEqual({
      key: 'ned price',
      name: 'Edward Price',
      articleCount: 1,
      mentions: 1,
      quoteCount: 0,
    });
    expect(tallies.find((t) => t.key === 'antony blinken')).toMatchObject({ articleCount: 3, mentions: 6 });
  });

  it('reads the first quotes of some people in their card order, leaving out those with none', async () => {
    await addAll();
    const [card] = await store().people({ keys: ['antony blinken'] });
    const quotes = await store().personQuotes(['antony blinken', 'marcelo ebrard', 'nobody at all', 'ned price'], 2);
    const byKey = new Map(quotes.map((q) => [q.key, q.quotes]));
    expect([...byKey.keys()].sort()).toEqual(['antony blinken', 'ned price']);
    expect(byKey.get('antony blinken')).toEqual(card.quotes.slice(0, 2));
    expect(byKey.get('ned price')?.map((q) => q.text)).toEqual(['Price words.']);
    expect((await store().personQuotes(['antony blinken']))[0].quotes).toEqual(card.quotes);
    expect(card.quotes.filter((q) => q.articleId === 'early').map((q) => q.text)).toEqual([
      'First in sentence.',
      'Also in sentence.',
      'Second in sentence.',
    ]);
    expect(await store().personQuotes([])).toEqual([]);
    expect(await store().personQuotes(['antony blinken'], 0)).toEqual([]);
    expect(await store().personQuotes(["antony blinken'); DROP TABLE quotes; --", '%', '*'], 5)).toEqual([]);
  });

  it('keeps only the newest quotes on request: the last ones of the card order, in that order', async () => {
    await addAll();
    const [card] = await store().people({ keys: ['antony blinken'] });
    expect(card.quotes.length).toBe(5);
    for (const n of [0, 1, 2, 4, 5, 9]) {
      const [newest] = await store().people({ keys: ['antony blinken'], newestQuotes: n });
      expect(newest.quotes, `newest ${n}`).toEqual(card.quotes.slice(card.quotes.length - Math.min(n, 5)));
      expect({ ...newest, quotes: [] }).toEqual({ ...card, quotes: [] });
    }
  });

  it('gives cards without quotes on request, and every person key once, sorted', async () => {
    await addAll();
    const full = await store().people();
    expect(await store().people({ quotes: false })).toEqual(full.map((c) => ({ ...c, quotes: [] })));
    expect(await store().people({ keys: ['ned price'], quotes: false })).toEqual([
      { ...full.find((c) => c.key === 'ned price')!, quotes: [] },
    ]);
    expect(await store().personKeys()).toEqual(['antony blinken', 'marcelo ebrard', 'ned price']);
  });

  it('has no tallies, quotes or keys while no one is named', async () => {
    expect(await store().personTallies()).toEqual([]);
    expect(await store().personQuotes(['antony blinken'], 1)).toEqual([]);
    expect(await store().personKeys()).toEqual([]);
  });
}
