import type { ArticleStore, PersonCard } from '../../store/article-store.js';
import { cardsWithoutQuotes } from './cached-cards.js';
import { mergeSurnames } from './find-person.js';

/**
 * Everyone /who and autocomplete can name, from the store's tallies rather than every card and
 * quote (at 100,000 articles that load took seconds and over a GB). `ranked` holds the people
 * mergeSurnames(await store.people()) gives, with their names and counts but no roles,
 * affiliation or quotes, in the order /who lists them.
 */
export interface CastIndex {
  ranked: PersonCard[];
  /** Quotes on each merged person's card (their own and those of the short form folded in). */
  quoteCount: Map<string, number>;
  /** Full key → the short key folded into it ("tony blair" → "blair" when he is the only Blair). */
  shortOf: Map<string, string>;
  /** Merged cards already read for this version, by quote count and key (see castCards). */
  cards: Map<string, PersonCard>;
}

/** Merged cards kept per index; /who lists the same fifteen people until the store changes. */
const MAX_CACHED_CARDS = 2_000;

/** /who's order: most articles, then most mentions, then name; a full tie keeps people()'s order. */
export function byCoverage(a: PersonCard, b: PersonCard): number {
  return b.articleCount - a.articleCount || b.mentions - a.mentions || a.name.localeCompare(b.name);
}

const indexes = new WeakMap<ArticleStore, { version: string; index: Promise<CastIndex> }>();

/**
 * The index, built once per store version (autocomplete asks on every keystroke; concurrent
 * callers share one build).
 */
export async function castIndex(store: ArticleStore): Promise<CastIndex> {
  const version = await store.changeVersion();
  const hit = indexes.get(store);
  if (hit && hit.version === version) return hit.index;
  const index = buildIndex(store);
  indexes.set(store, { version, index });
  // A failed read is tried again next time, not remembered.
  index.catch(() => indexes.get(store)?.index === index && indexes.delete(store));
  return index;
}

async function buildIndex(store: ArticleStore): Promise<CastIndex> {
  const tallies = await store.personTallies();
  const quoteCount = new Map(tallies.map((t) => [t.key, t.quoteCount]));
  const shortOf = new Map<string, string>();
  const cards = tallies.map(
    (t): PersonCard => ({
      key: t.key,
      name: t.name,
      roles: [],
      articleCount: t.articleCount,
      mentions: t.mentions,
      quotes: [],
    }),
  );
  const merged = mergeSurnames(cards, (short, full) => {
    shortOf.set(full, short);
    quoteCount.set(full, (quoteCount.get(full) ?? 0) + (quoteCount.get(short) ?? 0));
    quoteCount.delete(short);
  });
  return { ranked: merged.sort(byCoverage), quoteCount, shortOf, cards: new Map() };
}

/**
 * The full merged cards of some people of the index, as mergeSurnames(await store.people()) gives
 * them but with at most `quotes` quotes from each of the keys merged (their card's first ones):
 * a caller showing n quotes asks for n. Only these people's rows and quotes are read, once per
 * store version: the first quotes of the most-covered people sit among thousands of theirs, and
 * finding them again cost 300 ms a /who at 100,000 articles. Callers must not change the cards.
 */
export async function castCards(
  store: ArticleStore,
  index: CastIndex,
  people: PersonCard[],
  quotes: number,
): Promise<PersonCard[]> {
  const cacheKey = (p: PersonCard) => `${quotes}|${p.key}`;
  const found = new Map(
    people.flatMap((p) => {
      const card = index.cards.get(cacheKey(p));
      return card ? [[p.key, card] as const] : [];
    }),
  );
  const missing = people.filter((p) => !found.has(p.key));
  if (missing.length) {
    const loaded = await readCards(store, index, missing, quotes);
    if (index.cards.size + loaded.length > MAX_CACHED_CARDS) index.cards.clear();
    loaded.forEach((card, i) => {
      found.set(missing[i].key, card);
      index.cards.set(cacheKey(missing[i]), card);
    });
  }
  return people.map((p) => found.get(p.key)!);
}

async function readCards(
  store: ArticleStore,
  index: CastIndex,
  people: PersonCard[],
  quotes: number,
): Promise<PersonCard[]> {
  const keysOf = (p: PersonCard) => {
    const short = index.shortOf.get(p.key);
    return short === undefined ? [p.key] : [p.key, short];
  };
  const keys = people.flatMap(keysOf);
  const cards = new Map((await cardsWithoutQuotes(store, keys)).map((c) => [c.key, c]));
  const said = new Map(quotes > 0 ? (await store.personQuotes(keys, quotes)).map((q) => [q.key, q.quotes]) : []);
  return people.map((p) => {
    // A card gone since the index was built (the store changed in between) leaves the tally's counts.
    const own = keysOf(p).map((k) => ({
      ...(cards.get(k) ?? (k === p.key ? p : emptyCard(k))),
      quotes: said.get(k) ?? [],
    }));
    // The short form is a suffix of the key and nothing else here ends with it: it folds, as it did in the index.
    return mergeSurnames(own)[0];
  });
}

function emptyCard(key: string): PersonCard {
  return { key, name: key, roles: [], articleCount: 0, mentions: 0, quotes: [] };
}
