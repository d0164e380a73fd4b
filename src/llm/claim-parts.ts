import { fold } from '../text/fold.js';
import { SPEECH_VERBS } from '../text/lexicon.js';
import { winkEngine } from '../text/nlp.js';

/** One word of a claim or a cited sentence, with wink's lemma and part of speech. */
export interface Word {
  value: string;
  /** Accent-folded, lower case, without dots or apostrophes: "U.S." and "US" meet, "López" and "Lopez" too. */
  key: string;
  lemma: string;
  pos: string;
}

/** A name or a number in a sentence: the words that carry a fact's who and how much. */
export interface Fact {
  words: string[];
  /** Index of its first word. */
  at: number;
  /** Its role toward the sentence's verb; undefined for adjuncts ("in March", "on Sunday"). */
  role?: 'agent' | 'patient';
  /** The speaker of a reporting verb ("Price said"), whose place in the sentence varies freely. */
  speaker: boolean;
}

/** The analysed sentence the support checks read. */
export interface Parsed {
  words: Word[];
  facts: Fact[];
}

const NEGATORS = new Set(['not', "n't", 'never', 'no', 'neither', 'nor', 'nobody', 'nothing', 'none']);
/** Verbs that carry no roles of their own: copulas, auxiliaries, reporting verbs. */
const NOT_PIVOT = new Set([
  'be',
  'have',
  'do',
  'will',
  'would',
  'can',
  'could',
  'shall',
  'should',
  'may',
  'might',
  'must',
  'say',
  'tell',
  'add',
  'accord',
  'confirm',
  'announce',
  'report',
  'state',
]);
const isBe = (w: Word | undefined) =>
  !!w && (w.lemma === 'be' || /^(be|being|been|am|is|are|was|were|'s|'re)$/.test(w.value.toLowerCase()));
const SPEECH = new Set([...SPEECH_VERBS].map((v) => v.toLowerCase()));

/** Words of a text as wink tags them (the ingest analyser's instance, so nothing else loads). */
export function wordsOf(text: string): Word[] {
  const nlp = winkEngine();
  const its = nlp.its;
  const tokens = nlp.readDoc(text).tokens();
  const values = tokens.out(its.value) as string[];
  // wink types its.lemma with an add-on signature; at run time out() accepts it like the others.
  const lemmas = tokens.out(its.lemma as unknown as typeof its.value) as string[];
  const pos = tokens.out(its.pos) as string[];
  return values.map((v, i) => ({ value: v, key: keyOf(v), lemma: (lemmas[i] ?? v).toLowerCase(), pos: pos[i] }));
}

