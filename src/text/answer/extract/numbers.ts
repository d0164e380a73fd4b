import type { WordToken } from '../terms.js';
import type { Extracted, QuestionView, SentenceView } from './view.js';

const UNITS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const TEENS = [
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const TENS = ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const NUMBER_WORDS = new Set([
  ...UNITS,
  ...TEENS,
  ...TENS,
  ...TENS.flatMap((t) => UNITS.map((u) => `${t}-${u}`)),
  'hundred',
  'hundreds',
  'thousand',
  'thousands',
  'million',
  'millions',
  'billion',
  'billions',
  'dozen',
  'dozens',
  'half',
  'third',
  'quarter',
]);
/**
 * Units an amount is measured in ("86.9kg", "36 hours", "20 minutes 38 seconds", "4-1"): what a
 * "how much / what time / what score" question asks for besides money and percentages.
 */
const MEASURE =
  /^\d[\d.,]*\s?(?:kg|g|lb|lbs|st|m|km|cm|mm|mph|km\/h|ft|in|sec|secs|s|min|mins|hrs?)$|^\d+\s*[-–]\s*\d+$|\b(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|metres?|meters?|kilometres?|miles?|feet|inches|kilograms?|pounds?|stone|tonnes?|tons?|points?|goals?|runs?|wickets?|strokes?|laps?|degrees?|percent|per cent)\b/i;
/** Words a counted amount is measured in: they belong to the answer ("36 hours", "8.2%"). */
const SCALE = /^(m|bn|k|million|billion|trillion|per|percent|%)$/i;
/** A sum of money: a currency sign or word, or an amount in millions/billions ("$156m", "£2bn"). */
const MONEY =
  /[$£€¥]\s?\d|\b\d[\d.,]*\s*(?:m|bn|k)\b|\b\d[\d.,]*\s*(?:million|billion|trillion)?\s*(?:dollars?|pounds?|euros?|yen|rupees?|yuan|pesos?|francs?|marks?)\b|\bUS\$|\b\d[\d.,]*p\b/i;

/** Number words that give only an order of size. */
const VAGUE = new Set(['hundreds', 'thousands', 'millions', 'billions', 'dozens']);

/** A numeral, in digits or words ("8,000", "eight"). */
export const isNumeral = (word: string) => /^\d/.test(word) || NUMBER_WORDS.has(word.toLowerCase());
const isNumber = (t: WordToken) => isNumeral(t.text);

/** Each run of number words in the sentence with the word after it, as [firstToken, lastToken]. */
function numberRuns(toks: WordToken[]): [number, number][] {
  const runs: [number, number][] = [];
  for (let i = 0; i < toks.length; i++) {
    if (!isNumber(toks[i])) continue;
    let j = i;
    while (j + 1 < toks.length && (isNumber(toks[j + 1]) || SCALE.test(toks[j + 1].text))) j++;
    runs.push([i, j]);
    i = j;
  }
  return runs;
}

/** Tokens as numbers are read: hyphenated compounds by their parts ("13-year-old" → 13, year, old). */
const readable = (s: SentenceView) => s.tokens.filter((t) => t.part || !t.text.includes('-'));

/** The text from a currency sign or the number's start to `end`, with a % or sign kept. */
function spanText(text: string, from: number, to: number): string {
  let start = from;
  if (/[$£€¥]\s?$/.test(text.slice(Math.max(0, from - 2), from)))
    start = text.lastIndexOf(text.slice(0, from).trim().slice(-1), from);
  if (/^US$/.test(text.slice(Math.max(0, start - 2), start))) start -= 2;
  let end = to;
  if (text[end] === '%') end++;
  return text.slice(start, end);
}

/** Distance in tokens from a run to the nearest question word, for ordering same-quality spans. */
function nearestQuestionWord(toks: WordToken[], at: number, keys: ReadonlySet<string>): number {
  let best = Infinity;
  toks.forEach((t, i) => {
    if (keys.has(t.key)) best = Math.min(best, Math.abs(i - at));
  });
  return best;
}

/**
 * Counts and amounts ("3,000 troops", "36 hours", "8.2%"): a number with the asked-about noun
 * right after it reads best; other numbers follow, nearest the question's words first. A number
 * the question states itself ("all 10,000 tickets") is its subject, not the answer.
 */
export function numberSpans(s: SentenceView, q: QuestionView): Extracted[] {
  const toks = readable(s);
  const focus = q.terms.find((t) => t.focus)?.key;
  const out: { e: Extracted; d: number }[] = [];
  for (const [i, j] of numberRuns(toks)) {
    if (toks.slice(i, j + 1).some((t) => q.keys.has(t.key) && /\d/.test(t.text))) continue;
    // "thousands of jobs" gives an order of size, not a count: half as good as "45,000 jobs".
    const exact = toks.slice(i, j + 1).some((t) => !VAGUE.has(t.text.toLowerCase())) ? 1 : 0.5;
    const unitAt = toks.slice(j + 1, j + 4).findIndex((t) => focus !== undefined && t.key === focus);
    if (unitAt >= 0) {
      out.push({ e: { text: spanText(s.text, toks[i].start, toks[j + 1 + unitAt].end), quality: exact }, d: 0 });
      continue;
    }
    // The word after the number names what is counted ("36 hours"), unless the number carries its
    // own unit ("£16.5m", "8.2%", "86.9kg") or punctuation comes between.
    const carries =
      /[a-z%]$/i.test(toks[j].text) ||
      s.text[toks[j].end] === '%' ||
      /[$£€¥]\s?$/.test(s.text.slice(Math.max(0, toks[i].start - 2), toks[i].start));
    const next = toks[j + 1];
    const unit =
      next && !carries && !next.stop && !/^\d/.test(next.text) && /^\s+$/.test(s.text.slice(toks[j].end, next.start))
        ? next
        : undefined;
    // A bare year ("in 2004") is a time, not a count.
    if (!unit && i === j && /^(1[89]|20)\d\d$/.test(toks[i].text)) continue;
    const d = nearestQuestionWord(toks, i, q.keys);
    out.push({
      e: { text: spanText(s.text, toks[i].start, (unit ?? toks[j]).end), quality: (focus ? 0.4 : 0.7) * exact },
      d,
    });
  }
  return out.sort((a, b) => b.e.quality - a.e.quality || a.d - b.d).map((x) => x.e);
}

/** Sums of money ("£16.5m", "$10.48", "5 million euros") and percentages, nearest the question's words first. */
export function moneySpans(s: SentenceView, q: QuestionView): Extracted[] {
  return numberSpans(s, q)
    .filter((e) => MONEY.test(e.text) || /%$/.test(e.text))
    .map((e) => ({ ...e, quality: Math.max(e.quality, 0.8) }));
}

/** Words that make "how much" ask for a sum of money: "how much did X pay / cost / win in compensation". */
const MONEY_CUES =
  /\b(pay|paid|pays|cost|costs|spend|spent|sell|sold|buy|bought|worth|price|charge|charged|raise|raised|earn|earned|fund|funding|invest|invested|owe|owed|fine|fined|compensation|damages|fee|salary|wage|bid|offer|offered|deal|budget|deficit|profit|loss|revenue|sales|takings|take|took)\b/i;

/**
 * Amounts: money and percentages first, then measured quantities ("86.9kg", "20 minutes 38
 * seconds", "4-1"), then other figures; only money when the question is about paying, costing or
 * earning.
 */
export function amountSpans(s: SentenceView, q: QuestionView): Extracted[] {
  const money = moneySpans(s, q);
  if (MONEY_CUES.test(q.text)) return money;
  const numbers = numberSpans(s, q).filter((e) => !money.some((m) => m.text === e.text));
  const measured = numbers.filter((e) => MEASURE.test(e.text));
  const scores = [...s.text.matchAll(/\b\d{1,3}\s?[-–]\s?\d{1,3}\b/g)]
    .map((m) => ({ text: m[0], quality: 0.6 }))
    .filter((e) => !measured.some((m) => m.text.includes(e.text)));
  // Any other figure ("1.41 million", "70.72 teraflops"): units are too many to list, so it is
  // kept, after the amounts that show their kind.
  const others = numbers.filter((e) => !measured.includes(e)).map((e) => ({ ...e, quality: e.quality / 2 }));
  return [...money, ...measured, ...scores, ...others];
}

const AGE = new RegExp(
  `\\b(?:\\d{1,3}|${[...NUMBER_WORDS].filter((w) => !/s$/.test(w)).join('|')})-year-old\\b|\\baged (?:\\d{1,3}|[a-z]+(?:-[a-z]+)?)\\b|\\b\\d{1,3} years old\\b|,\\s\\d{1,3},`,
  'i',
);

/** Ages: "13-year-old", "Fifteen-year-old", "aged 45", "45 years old", or ", 45," after a name. */
export function ageSpans(s: SentenceView): Extracted[] {
  const m = AGE.exec(s.text);
  return m ? [{ text: m[0].replace(/^,\s*|,$/g, ''), quality: 1 }] : [];
}
