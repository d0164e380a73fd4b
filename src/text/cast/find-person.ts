import type { PersonCard } from '../../store/article-store.js';
import { fold } from '../fold.js';

function normaliseName(name: string): string {
  return fold(name).replace(/[’]/g, "'").replace(/[^\p{L}\p{N}' -]+/gu, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * People whose name matches a typed (partial, accent-free, any-case) name: the full name first,
 * then whole-word matches ("ebrard", "Lopez Obrador"), then word prefixes ("ebr").
 */
export function matchPeople(people: PersonCard[], name: string): PersonCard[] {
  const want = normaliseName(name);
  if (!want) return [];
  const exact = people.filter((p) => p.key === want);
  if (exact.length) return exact;
  const words = people.filter((p) => ` ${p.key} `.includes(` ${want} `));
  if (words.length) return words;
  const parts = want.split(' ');
  return people.filter((p) => {
    const keyParts = p.key.split(' ');
    return parts.every((w) => keyParts.some((k) => k.startsWith(w)));
  });
}

/** The one person a name refers to, if it is unambiguous (most-covered person on a tie of form). */
export function findPerson(people: PersonCard[], name: string): PersonCard | undefined {
  const m = matchPeople(people, name);
  return m.sort((a, b) => b.articleCount - a.articleCount || b.mentions - a.mentions)[0];
}

/**
 * Folds surname-only people into the one full-named person with that surname across the store:
 * an article that only says "Mr Blair" is about "Tony Blair" when the store knows exactly one
 * Blair. (Within an article this already happens at ingest; the article sets are disjoint.)
 * `onFold` hears each fold, in order (a short key is folded at most once, into a key that stays).
 */
export function mergeSurnames(cards: PersonCard[], onFold?: (short: string, full: string) => void): PersonCard[] {
  const byKey = new Map(cards.map((c) => [c.key, { ...c, roles: [...c.roles], quotes: [...c.quotes] }]));
  // Proper suffixes of every name ("manuel lopez obrador", "lopez obrador", "obrador") → names.
  const bySuffix = new Map<string, string[]>();
  for (const key of byKey.keys()) {
    const parts = key.split(' ');
    for (let i = 1; i < parts.length; i++) {
      const suffix = parts.slice(i).join(' ');
      bySuffix.set(suffix, [...(bySuffix.get(suffix) ?? []), key]);
    }
  }
  for (const short of [...byKey.values()]) {
    const fuller = bySuffix.get(short.key) ?? [];
    if (fuller.length !== 1 || !byKey.has(fuller[0])) continue;
    const full = byKey.get(fuller[0])!;
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
