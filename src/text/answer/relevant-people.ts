import type { ArticleStore, PersonCard } from '../../store/article-store.js';
import { cardOrder } from '../../store/person-cards.js';
import { cardsWithoutQuotes } from '../cast/cached-cards.js';
import { findPerson, mergeSurnames, normaliseName, suffixIndex, wordsStartKey } from '../cast/find-person.js';

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
 * change which tier answers, so all are loaded.
 */
function loosePrefixMatches(keys: string[], name: string): string[] {
  const want = normaliseName(name);
  if (!want) return [];
  const parts = want.split(' ');
  return keys.filter((key) => wordsStartKey(key, parts));
}

/**
 * Quotes read for the person a "what did X say" names: the newest this many. At 100,000 articles
 * Blair has 12,000, and reading them all took about 100 ms a question; on a developing story the
 * quotes that matter are recent, and an older one is still found by the ranked search, which
 * answers when none of these is on the topic.
 */
const QUOTES_READ = 500;

/**
 * The merged people cards an answer can consult — those matching the names in the question and
 * those named in the candidate sentences — instead of every person in the store: at 100,000
 * articles loading everyone cost seconds a question. Gives the same cards, for these names and
 * keys, as mergeSurnames(await store.people()) would, but only the person each of `quoteNames`
 * finds comes with quotes (no other answer reads them, and someone quoted in thousands of
 * articles makes a large card).
 */
export async function relevantPeople(
  store: ArticleStore,
  names: string[],
  entityKeys: Iterable<string>,
  quoteNames: string[] = names,
): Promise<PersonCard[]> {
  const keys = await store.personKeys();
  const index = suffixIndex(keys);
  const wanted = new Set<string>();
  for (const name of [...names, ...quoteNames]) {
    for (const key of loosePrefixMatches(keys, name)) mergeClosure(key, index, wanted);
    // The name's own tail ("ballard" of "Mark Ballard"), for callers that look a surname up exactly.
    const want = normaliseName(name);
    if (want) mergeClosure(want, index, wanted);
  }
  for (const key of entityKeys) mergeClosure(key, index, wanted);
  const known = new Set(keys);
  const cards = await cardsWithoutQuotes(
    store,
    [...wanted].filter((k) => known.has(k)),
  );
  const folded = new Map<string, string[]>();
  const merged = mergeSurnames([...cards].sort(cardOrder), (short, full) =>
    folded.set(full, [...(folded.get(full) ?? []), short]),
  );
  for (const person of new Set(quoteNames.map((name) => findPerson(merged, name)))) {
    if (!person) continue;
    // The person's quotes, then those of each short form folded into them, as mergeSurnames joins them.
    const own = [person.key, ...(folded.get(person.key) ?? [])];
    const withQuotes = new Map(
      (await store.people({ keys: own, newestQuotes: QUOTES_READ })).map((c) => [c.key, c.quotes]),
    );
    person.quotes = own.flatMap((k) => withQuotes.get(k) ?? []);
  }
  return merged;
}
