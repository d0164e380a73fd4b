import { parse } from '../nlp.js';
import { fold } from '../fold.js';
import { DEMONYMS, MONTHS, ORG_SUFFIXES, PLACE_SUFFIXES, ROLE_HEADS, ROLE_MODIFIERS, WEEKDAYS } from '../lexicon.js';
import { AUXILIARIES, answerTypeOf, type AnswerType, type Opening } from './answer-types.js';
import { isForeign } from './foreign.js';
import { parseSaid, type Said } from './said-question.js';
import { wordTokens, type WordToken } from './terms.js';

export type { AnswerType } from './answer-types.js';

/** One content word of a question, with how much it should count when matching. */
export interface QuestionTerm {
  text: string;
  key: string;
  weight: number;
  /** Capitalised name or acronym: its absence from the store means the store cannot answer. */
  proper: boolean;
  /** The thing asked about ("how many troops", "about guns"). */
  focus: boolean;
  /** Part of speech from the tagger (VERB terms anchor what/why answers). */
  pos: string;
}

/**
 * Everything later steps need to know about a question, read once: no step after analysis
 * tokenises, tags or re-parses the question text.
 */
export interface Question {
  kind: 'ok';
  text: string;
  type: AnswerType;
  opening: Opening;
  terms: QuestionTerm[];
  /** Keys of every term, for "does the sentence hold this word" tests. */
  keys: Set<string>;
  /** The question's word tokens (hyphen parts included, marked `part`). */
  tokens: WordToken[];
  /** Capitalised multi-word names in the question ("Justin Trudeau", "Mexico City"). */
  names: string[];
  /** Names that look like people (two or more capitalised words without institution words). */
  personNames: string[];
  /** "What did X say (about Y)?": the speaker and the topic. */
  said?: Said;
  /** Asks for several answers ("Which officials …", "Who are …"). */
  plural: boolean;
  /** The noun a "what/which NOUN" question asks for an instance of ("What drugs …" → drug). */
  whNoun?: string;
  /**
   * Roles the question names with a qualifier ("the Canadian prime minister", "Mexico's
   * president"), as word keys: someone holding the role without the qualifier is someone else.
   */
  roles: { qualifier: string; role: string }[];
}

export type QuestionAnalysis = { kind: 'empty'; reason: 'no-words' | 'stop-words' } | { kind: 'foreign' } | Question;

const QUESTION_WORDS = new Set(['who', 'whom', 'whose', 'what', 'when', 'where', 'why', 'how', 'which']);
const RECENCY_WORDS = new Set([
  'latest',
  'now',
  'currently',
  'current',
  'recent',
  'recently',
  'newest',
  'today',
  'still',
]);
/** "take place": the idiom says only that something happens, which "where"/"when" already ask. */
const TAKE = /^(take|takes|taking|took|taken)$/;
function lightVerbIdiom(words: string[], i: number): boolean {
  return (TAKE.test(words[i]) && words[i + 1] === 'place') || (words[i] === 'place' && TAKE.test(words[i - 1] ?? ''));
}

/**
 * Relative weight of a term by part of speech: names and nouns say most about what is asked. With
 * the name (×1.3) and focus (×1.6) factors below, measured one at a time on the tuning half
 * (cross-validated top-1 of the refitted ranker, 3 × 5 folds): verbs 0.4–1.0, adjectives 0.6–1.0,
 * names 1.0–1.5, numbers 0.6, adverbs 0.3–1.0, the name factor 1.0–1.6 and the focus factor
 * 1.0–2.5 all gave 74.4–75.1% against 74.6% here, within the ±1 point refits move it: the ranker's
 * fitted weights absorb them, so they stay as first set.
 */
const POS_WEIGHT: Record<string, number> = { PROPN: 1.2, NOUN: 1, NUM: 1, ADJ: 0.8, VERB: 0.6, ADV: 0.5 };

