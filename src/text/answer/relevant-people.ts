import type { ArticleStore, PersonCard } from '../../store/article-store.js';
import { findPerson, mergeSurnames } from '../cast/find-person.js';
import { fold } from '../fold.js';

/** Suffix → keys that end with it (" obrador" → "lopez obrador", "manuel lopez obrador"), per key list. */
const suffixIndexes = new WeakMap<string[], Map<string, string[]>>();

function suffixIndex(keys: string[]): Map<string, string[]> {
  let index = suffixIndexes.get(keys);
  if (!index) {
    index = new Map();
    for (const key of keys) {
      const parts = key.split(' ');
      for (let i = 1; i < parts.length; i++) {
        const suffix = parts.slice(i).join(' ');
        const list = index.get(suffix);
        if (list) list.push(key);
        else index.set(suffix, [key]);
      }
    }
    suffixIndexes.set(keys, index);
  }
  return index;
}

/**
 * Every key whose card can change how `key` comes out of mergeSurnames: its own suffixes (the
 * short forms folded into it) and every longer key ending in one of them (which decide whether a
 * fold is unambiguous, and whether `key` itself is folded away).
 */
function mergeClosure(key: string, index: Map<string, string[]>, into: Set<string>): void {
  const parts = key.split(' ');
  for (let i = 0; i < parts.length; i++) {
    const suffix = parts.slice(i).join(' ');
    into.add(suffix);
    for (const longer of index.get(suffix) ?? []) into.add(longer);
  }
}

/**
 * Keys matchPeople could return for `name` in any of its tiers: its loosest tier (every word of
 * the name starts a word of the key) contains the exact and whole-word tiers, and merging can
 * change which tier answers, so all are loaded. Normalised as matchPeople does.
 */
function normalise(name: string): string {
  return fold(name).replace(/[’]/g, "'").replace(/[^\p{L}\p{N}' -]+/gu, ' ').replace(/\s+/g, ' ').trim();
}

function loosePrefixMatches(keys: string[], name: string): string[] {
  const want = normalise(name);
  if (!want) return [];
  const parts = want.split(' ');
  return keys.filter((key) => {
    const keyParts = key.split(' ');
    return parts.every((w) => keyParts.some((k) => k.startsWith(w)));
  });
}

const byCoverage = (a: PersonCard, b: PersonCard) => b.articleCount - a.articleCount || b.mentions - a.mentions || a.key.localeCompare(b.key);

/**
 * The merged people cards an answer can consult — those matching the names in the question and
 * those named in the candidate sentences — instead of every person in the store: at 100,000
 * articles loading everyone cost seconds a question. Gives the same cards, for these names and
 * keys, as mergeSurnames(await store.people()) would, but only the person each of `quoteNames`
 * finds comes with quotes (no other answer reads them, and someone quoted in thousands of
 * articles makes a large card). Stores without personKeys() fall back to loading everyone.
 */
export async function relevantPeople(store: ArticleStore, names: string[], entityKeys: Iterable<string>, quoteNames: string[] = names): Promise<PersonCard[]> {
  if (!store.personKeys) return mergeSurnames(await store.people());
  const keys = await store.personKeys();
  const index = suffixIndex(keys);
  const wanted = new Set<string>();
  for (const name of [...names, ...quoteNames]) {
    for (const key of loosePrefixMatches(keys, name)) mergeClosure(key, index, wanted);
    // The name's own tail ("ballard" of "Mark Ballard"), for callers that look a surname up exactly.
    const want = normalise(name);
    if (want) mergeClosure(want, index, wanted);
  }
  for (const key of entityKeys) mergeClosure(key, index, wanted);
  const known = new Set(keys);
  const cards = await cardsWithoutQuotes(store, [...wanted].filter((k) => known.has(k)));
  const folded = new Map<string, string[]>();
  const merged = mergeSurnames([...cards].sort(byCoverage), (short, full) => folded.set(full, [...(folded.get(full) ?? []), short]));
  for (const person of new Set(quoteNames.map((name) => findPerson(merged, name)))) {
    if (!person) continue;
    // The person's quotes, then those of each short form folded into them, as mergeSurnames joins them.
    const own = [person.key, ...(folded.get(person.key) ?? [])];
    const withQuotes = new Map((await store.people({ keys: own })).map((c) => [c.key, c.quotes]));
    person.quotes = own.flatMap((k) => withQuotes.get(k) ?? []);
  }
  return merged;
}

/** Cards kept per store; more keys than this and the cache starts over (a card is a few strings). */
const MAX_CACHED_CARDS = 20_000;
const cardCaches = new WeakMap<ArticleStore, { version: string; cards: Map<string, PersonCard> }>();

/**
 * Cards without quotes, remembered until the store changes (its changeVersion). A card folds every
 * article that names the person, and the rows of a much-covered person ("blair": 6,000 articles
 * at 100,000) are spread over the whole file: reading them cost 100–300 ms an /ask, for the same
 * few prominent people again and again. Callers get the cached objects, which they must not change
 * (mergeSurnames copies them). Stores without changeVersion are read each time.
 */
async function cardsWithoutQuotes(store: ArticleStore, keys: string[]): Promise<PersonCard[]> {
  if (!keys.length) return [];
  const version = store.changeVersion ? await store.changeVersion() : undefined;
  if (version === undefined) return store.people({ keys, quotes: false });
  let cache = cardCaches.get(store);
  if (!cache || cache.version !== version || cache.cards.size + keys.length > MAX_CACHED_CARDS) {
    cache = { version, cards: new Map() };
    cardCaches.set(store, cache);
  }
  const cards = cache.cards;
  const missing = keys.filter((k) => !cards.has(k));
  if (missing.length) for (const card of await store.people({ keys: missing, quotes: false })) cards.set(card.key, card);
  return keys.flatMap((k) => cards.get(k) ?? []);
}