export function keyOf(word: string): string {
  return fold(word).replace(/[.'’]/g, '');
}

/**
 * The pivot of a sentence: its first verb that carries roles (not a copula, an auxiliary or a
 * reporting verb). Returns its index, or -1 for sentences like "X is the president of Y".
 */
export function pivotOf(words: readonly Word[], wanted?: string): number {
  return words.findIndex(
    (w) =>
      w.pos === 'VERB' &&
      !NOT_PIVOT.has(w.lemma) &&
      !SPEECH.has(w.value.toLowerCase()) &&
      (wanted === undefined || w.lemma === wanted),
  );
}

/** Whether the verb at `i` is passive ("was defeated"): a form of "be" just before a participle. */
export function passiveAt(words: readonly Word[], i: number): boolean {
  const v = words[i];
  if (!v || v.value.toLowerCase().endsWith('ing')) return false;
  return isBe(words[i - 1]) || (words[i - 1]?.pos === 'ADV' && isBe(words[i - 2]));
}

/** Whether the verb at `i` is negated ("did not win", "never won"), or, with i = -1, the sentence holds a negation anywhere. */
export function negatedAt(words: readonly Word[], i: number): boolean {
  const window = i < 0 ? words : words.slice(Math.max(0, i - 3), i + 1);
  return window.some((w) => NEGATORS.has(w.value.toLowerCase()));
}

/**
 * Whether a sentence without a verb of its own negates its copula ("X is not Y", "X isn't Y"): a
 * negation elsewhere ("…, who did not attend") does not negate "X is Y".
 */
export function copulaNegated(words: readonly Word[]): boolean {
  return words.some(
    (w, b) => isBe(w) && words.slice(Math.max(0, b - 2), b + 3).some((x) => NEGATORS.has(x.value.toLowerCase())),
  );
}

/** Where a capital letter says nothing about a name: a new sentence, a quotation, a clause after a colon. */
const OPENERS = new Set(['.', '!', '?', ':', ';', '"', '“', '‘', "'", '(', '—', '–']);
const NAME_POS = new Set(['NOUN', 'ADJ', 'X', 'NUM']);

/** A proper noun by the tagger, or a capitalised noun inside a sentence ("the Porthaven harbour"). */
function isName(words: readonly Word[], i: number): boolean {
  const w = words[i];
  if (w.pos === 'PROPN') return true;
  return i > 0 && /^\p{Lu}/u.test(w.value) && NAME_POS.has(w.pos) && !OPENERS.has(words[i - 1].value);
}
const isNumber = (w: Word) => w.pos === 'NUM' || /\d/.test(w.value);

/**
 * Names (runs of proper nouns) and numbers of a sentence, each with its role toward the verb at
 * `pivot`: before it the agent, after it the patient (swapped for a passive verb, whose "by"
 * phrase is the agent). Anything after another preposition is an adjunct and has no role.
 */
export function factsOf(words: readonly Word[], pivot: number): Fact[] {
  const facts: Fact[] = [];
  for (let i = 0; i < words.length; i++) {
    const name = isName(words, i);
    if (!name && !isNumber(words[i])) continue;
    const at = i;
    while (i + 1 < words.length && (name ? isName(words, i + 1) : isNumber(words[i + 1]))) i++;
    const group = words.slice(at, i + 1);
    facts.push({
      words: group.map((w) => w.key),
      at,
      role: roleOf(words, at, pivot),
      speaker: isSpeaker(words, at, i),
    });
  }
  return facts;
}

function governing(words: readonly Word[], at: number): Word | undefined {
  // Walks left over the words of a noun phrase ("by the businessman Tom Hale").
  for (let j = at - 1; j >= 0; j--) {
    const w = words[j];
    if (
      w.pos === 'DET' ||
      w.pos === 'ADJ' ||
      w.pos === 'NOUN' ||
      w.pos === 'NUM' ||
      w.pos === 'PROPN' ||
      w.value === "'s"
    )
      continue;
    return w;
  }
  return undefined;
}

/** Punctuation that ends the verb's clause: a fact beyond it ("… — \"Initiative helped\"") has no role. */
const CLAUSE_END = new Set(['—', '–', ';', ':', '"', '“', '”', '(', ')', '[', ']']);

function roleOf(words: readonly Word[], at: number, pivot: number): Fact['role'] {
  if (pivot < 0) return undefined;
  const [from, to] = at < pivot ? [at, pivot] : [pivot, at];
  for (let j = from + 1; j < to; j++) if (CLAUSE_END.has(words[j].value)) return undefined;
  const before = governing(words, at);
  const passive = passiveAt(words, pivot);
  if (at < pivot) {
    if (before?.pos === 'ADP') return undefined;
    return passive ? 'patient' : 'agent';
  }
  if (before?.pos === 'ADP') return passive && before.value.toLowerCase() === 'by' ? 'agent' : undefined;
  return passive ? undefined : 'patient';
}

/** "Price said", "said Price", "according to Price": a speaker, not a participant. */
function isSpeaker(words: readonly Word[], first: number, last: number): boolean {
  const next = words[last + 1];
  const prev = words[first - 1];
  return (
    (next !== undefined && SPEECH.has(next.value.toLowerCase())) ||
    (prev !== undefined && SPEECH.has(prev.value.toLowerCase())) ||
    (prev?.value.toLowerCase() === 'to' && words[first - 2]?.value.toLowerCase() === 'according')
  );
}

export function parse(text: string): Parsed {
  const words = wordsOf(text);
  return { words, facts: factsOf(words, pivotOf(words)) };
}
