import { parse } from '../nlp.js';
import { fold } from '../fold.js';
import { ORG_SUFFIXES, PLACE_SUFFIXES, ROLE_HEADS } from '../lexicon.js';
import { stem, wordTokens, type WordToken } from './terms.js';

export type AnswerType = 'who' | 'when' | 'where' | 'howmany' | 'howold' | 'what' | 'why' | 'yesno';

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

export type QuestionAnalysis =
  | { kind: 'empty'; reason: 'no-words' | 'stop-words' }
  | { kind: 'foreign' }
  | {
      kind: 'ok';
      text: string;
      type: AnswerType;
      terms: QuestionTerm[];
      /** Capitalised multi-word names in the question ("Justin Trudeau", "Mexico City"). */
      names: string[];
      /** Names that look like people (two or more capitalised words without institution words). */
      personNames: string[];
      /** Asks for several answers ("Which officials …", "Who are …"). */
      plural: boolean;
      /** Asks for the current state ("latest", "now"): newer articles win. */
      latest: boolean;
      /** The noun a "what/which NOUN" question asks for an instance of ("What drugs …" → drug). */
      whNoun?: string;
    };

const QUESTION_WORDS = new Set(['who', 'whom', 'whose', 'what', 'when', 'where', 'why', 'how', 'which']);
const PEOPLE_NOUNS = new Set(['people', 'person', 'persons', 'leader', 'official', 'team', 'company', 'firm', 'organisation', 'organization', 'group', 'side']);
const PLACE_NOUNS = new Set(['place', 'city', 'country', 'town', 'region', 'venue', 'capital']);
const TIME_NOUNS = new Set(['year', 'date', 'day', 'time', 'month', 'week']);
/** Function words of other languages, to recognise a question that is not in English. */
const FOREIGN_WORDS = new Set(
  ('qué que quién quien quiénes dónde donde cuándo cuando cómo como cuántos cuántas por es el la los las del una uno ' +
    'est où qui quoi quand comment combien pourquoi le les des une sont avec dans pour ' +
    'wer was wann wo wie warum welche ist der die das und nicht ein eine mit ' +
    'chi cosa dove perché sono il gli della quem onde porque são não uma com')
    .split(/\s+/),
);
const ENGLISH_CUES = new Set(['the', 'is', 'are', 'was', 'were', 'did', 'does', 'do', 'of', 'to', 'in', 'and', 'who', 'what', 'when', 'where', 'how', 'why', 'which', 'will', 'has', 'have']);

function isForeign(q: string, words: string[]): boolean {
  if (/[¿¡]/.test(q)) return true;
  const letters = q.match(/\p{L}/gu) ?? [];
  const latin = q.match(/\p{Script=Latin}/gu) ?? [];
  if (letters.length && latin.length / letters.length < 0.5) return true;
  let foreign = 0;
  let english = 0;
  for (const w of words) {
    if (FOREIGN_WORDS.has(w)) foreign++;
    if (ENGLISH_CUES.has(w)) english++;
  }
  return foreign >= 2 && foreign > english;
}

function answerType(lower: string): AnswerType {
  const words = lower.split(/[^a-z]+/).filter(Boolean);
  const first = words.findIndex((w) => QUESTION_WORDS.has(w));
  const qw = first >= 0 ? words[first] : words[0];
  const next = first >= 0 ? words[first + 1] ?? '' : '';
  if (qw === 'who' || qw === 'whom' || qw === 'whose') return 'who';
  if (qw === 'when') return 'when';
  if (qw === 'where') return 'where';
  if (qw === 'why') return 'why';
  if (qw === 'how') {
    if (next === 'many' || next === 'much') return 'howmany';
    if (next === 'old') return 'howold';
    if (next === 'long') return 'howmany';
    return 'what';
  }
  if (qw === 'what' || qw === 'which') {
    // "Which U.S. cabinet officials …": the first noun after the question word decides.
    for (const w of words.slice(first + 1, first + 5)) {
      const s = stem(w);
      if (TIME_NOUNS.has(s)) return 'when';
      if (s === 'age') return 'howold';
      if (s === 'number' || s === 'amount' || s === 'percentage') return 'howmany';
      if (PLACE_NOUNS.has(w) || PLACE_NOUNS.has(s)) return 'where';
      if (ROLE_HEADS.has(w) || ROLE_HEADS.has(s) || PEOPLE_NOUNS.has(s)) return 'who';
      if (['did', 'do', 'does', 'is', 'are', 'was', 'were', 'will', 'would', 'has', 'have', 'can', 'could', 'should'].includes(w)) break;
    }
    return 'what';
  }
  if (['is', 'are', 'was', 'were', 'does', 'do', 'did', 'can', 'will', 'has', 'have', 'could', 'should', 'would'].includes(words[0] ?? '')) return 'yesno';
  return 'what';
}

