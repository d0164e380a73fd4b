import { WEEKDAYS } from '../../lexicon.js';
import { wordTokens, type WordToken } from '../terms.js';

/** Lower-case words that may sit inside a name ("Framework for Security", "Bank of England"). */
const NAME_JOINERS = new Set(['of', 'for', 'and', 'the', 'on', 'de', 'del', 'da', 'von', 'van', 'der', '&']);

/** A weekday is capitalised but names no thing: "BBC One on Fridays" is BBC One. */
const WEEKDAY = new RegExp(`^(${WEEKDAYS.join('|')})s?$`, 'i');

function isNameWord(w: string): boolean {
  return /^[\p{Lu}\p{N}]/u.test(w) && !WEEKDAY.test(w);
}

/**
 * The full name starting at `from` (after an optional "the"), read across the commas and
 * joining words a long official name contains: "the U.S.-Mexico Bicentennial Framework for
 * Security, Public Health and Safe Communities". It stops at the first lower-case word that is
 * not followed by another name word, so ", to look for …" ends it. Undefined when no name starts there.
 */
export function nameAt(text: string, from: number): { text: string; end: number } | undefined {
  // Whitespace-separated words with their offsets; trailing punctuation is read separately.
  const words = [...text.slice(from).matchAll(/\S+/g)].map((m) => {
    const raw = m[0];
    const core = raw.replace(/[,;:!?”"’')\]]+$|(?<!\b\p{Lu})\.+$/u, '');
    return { core, tail: raw.slice(core.length), start: from + m.index!, end: from + m.index! + core.length };
  });
  let k = 0;
  if (words[k] && /^(the|a|an)$/i.test(words[k].core) && !words[k].tail) k++;
  const first = words[0];
  let end = -1;
  let n = 0;
  for (; k < words.length; k++) {
    const w = words[k];
    if (/^[“"(‘]/.test(w.core)) break;
    if (isNameWord(w.core)) {
      end = w.end;
      n++;
    } else if (n && NAME_JOINERS.has(w.core.toLowerCase()) && !w.tail) {
      // A joining word only counts when a name word follows it.
      const next = words[k + 1]?.core.toLowerCase() === 'the' ? words[k + 2] : words[k + 1];
      if (!next || !isNameWord(next.core)) break;
    } else break;
    if (!w.tail) continue;
    // A comma continues the name only when a capitalised word follows ("Security, Public Health"),
    // and not when that word starts a clause ("…, Mexico's president said").
    if (w.tail !== ',') break;
    const next = words[k + 1];
    if (!next || !isNameWord(next.core) || /^(said|says|told|added|announced)$/.test(words[k + 2]?.core ?? '')) break;
  }
  if (!n || end < 0) return undefined;
  return { text: text.slice(first.start, end), end };
}

/** The span only repeats the question's own words (nothing new): "a new initiative". */
export function restates(span: string, questionKeys: Set<string>): boolean {
  const content = wordTokens(span).filter((t) => !t.stop && !t.part);
  return content.every((t) => questionKeys.has(t.key));
}

/** Capitalised or numeric content: a single such word is an answer ("CFX", "1993"). */
export function informative(span: string): boolean {
  return wordTokens(span).some((t) => !t.stop && /^[\p{Lu}\p{N}]/u.test(t.text));
}

/**
 * A name that ends at `end` is used as a modifier of the common noun right after it ("the Austrian
 * capital", "the Buenos Aires underground", "BBC Two controller"): it says whose or what kind, it
 * does not name the thing. A word ending like a verb or a plural ("Lisa Marie retains …") ends the
 * name instead: without part-of-speech tags at query time, the ending is the cue.
 */
export function usedAsModifier(text: string, end: number, next: WordToken | undefined): boolean {
  return (
    next !== undefined &&
    !next.stop &&
    /^\p{Ll}/u.test(next.text) &&
    !/(?<!s)s$|ed$/.test(next.text) &&
    /^\s+$/.test(text.slice(end, next.start))
  );
}
