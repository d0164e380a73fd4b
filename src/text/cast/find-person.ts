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