/** The question word and the words after it (see Opening). */
function openingOf(words: string[], pos: string[]): Opening {
  // "Did Bill Gates announce … when he opened …": a leading auxiliary makes it a yes/no question,
  // whatever question word comes later.
  if (AUXILIARIES.has(words[0] ?? '')) return { wh: words[0], next: words[1] ?? '', nouns: [] };
  const first = words.findIndex((w) => QUESTION_WORDS.has(w));
  if (first < 0) return { wh: words[0] ?? '', next: words[1] ?? '', nouns: [] };
  const wh = words[first];
  const nouns: string[] = [];
  if (wh === 'what' || wh === 'which') {
    // "What was the score …", "What is the name of …": the noun after a copula and "the".
    const copula = /^(is|was|are|were)$/.test(words[first + 1] ?? '') && words[first + 2] === 'the' ? 2 : 0;
    let i = first + 1 + copula;
    for (; i < words.length && nouns.length < 4; i++) {
      if (AUXILIARIES.has(words[i]) || pos[i] === 'VERB' || pos[i] === 'AUX') break;
      if (words[i] === 'of' && ['kind', 'sort', 'type', 'name'].includes(nouns[0] ?? '')) continue;
      // A possessor is what is asked for, not the words before it: "which Manchester City
      // goalkeeper's saves" asks for a goalkeeper, "which US state's court" for a state.
      if (/['’]s?$/.test(words[i])) {
        nouns.splice(0, nouns.length, singular(words[i].replace(/['’]s?$/, '')));
        break;
      }
      nouns.push(singular(words[i]));
    }
    // "What is the Mexican side expected to ask …": after a copula, a noun phrase followed by a
    // verb is the sentence's subject, not the kind of thing asked for.
    if (copula && (pos[i] === 'VERB' || AUXILIARIES.has(words[i] ?? ''))) nouns.length = 0;
  }
  return { wh, next: words[first + 1] ?? '', nouns };
}

/** A plural noun's singular, for the opening's noun lists ("dates" → "date"). */
function singular(w: string): string {
  if (/ies$/.test(w) && w.length > 4) return `${w.slice(0, -3)}y`;
  if (/(ss|us|is)$/.test(w)) return w;
  if (/(sh|ch|x)es$/.test(w)) return w.slice(0, -2);
  return w.endsWith('s') && w.length > 3 ? w.slice(0, -1) : w;
}

/** Reads a question: its type, weighted content terms, the names it mentions. */
export function analyzeQuestion(question: string): QuestionAnalysis {
  const text = question.normalize('NFC').trim();
  if (!/[\p{L}\p{N}]/u.test(text)) return { kind: 'empty', reason: 'no-words' };
  if (isForeign(text)) return { kind: 'foreign' };
  const tokens = wordTokens(text);
  const toks = tokens.filter((t) => !t.part);
  const tagged = parse(text).tokens;
  const posAt = new Map(tagged.map((t) => [t.start, t.pos]));
  const lowerWords = toks.map((t) => fold(t.text));
  const opening = openingOf(
    lowerWords,
    toks.map((t) => posAt.get(t.start) ?? ''),
  );
  const type = answerTypeOf(opening);

  const terms: QuestionTerm[] = [];
  let focusNext = false;
  // "how many [adjectives] NOUN": the counted thing comes right after; "how much did …" has none.
  let focusHowMany = false;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    const low = lowerWords[i];
    if (low === 'about' || low === 'regarding' || low === 'concerning') focusNext = true;
    if (['many', 'much', 'long'].includes(low) && lowerWords[i - 1] === 'how') {
      focusHowMany = true;
      continue;
    }
    if (focusHowMany && t.stop) focusHowMany = false;
    if (t.stop || QUESTION_WORDS.has(low) || RECENCY_WORDS.has(low) || lightVerbIdiom(lowerWords, i)) continue;
    const pos = posAt.get(t.start) ?? 'NOUN';
    // "eBay", "iPod" are names too: any capital after the first word marks one.
    const proper = i > 0 && namesSomething(t.text);
    let focus = false;
    if (focusNext && (pos === 'NOUN' || pos === 'PROPN' || proper)) {
      focus = true;
      focusNext = false;
    }
    if (focusHowMany) {
      if (pos === 'NOUN' || pos === 'PROPN') focus = true;
      // Participles modify the counted noun too ("how many scheduled flights").
      if (pos !== 'ADJ' && !(pos === 'VERB' && /(ed|ing)$/.test(low))) focusHowMany = false;
    }
    if (terms.some((x) => x.key === t.key)) continue;
    const weight = (POS_WEIGHT[pos] ?? 0.6) * (proper ? 1.3 : 1) * (focus ? 1.6 : 1);
    terms.push({ text: t.text, key: t.key, weight, proper, focus, pos });
  }
  if (!terms.length) return { kind: 'empty', reason: 'stop-words' };

  const lower = lowerWords.join(' ');
  const names = properPhrases(toks);
  return {
    kind: 'ok',
    text,
    type,
    opening,
    terms,
    keys: new Set(terms.map((t) => t.key)),
    tokens,
    names,
    personNames: names.filter(looksLikePerson),
    said: parseSaid(text),
    plural: type === 'who' && (/\bwho (are|were)\b/.test(lower) || pluralHead(toks, posAt)),
    whNoun: whNounOf(toks, posAt),
    roles: qualifiedRoles(toks),
  };
}

/**
 * The question's terms that name what it is about: its proper terms, less nationalities, which
 * describe ("a Dutch side") and which an article may put as the club's or the country's name.
 */
export function namedTerms(q: Pick<Question, 'terms'>): QuestionTerm[] {
  return q.terms.filter((t) => t.proper && !DEMONYMS.has(fold(t.text)));
}

/** Calendar words: capitalised, but they date the question rather than name what it is about. */
const calendar = (w: string) => WEEKDAYS.includes(w) || (MONTHS.has(w) && w.length >= 3 && !w.endsWith('.'));

/**
 * A capitalised word that names something. Not a month or weekday ("in January 2005"), and not a
 * compound whose other part is lower-case ("Murdoch-controlled", "Oscar-winning", "ex-Free"): it
 * describes the thing, and articles say it in other words.
 */
function namesSomething(word: string): boolean {
  if (!/\p{Lu}/u.test(word)) return false;
  const parts = fold(word)
    .replace(/['’]s$/, '')
    .split('-');
  if (parts.every(calendar)) return false;
  const pieces = word.split('-');
  return pieces.length === 1 || !pieces.some((p) => /^\p{Ll}/u.test(p));
}

/**
 * A nationality or a place's possessive, then a role noun within three words ("Canadian prime
 * minister", "Mexico's president"), when no name follows the role.
 */
function qualifiedRoles(toks: WordToken[]): Question['roles'] {
  const out: Question['roles'] = [];
  toks.forEach((t, i) => {
    const word = fold(t.text).replace(/['’]s$/, '');
    const qualifies = DEMONYMS.has(word) || (i > 0 && /\p{Lu}/u.test(t.text) && /['’]s$/.test(t.text));
    if (!qualifies) return;
    const at = toks.slice(i + 1, i + 4).findIndex((w) => ROLE_HEADS.has(w.text.toLowerCase()));
    if (at < 0) return;
    // "French finance minister Nicolas Sarkozy": the role describes the person the question
    // names; only a role that stands for the person ("the Canadian prime minister") qualifies.
    const after = toks[i + 2 + at];
    if (after && /^\p{Lu}/u.test(after.text) && !ROLE_HEADS.has(after.text.toLowerCase())) return;
    out.push({ qualifier: t.key, role: toks[i + 1 + at].key });
  });
  return out;
}

/** "Which officials are …": the noun after which/what is plural (its text ends in s, its stem does not). */
function pluralHead(toks: WordToken[], posAt: Map<number, string>): boolean {
  const i = toks.findIndex((t) => /^(what|which)$/i.test(t.text));
  for (let j = i + 1; j < toks.length && j <= i + 4; j++) {
    const pos = posAt.get(toks[j].start) ?? '';
    if (pos === 'NOUN' && /[^s]s$/i.test(toks[j].text) && !/(ss|us|is)$/i.test(toks[j].text)) return true;
    if (pos === 'VERB' || pos === 'AUX') break;
  }
  return false;
}

/** Two or more capitalised words without institution, place or role words. */
function looksLikePerson(name: string): boolean {
  const parts = name.split(/\s+/);
  return (
    parts.length >= 2 &&
    !parts.some((p) => {
      const l = p.toLowerCase();
      return (
        ORG_SUFFIXES.has(l) ||
        PLACE_SUFFIXES.has(l) ||
        ROLE_HEADS.has(l) ||
        /^(\p{Lu}\.)+$/u.test(p) ||
        /^\p{Lu}{2,}$/u.test(p)
      );
    })
  );
}

/**
 * "What drugs …", "Which security issues …": the last noun of the phrase after what/which. In
 * "What is the (full) name of the new framework?" the thing named is the noun: "framework".
 */
function whNounOf(toks: WordToken[], posAt: Map<number, string>): string | undefined {
  const i = toks.findIndex((t) => /^(what|which)$/i.test(t.text));
  if (i < 0) return undefined;
  const nounAfter = (from: number) => {
    let noun: string | undefined;
    for (let j = from; j < toks.length && j <= from + 3; j++) {
      const pos = posAt.get(toks[j].start) ?? '';
      if (pos === 'NOUN' || pos === 'PROPN') noun = toks[j].key;
      else if (pos !== 'ADJ') break;
    }
    return noun;
  };
  const of = toks.findIndex((t, k) => k > i && k <= i + 6 && t.text.toLowerCase() === 'of');
  if (of > 0 && /^(name|title)$/i.test(toks[of - 1].text)) {
    const from = /^(the|a|an|this|that|its|his|her|their)$/i.test(toks[of + 1]?.text ?? '') ? of + 2 : of + 1;
    return nounAfter(from);
  }
  return nounAfter(i + 1);
}

/** Lower-case words that may sit inside a name: "Tour de France", "Bank of England". */
const NAME_JOINERS = new Set(['de', 'of', 'la', 'le', 'du', 'von', 'van', 'der', 'del', 'da']);

/**
 * Capitalised words that describe a name rather than belong to it: titles ("President"),
 * nationalities and other place adjectives ("Iranian", "Californian", "Lankan"). They end a name,
 * so "Iranian President Mohammad Khatami" names "Mohammad Khatami".
 */
function describesName(word: string): boolean {
  const w = word.toLowerCase();
  return ROLE_HEADS.has(w) || ROLE_MODIFIERS.has(w) || DEMONYMS.has(w) || /^\p{Lu}\p{Ll}+(?:ian|ese|ish)$/u.test(word);
}

/**
 * Runs of capitalised words after the first word: the names a question mentions, with the
 * joining words and numbers names carry ("Tour de France", "Live 8", "Xbox 360").
 */
function properPhrases(toks: WordToken[]): string[] {
  const out: string[] = [];
  let cur: WordToken[] = [];
  const flush = () => {
    while (cur.length && NAME_JOINERS.has(cur[cur.length - 1].text)) cur.pop();
    if (cur.length)
      out.push(
        cur
          .map((t) => t.text)
          .join(' ')
          .replace(/['’]s$/, ''),
      );
    cur = [];
  };
  toks.forEach((t, i) => {
    const cap = i > 0 && /\p{Lu}/u.test(t.text) && !QUESTION_WORDS.has(t.text.toLowerCase()) && !describesName(t.text);
    // A possessive ends a name: "Blinken Mexico's" is two names.
    const joined = cur.length > 0 && t.start - cur[cur.length - 1].end <= 1 && !/['’]s$/.test(cur[cur.length - 1].text);
    const inside = joined && (NAME_JOINERS.has(t.text) || (/^\d+$/.test(t.text) && !/^(1[89]|20)\d\d$/.test(t.text)));
    if ((cap && (!cur.length || joined)) || inside) cur.push(t);
    else {
      flush();
      if (cap) cur.push(t);
    }
  });
  flush();
  return out;
}