const RECENCY_WORDS = new Set(['latest', 'now', 'currently', 'current', 'recent', 'recently', 'newest', 'today', 'still']);

const POS_WEIGHT: Record<string, number> = { PROPN: 1.2, NOUN: 1, NUM: 1, ADJ: 0.8, VERB: 0.6, ADV: 0.5 };

/** Reads a question: its type, weighted content terms, the names it mentions. */
export function analyzeQuestion(question: string): QuestionAnalysis {
  const text = question.normalize('NFC').trim();
  if (!/[\p{L}\p{N}]/u.test(text)) return { kind: 'empty', reason: 'no-words' };
  const lowerWords = fold(text).split(/[^\p{L}]+/u).filter(Boolean);
  if (isForeign(text, lowerWords)) return { kind: 'foreign' };
  const toks = wordTokens(text).filter((t) => !t.part);
  const { tokens } = parse(text);
  const posAt = new Map<number, string>();
  for (const t of tokens) posAt.set(t.start, t.pos);
  const lower = text.toLowerCase();
  const type = answerType(lower);

  const terms: QuestionTerm[] = [];
  const seen = new Set<string>();
  let focusNext = false;
  // "how many [adjectives] NOUN": the counted thing comes right after; "how much did …" has none.
  let focusHowMany = false;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    const low = fold(t.text);
    if (low === 'about' || low === 'regarding' || low === 'concerning') focusNext = true;
    if ((low === 'many' || low === 'much' || low === 'long') && fold(toks[i - 1]?.text ?? '') === 'how') {
      focusHowMany = true;
      continue;
    }
    // "how much did Simon Fuller …": a verb between ends the counted phrase, so no focus.
    if (focusHowMany && t.stop) focusHowMany = false;
    // Recency words set `latest`; they are not content to match.
    if (t.stop || QUESTION_WORDS.has(low) || RECENCY_WORDS.has(low)) continue;
    const pos = posAt.get(t.start) ?? 'NOUN';
    const proper = i > 0 && /^\p{Lu}/u.test(t.text) && !QUESTION_WORDS.has(low);
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
    if (seen.has(t.key)) continue;
    seen.add(t.key);
    const weight = (POS_WEIGHT[pos] ?? 0.6) * (proper ? 1.3 : 1) * (focus ? 1.6 : 1);
    terms.push({ text: t.text, key: t.key, weight, proper, focus, pos });
  }
  if (!terms.length) return { kind: 'empty', reason: 'stop-words' };

  const names = properPhrases(toks);
  const personNames = names.filter((n) => {
    const parts = n.split(/\s+/);
    return parts.length >= 2 && !parts.some((p) => ORG_SUFFIXES.has(p.toLowerCase()) || PLACE_SUFFIXES.has(p.toLowerCase()) || ROLE_HEADS.has(p.toLowerCase()) || /^(\p{Lu}\.)+$/u.test(p));
  });
  const plural = type === 'who' && (/\bwho (are|were)\b/.test(lower) || /\b(which|what)\b(\s+[\w.-]+){0,3}?\s+\w+s\b\s+(are|were|will|have|did)\b/.test(lower));
  const latest = /\b(latest|now|currently|current|recent|recently|newest|today|so far|still)\b/.test(lower);
  return { kind: 'ok', text, type, terms, names, personNames, plural, latest, whNoun: whNounOf(toks, posAt) };
}

/** "What drugs …", "Which security issues …": the last noun of the phrase after what/which. */
function whNounOf(toks: WordToken[], posAt: Map<number, string>): string | undefined {
  const i = toks.findIndex((t) => /^(what|which)$/i.test(t.text));
  if (i < 0) return undefined;
  let noun: string | undefined;
  for (let j = i + 1; j < toks.length && j <= i + 4; j++) {
    const pos = posAt.get(toks[j].start) ?? '';
    if (pos === 'NOUN' || pos === 'PROPN') noun = toks[j].key;
    else if (pos !== 'ADJ') break;
  }
  return noun;
}

/** Runs of capitalised words after the first word: the names a question mentions. */
function properPhrases(toks: WordToken[]): string[] {
  const out: string[] = [];
  let cur: WordToken[] = [];
  const flush = () => {
    if (cur.length) out.push(cur.map((t) => t.text).join(' ').replace(/['’]s$/, ''));
    cur = [];
  };
  toks.forEach((t, i) => {
    const cap = i > 0 && /^\p{Lu}/u.test(t.text) && !QUESTION_WORDS.has(t.text.toLowerCase());
    // A possessive ends a name: "Blinken Mexico's" is two names.
    const joined = cur.length && t.start - cur[cur.length - 1].end <= 1 && !/['’]s$/.test(cur[cur.length - 1].text);
    if (cap && (!cur.length || joined)) cur.push(t);
    else {
      flush();
      if (cap) cur.push(t);
    }
  });
  flush();
  return out;
}
