/** Accent folding and name keys, so "López" and "Lopez" meet. */

/** Removes diacritics (NFD then strip combining marks) and lower-cases. */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/** The stable key of a person: accent-folded, lower-cased, single-spaced full name. */
export function personKey(name: string): string {
  return fold(name).replace(/[’']/g, "'").replace(/\s+/g, ' ').trim();
}

/** Straight and curly quotes, and apostrophes, normalised for matching. */
export function normaliseQuotes(s: string): string {
  return s.replace(/[“”„«»]/g, '"').replace(/[‘’‚]/g, "'");
}
