import type { ArticleStore, PersonCard } from '../../store/article-store.js';
import { mergeSurnames } from '../cast/find-person.js';
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
 * The merged people cards an answer can consult — those matching the names in the question (with
 * their quotes) and those named in the candidate sentences (without) — instead of every person in
 * the store: at 100,000 articles loading everyone cost seconds a question. Gives the same cards,
 * for these names and keys, as mergeSurnames(await store.people()) would. Stores without
 * personKeys() fall back to loading everyone.
 */
export async function relevantPeople(store: ArticleStore, names: string[], entityKeys: Iterable<string>, quoteNames: string[] = names): Promise<PersonCard[]> {
  if (!store.personKeys) return mergeSurnames(await store.people());
  const keys = await store.personKeys();
  const index = suffixIndex(keys);
  const closureOf = (list: string[], into: Set<string>) => {
    for (const name of list) {
      for (const key of loosePrefixMatches(keys, name)) mergeClosure(key, index, into);
      // The name's own tail ("ballard" of "Mark Ballard"), for callers that look a surname up exactly.
      const want = normalise(name);
      if (want) mergeClosure(want, index, into);
    }
  };
  // Quotes are loaded only for the names whose quotes are read ("What did X say?"): a card of
  // someone quoted in thousands of articles is large, and no other answer uses them.
  const quoted = new Set<string>();
  closureOf(quoteNames, quoted);
  const plain = new Set<string>();
  closureOf(names, plain);
  for (const key of entityKeys) mergeClosure(key, index, plain);
  for (const key of quoted) plain.delete(key);
  const known = new Set(keys);
  const [withQuotes, without] = await Promise.all([
    quoted.size ? store.people({ keys: [...quoted].filter((k) => known.has(k)) }) : [],
    plain.size ? store.people({ keys: [...plain].filter((k) => known.has(k)), quotes: false }) : [],
  ]);
  return mergeSurnames([...withQuotes, ...without].sort(byCoverage));
}
