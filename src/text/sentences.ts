import type { Token } from './nlp.js';

/** A sentence as a range of tokens, inclusive. */
export interface SentenceRange {
  first: number;
  last: number;
}

/** Title abbreviations after which a full stop never ends a sentence. */
const TITLE_ABBREV = new Set([
  'mr.',
  'mrs.',
  'ms.',
  'dr.',
  'sr.',
  'sra.',
  'jr.',
  'st.',
  'gen.',
  'gov.',
  'sen.',
  'rep.',
  'prof.',
  'lt.',
  'col.',
  'capt.',
  'sgt.',
  'rev.',
  'no.',
  'vs.',
  'v.',
]);

/**
 * Longest sentence kept whole. A 20,000-word run-on would make a useless citation and a slow
 * span search, so it is cut at the last comma/semicolon before the limit.
 */
export const MAX_SENTENCE_TOKENS = 120;

const BLANK_LINE = /\n[^\S\n]*\n/;

/** wink keeps line breaks either as whitespace or as `tabCRLF` tokens; a blank line is a paragraph break. */
function isBreakToken(t: Token): boolean {
  return t.type === 'tabCRLF' && BLANK_LINE.test(t.value);
}

function paragraphBreakBefore(tokens: Token[], i: number): boolean {
  const t = tokens[i];
  if (!t) return false;
  if (BLANK_LINE.test(t.space)) return true;
  for (let j = i - 1; j >= 0 && tokens[j].type === 'tabCRLF'; j--)
    if (isBreakToken(tokens[j]) || BLANK_LINE.test(tokens[j].space)) return true;
  return false;
}

function firstWord(tokens: Token[], r: SentenceRange): Token | undefined {
  for (let i = r.first; i <= r.last; i++)
    if (tokens[i].type === 'word' || tokens[i].type === 'number') return tokens[i];
  return undefined;
}

/** Drops leading/trailing line-break tokens so offsets cover only the words. */
function trim(tokens: Token[], first: number, last: number): SentenceRange {
  while (first < last && tokens[first].type === 'tabCRLF') first++;
  while (last > first && tokens[last].type === 'tabCRLF') last--;
  return { first, last };
}

/**
 * wink reads a unit glued to a number ("£250m.", "294.3bn.") as an abbreviation and does not
 * end the sentence there; a capitalised word after it starts a new one.
 */
function unitEndsSentence(tokens: Token[], i: number): boolean {
  const t = tokens[i];
  const next = tokens[i + 1];
  if (t.value.charCodeAt(t.value.length - 1) !== 46) return false; // no full stop
  if (wordWithStopEndsSentence(tokens, i)) return true;
  return (
    t.space === '' &&
    tokens[i - 1]?.type === 'number' &&
    /^[a-zA-Z]{1,3}\.$/.test(t.value) &&
    next !== undefined &&
    next.space !== '' &&
    next.type === 'word' &&
    /^\p{Lu}/u.test(next.value)
  );
}

const NOT_FINAL = new Set([
  'jan.',
  'feb.',
  'mar.',
  'apr.',
  'jun.',
  'jul.',
  'aug.',
  'sep.',
  'sept.',
  'oct.',
  'nov.',
  'dec.',
  'ave.',
  'blvd.',
  'dept.',
  'univ.',
  'approx.',
  'est.',
  'fig.',
  'vol.',
]);

/**
 * wink also keeps a full stop on a capitalised word it takes for an abbreviation
 * ("… said chairman Norbert Ore. “While …"); unless it is a known title or month, a capital
 * or a quotation mark after it starts a new sentence.
 */
function wordWithStopEndsSentence(tokens: Token[], i: number): boolean {
  const t = tokens[i];
  const next = tokens[i + 1];
  // Cheap checks first: this runs for every token.
  if (
    !next ||
    next.space === '' ||
    t.value.charCodeAt(t.value.length - 1) !== 46 ||
    !/^\p{Lu}\p{Ll}{2,}\.$/u.test(t.value)
  )
    return false;
  if (TITLE_ABBREV.has(t.lower) || NOT_FINAL.has(t.lower)) return false;
  return (next.type === 'word' && /^\p{Lu}/u.test(next.value)) || next.value === '“' || next.value === '"';
}

/** Splits wink's sentences at blank lines (headings, page debris live on their own lines). */
function splitParagraphs(tokens: Token[], spans: [number, number][]): SentenceRange[] {
  const out: SentenceRange[] = [];
  for (const [a, b] of spans) {
    let first = a;
    for (let i = a; i <= b; i++) {
      if (i > a && i - 1 >= first && unitEndsSentence(tokens, i - 1)) {
        out.push(trim(tokens, first, i - 1));
        first = i;
      }
      if (isBreakToken(tokens[i]) || (i > a && tokens[i].space.length > 1 && BLANK_LINE.test(tokens[i].space))) {
        if (i > first) out.push(trim(tokens, first, isBreakToken(tokens[i]) ? i - 1 : i - 1));
        first = isBreakToken(tokens[i]) ? i + 1 : i;
      }
    }
    if (first <= b) out.push(trim(tokens, first, b));
  }
  return out;
}

/**
 * Repairs wink's splits: a "sentence" that starts lower-case continues the previous one
 * (`He said "Stop!" and left.`), and a split after a title abbreviation ("Sr.") is undone.
 * A quotation of several sentences is split like any other text (as news summaries and
 * standard splitters do); quote attribution joins the pieces back to their speaker.
 */
function mergeBadSplits(tokens: Token[], ranges: SentenceRange[]): SentenceRange[] {
  const out: SentenceRange[] = [];
  for (const r of ranges) {
    const prev = out[out.length - 1];
    if (prev && !paragraphBreakBefore(tokens, r.first)) {
      const fw = firstWord(tokens, r);
      const lowerStart = fw !== undefined && /^\p{Ll}/u.test(fw.value) && tokens[r.first].type !== 'punctuation';
      if (lowerStart || TITLE_ABBREV.has(tokens[prev.last].lower)) {
        prev.last = r.last;
        continue;
      }
    }
    out.push({ ...r });
  }
  return out;
}

function capLength(tokens: Token[], ranges: SentenceRange[]): SentenceRange[] {
  const out: SentenceRange[] = [];
  for (const r of ranges) {
    let first = r.first;
    while (r.last - first + 1 > MAX_SENTENCE_TOKENS) {
      let cut = first + MAX_SENTENCE_TOKENS - 1;
      for (let i = cut; i > first + MAX_SENTENCE_TOKENS / 2; i--) {
        if (tokens[i].value === ',' || tokens[i].value === ';') {
          cut = i;
          break;
        }
      }
      out.push({ first, last: cut });
      first = cut + 1;
    }
    if (first <= r.last) out.push({ first, last: r.last });
  }
  return out;
}

/** Sentence ranges for a parsed text, skipping ranges that hold only whitespace/punctuation. */
export function sentenceRanges(tokens: Token[], spans: [number, number][]): SentenceRange[] {
  const ranges = capLength(tokens, mergeBadSplits(tokens, splitParagraphs(tokens, spans)));
  return ranges.filter((r) => {
    for (let i = r.first; i <= r.last; i++) if (tokens[i].type === 'word' || tokens[i].type === 'number') return true;
    return false;
  });
}
