import { createRequire } from 'node:module';
import { fold } from '../fold.js';
import { DEMONYMS } from '../lexicon.js';
import { STOP_WORDS } from '../stopwords.js';
import { BoundedMemo } from '../../util/bounded-memo.js';

/** Words whose final "s" is not a plural. */
const NO_STEM = new Set([
  'news',
  'series',
  'species',
  'always',
  'perhaps',
  'sometimes',
  'whereas',
  'towards',
  'afterwards',
  'chaos',
  'bias',
  'gas',
  'lens',
  'physics',
  'economics',
  'politics',
  'olympics',
  'athletics',
  'mathematics',
]);

/**
 * Light stemming for matching question words to sentence words on both sides: plurals, -ing,
 * -ed and a final -e go, so "represent"/"Representing" and "provide"/"provided" meet.
 * (The store's FTS index uses Porter; this only has to agree with itself.)
 */
export function stem(word: string): string {
  let w = word;
  if (w.length <= 3 || NO_STEM.has(w)) return w;
  if (w.endsWith("'s")) w = w.slice(0, -2);
  if (w.endsWith('ies') && w.length > 4) w = w.slice(0, -3) + 'y';
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith('ing') && w.length > 5) w = w.slice(0, -3);
  else if (w.endsWith('ed') && w.length > 4) w = w.slice(0, -2);
  if (/([bdgmnprt])\1$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith('e') && w.length > 3) w = w.slice(0, -1);
  return w;
}

/**
 * Porter2 (shipped inside wink's English model, already loaded for parsing): it also meets derived
 * forms ("extradition"/"extradite"). Not the match key: keying every word with it measured no
 * better (docs/answer-quality.md); used where a lenient match is the safe side, as in a refusal.
 */
const porter2 = createRequire(import.meta.url)('wink-eng-lite-web-model/dist/porter-stemmer.js') as (
  w: string,
) => string;

/** The Porter2 stem of a word, folded. */
export function rootOf(word: string): string {
  return porter2(fold(word));
}

const COUNTRY_OF = new Map<string, string>();
for (const [demonym, country] of DEMONYMS) COUNTRY_OF.set(demonym, fold(country).replace(/\./g, ''));

/** Acronyms ("U.S.", "US", "OECD") keep a marker so "US" never meets the pronoun "us". */
function acronymKey(token: string): string | undefined {
  if (/^(\p{Lu}\.){2,}$/u.test(token)) return '#' + token.replace(/\./g, '').toUpperCase();
  if (/^\p{Lu}{2,5}$/u.test(token)) return '#' + token;
  return undefined;
}

/**
 * The match key of one word: acronym marker, or folded + stemmed; a nationality adjective
 * becomes its country ("Mexican" → "mexico") so "Mexico's president" finds "Mexican President".
 */
export function wordKey(token: string): string {
  const a = acronymKey(token.replace(/['’]s$/, ''));
  if (a) return a === '#US' || a === '#USA' ? '#US' : a;
  const f = fold(token)
    .replace(/’/g, "'")
    .replace(/'s$/, '')
    .replace(/^'+|'+$/g, '');
  const country = COUNTRY_OF.get(f);
  if (country === 'us' || f === 'america') return '#US';
  if (country === 'uk' || f === 'britain') return '#UK';
  return stem(country ?? f);
}

/** Word tokens of a text with their character offsets ("U.S." stays one token). */
export interface WordToken {
  text: string;
  key: string;
  start: number;
  end: number;
  stop: boolean;
  /** A part of a hyphenated compound (overlaps the whole compound's offsets). */
  part?: boolean;
}

const WORD = /(?:\p{Lu}\.){2,}|[\p{L}\p{N}]+(?:['’][\p{L}]+)*(?:-[\p{L}\p{N}]+)*/gu;

/**
 * Key and stop flag per distinct word, remembered: an /ask tokenises hundreds of candidate
 * sentences, and folding and stemming each word again was most of that time. Words repeat
 * (a vocabulary, not a corpus), and the memo starts over if it ever holds this many.
 */
const MEMO_LIMIT = 50_000;
const wordMemo = new BoundedMemo<string, { key: string; stop: boolean }>(MEMO_LIMIT);
const partMemo = new BoundedMemo<string, { key: string; stop: boolean }>(MEMO_LIMIT);

const wordInfo = (t: string) => ({
  key: wordKey(t),
  stop: STOP_WORDS.has(fold(t).replace(/’/g, "'").replace(/'s$/, '')),
});
const partInfo = (part: string) => ({ key: wordKey(part), stop: STOP_WORDS.has(fold(part)) });

export function wordTokens(text: string): WordToken[] {
  const out: WordToken[] = [];
  for (const m of text.matchAll(WORD)) {
    const t = m[0];
    const { key, stop } = wordMemo.get(t, wordInfo);
    out.push({ text: t, key, start: m.index!, end: m.index! + t.length, stop });
    // Hyphenated compounds also match their parts ("U.S.-Mexico", "13-year-old").
    if (t.includes('-')) {
      let off = m.index!;
      for (const part of t.split('-')) {
        if (part && part !== t) {
          const p = partMemo.get(part, partInfo);
          out.push({ text: part, key: p.key, start: off, end: off + part.length, stop: p.stop, part: true });
        }
        off += part.length + 1;
      }
    }
  }
  return out;
}

/**
 * Words British and American news use for the same country ("UK", "Britain", "British"): one
 * match key, and each is searched for with the others.
 */
const COUNTRY_NAMES: readonly (readonly string[])[] = [
  ['uk', 'britain', 'british'],
  ['us', 'usa', 'america', 'american'],
];

const DEMONYMS_OF = new Map<string, string[]>();
for (const [demonym, country] of DEMONYMS) {
  const c = fold(country);
  DEMONYMS_OF.set(c, [...(DEMONYMS_OF.get(c) ?? []), demonym]);
}

/** Search forms of a question word: itself plus its country/demonym twins ("Mexico" ↔ "Mexican"). */
export function searchVariants(word: string): string[] {
  const f = fold(word).replace(/['’]s$/, '');
  // The possessive goes: "Fuller’s" must search for "Fuller" (the index may not split at ’).
  const out = [word.replace(/['’]s$/, '')];
  const demonymOf = DEMONYMS.get(f);
  if (demonymOf) out.push(demonymOf);
  for (const d of DEMONYMS_OF.get(f) ?? []) out.push(d);
  // Not the pronoun "us": only a capitalised word names a country.
  const country = /^\p{Lu}/u.test(word)
    ? COUNTRY_NAMES.find((names) => names.includes(f.replace(/\./g, '')))
    : undefined;
  for (const n of country ?? []) out.push(n);
  return [...new Set(out.map((w) => w.toLowerCase()))].map((w) => out.find((o) => o.toLowerCase() === w)!);
}
