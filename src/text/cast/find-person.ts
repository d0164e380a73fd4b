import type { PersonCard } from '../../store/article-store.js';
import { fold } from '../fold.js';

/** A typed name as person keys are written: accent-free, lower-case, letters, digits, ' and - only. */
export function normaliseName(name: string): string {
  return fold(name)
    .replace(/[’]/g, "'")
    .replace(/[^\p{L}\p{N}' -]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whether every word of a normalised name starts some word of `key` (the loosest match: "ebr", "lop obr"). */
export function wordsStartKey(key: string, wantWords: readonly string[]): boolean {
  const keyParts = key.split(' ');
  return wantWords.every((w) => keyParts.some((k) => k.startsWith(w)));
}

/**
 * People whose name matches a typed (partial, accent-free, any-case) name: the full name first,
 * then whole-word matches ("ebrard", "Lopez Obrador"), then word prefixes ("ebr").
 */
export function matchPeople<P extends { key: string }>(people: P[], name: string): P[] {
  const want = normaliseName(name);
  if (!want) return [];
  const exact = people.filter((p) => p.key === want);
  if (exact.length) return exact;
  const words = people.filter((p) => ` ${p.key} `.includes(` ${want} `));
  if (words.length) return words;
  const parts = want.split(' ');
  return people.filter((p) => wordsStartKey(p.key, parts));
}

/** The one person a name refers to, if it is unambiguous (most-covered person on a tie of form). */
export function findPerson(people: PersonCard[], name: string): PersonCard | undefined {
  const m = matchPeople(people, name);
  return m.sort((a, b) => b.articleCount - a.articleCount || b.mentions - a.mentions)[0];
}

/** Suffix → keys that end with it (" obrador" → "lopez obrador", "manuel lopez obrador"), per key list. */
const suffixIndexes = new WeakMap<readonly string[], Map<string, string[]>>();

/**
 * Every proper word suffix of every key ("manuel lopez obrador" → "lopez obrador", "obrador"),
 * with the keys that end with it. Remembered per key list (callers pass the same cached list).
 */
export function suffixIndex(keys: readonly string[]): Map<string, string[]> {
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
 * The surname folds of mergeSurnames, from the keys alone: short key → the one longer key that
 * ends with it. A key is folded only when exactly one key ends with it; that longer key is then
 * never folded itself (anything ending with it would also end with the short key), so a short key
 * folds into a key that stays, and each key takes in at most one short key.
 */
export function surnameFolds(keys: readonly string[]): Map<string, string> {
  const index = suffixIndex(keys);
  const folds = new Map<string, string>();
  for (const key of keys) {
    const fuller = index.get(key);
    if (fuller?.length === 1) folds.set(key, fuller[0]);
  }
  return folds;
}

/**
 * Folds surname-only people into the one full-named person with that surname across the store:
 * an article that only says "Mr Blair" is about "Tony Blair" when the store knows exactly one
 * Blair. (Within an article this already happens at ingest; the article sets are disjoint.)
 * `onFold` hears each fold, in order (a short key is folded at most once, into a key that stays).
 */
export function mergeSurnames(cards: PersonCard[], onFold?: (short: string, full: string) => void): PersonCard[] {
  const byKey = new Map(cards.map((c) => [c.key, { ...c, roles: [...c.roles], quotes: [...c.quotes] }]));
  const folds = surnameFolds([...byKey.keys()]);
  for (const short of [...byKey.values()]) {
    const fullKey = folds.get(short.key);
    const full = fullKey === undefined ? undefined : byKey.get(fullKey);
    if (!full) continue;
    full.articleCount += short.articleCount;
    full.mentions += short.mentions;
    for (const r of short.roles) if (!full.roles.includes(r)) full.roles.push(r);
    full.affiliation ??= short.affiliation;
    full.quotes.push(...short.quotes);
    byKey.delete(short.key);
    onFold?.(short.key, full.key);
  }
  return [...byKey.values()];
}
