import type { Token } from '../nlp.js';
import { MONTHS, ORG_SUFFIXES, PLACE_SUFFIXES, ROLE_HEADS, WEEKDAYS } from '../lexicon.js';

/** A maximal sequence of capitalised words (plus name particles and joining hyphens) in one sentence. */
export interface Run {
  sent: number;
  first: number;
  last: number;
}

/** Parts of speech that a capitalised word never has inside a name. */
const NOT_NAME_POS = new Set([
  'DET',
  'PRON',
  'ADP',
  'CCONJ',
  'SCONJ',
  'AUX',
  'PART',
  'VERB',
  'ADV',
  'INTJ',
  'NUM',
  'PUNCT',
  'SYM',
]);
const CLOSED_POS = new Set(['DET', 'PRON', 'ADP', 'CCONJ', 'SCONJ', 'AUX', 'PART', 'PUNCT', 'SYM', 'NUM']);
const PARTICLES = new Set([
  'de',
  'del',
  'della',
  'da',
  'dos',
  'das',
  'du',
  'van',
  'von',
  'der',
  'den',
  'la',
  'le',
  'bin',
  'ibn',
  'al',
  'el',
  'y',
]);

function isUpperInitial(v: string): boolean {
  const c = v.charCodeAt(0);
  if (c >= 65 && c <= 90) return true;
  if (c < 128) return false;
  return /^\p{Lu}/u.test(v);
}

/** True for a capitalised word that can be part of a proper name. */
export function isCapWord(tokens: Token[], i: number, sentFirst: number, inRun = false): boolean {
  const t = tokens[i];
  if (!t || t.type !== 'word' || !isUpperInitial(t.value)) return false;
  // Inside a run the tagger's guess matters less ("Merrick Garland" has Garland as a VERB).
  if (inRun ? CLOSED_POS.has(t.pos) : NOT_NAME_POS.has(t.pos)) return false;
  if (WEEKDAYS.includes(t.lower)) return false;
  if (MONTHS.has(t.lower) && (tokens[i + 1]?.type === 'number' || tokens[i - 1]?.type === 'number')) return false;
  // Sentence-initial words are capitalised anyway: only a tagged proper noun counts there.
  if (i === sentFirst && t.pos !== 'PROPN') return false;
  return true;
}

/** Joined with no spaces around a hyphen: "Jean-Claude", "Ocasio-Cortez", "U.S.-Mexico". */
function hyphenJoin(tokens: Token[], i: number): boolean {
  return tokens[i + 1]?.value === '-' && tokens[i + 1].space === '' && tokens[i + 2]?.space === '';
}

function containsAny(tokens: Token[], first: number, last: number, set: Set<string>): boolean {
  for (let i = first; i <= last; i++) if (set.has(tokens[i].lower)) return true;
  return false;
}

/** Finds the capitalised runs of one sentence in a single left-to-right pass. */
export function findRuns(tokens: Token[], sent: number, first: number, last: number): Run[] {
  const runs: Run[] = [];
  let i = first;
  while (i <= last) {
    if (!isCapWord(tokens, i, first)) {
      i++;
      continue;
    }
    const start = i;
    let end = i;
    let j = i + 1;
    for (;;) {
      if (j > last) break;
      if (isCapWord(tokens, j, first, true) && tokens[j].space !== '') {
        end = j++;
        continue;
      }
      if (hyphenJoin(tokens, end) && j + 1 <= last && isCapWord(tokens, j + 1, first)) {
        end = j + 1;
        j += 2;
        continue;
      }
      const low = tokens[j].lower;
      // "von der Leyen", "de la Cruz": particles between capitalised name parts.
      let p = j;
      while (p <= last && p - j < 3 && PARTICLES.has(tokens[p].lower) && tokens[p].value === tokens[p].lower) p++;
      if (p > j && p <= last && isCapWord(tokens, p, first, true)) {
        end = p;
        j = p + 1;
        continue;
      }
      // "Secretary of State", "Bank of England", "Organization for Economic Cooperation and Development"
      const institutional =
        containsAny(tokens, start, end, ORG_SUFFIXES) || containsAny(tokens, start, end, PLACE_SUFFIXES);
      const titled = containsAny(tokens, start, end, ROLE_HEADS);
      // Only straight after the institution or title word: "President Kirchner of Argentina" stops at "of".
      const head = tokens[end].lower;
      if (
        (low === 'of' || low === 'for') &&
        (ORG_SUFFIXES.has(head) || PLACE_SUFFIXES.has(head) || ROLE_HEADS.has(head))
      ) {
        let k = j + 1;
        if (tokens[k]?.lower === 'the') k++;
        if (k <= last && isCapWord(tokens, k, first)) {
          end = k;
          j = k + 1;
          continue;
        }
      }
      if (
        (low === 'and' || low === '&') &&
        institutional &&
        !titled &&
        j + 1 <= last &&
        isCapWord(tokens, j + 1, first)
      ) {
        end = j + 1;
        j += 2;
        continue;
      }
      break;
    }
    runs.push({ sent, first: start, last: end });
    i = end + 1;
  }
  return runs;
}

/** ALL-CAPS text defeats capitalisation cues, so such sentences get no name detection. */
export function isAllCaps(tokens: Token[], first: number, last: number): boolean {
  let words = 0;
  let caps = 0;
  for (let i = first; i <= last; i++) {
    const t = tokens[i];
    if (t.type !== 'word' || t.value.length < 2) continue;
    words++;
    // Most words start in lower case: skip the upper-casing (a new string) for those.
    const c = t.value.charCodeAt(0);
    if (c >= 97 && c <= 122) continue;
    if (t.value === t.value.toUpperCase() && t.value !== t.lower) caps++;
  }
  return words >= 4 && caps / words > 0.7;
}
