import type { WordToken } from '../terms.js';
import type { Extracted, QuestionView, SentenceView } from './view.js';

const NUMBER_WORDS = new Set(['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'fifteen', 'twenty', 'thirty', 'forty', 'fifty', 'hundred', 'hundreds', 'thousand', 'thousands', 'million', 'millions', 'billion', 'billions', 'dozen', 'dozens', 'half', 'third', 'quarter']);
/** Words a counted amount is measured in: they belong to the answer ("36 hours", "8.2%"). */
const SCALE = /^(m|bn|k|million|billion|trillion|per|percent|%)$/i;
/** A sum of money: a currency sign or word, or an amount in millions/billions ("$156m", "£2bn"). */
const MONEY = /[$£€¥]\s?\d|\b\d[\d.,]*\s*(?:m|bn|k)\b|\b\d[\d.,]*\s*(?:million|billion|trillion)?\s*(?:dollars?|pounds?|euros?|yen|rupees?|yuan|pesos?|francs?|marks?)\b|\bUS\$|\b\d[\d.,]*p\b/i;

const isNumber = (t: WordToken) => /^\d/.test(t.text) || NUMBER_WORDS.has(t.text.toLowerCase());

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
  if (/[$£€¥]\s?$/.test(text.slice(Math.max(0, from - 2), from))) start = text.lastIndexOf(text.slice(0, from).trim().slice(-1), from);
  if (/^US$/.test(text.slice(Math.max(0, start - 2), start))) start -= 2;
  let end = to;
  if (text[end] === '%') end++;
  return text.slice(start, end);
}

/** Distance in tokens from a run to the nearest question word, for ordering same-quality spans. */
function nearestQuestionWord(toks: WordToken[], at: number, keys: ReadonlySet<string>): number {
  let best = Infinity;
  toks.forEach((t, i) => keys.has(t.key) && (best = Math.min(best, Math.abs(i - at))));
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
    const unitAt = toks.slice(j + 1, j + 4).findIndex((t) => focus !== undefined && t.key === focus);
    if (unitAt >= 0) {
      out.push({ e: { text: spanText(s.text, toks[i].start, toks[j + 1 + unitAt].end), quality: 1 }, d: 0 });
      continue;
    }
    const unit = toks[j + 1] && !toks[j + 1].stop && !/^\d/.test(toks[j + 1].text) ? toks[j + 1] : undefined;
    // A bare year ("in 2004") is a time, not a count.
    if (!unit && i === j && /^(1[89]|20)\d\d$/.test(toks[i].text)) continue;
    const d = nearestQuestionWord(toks, i, q.keys);
    out.push({ e: { text: spanText(s.text, toks[i].start, (unit ?? toks[j]).end), quality: focus ? 0.4 : 0.7 }, d });
  }
  return out.sort((a, b) => b.e.quality - a.e.quality || a.d - b.d).map((x) => x.e);
}

/** Sums of money ("£16.5m", "$10.48", "5 million euros"), nearest the question's words first. */
export function moneySpans(s: SentenceView, q: QuestionView): Extracted[] {
  return numberSpans(s, q)
    .filter((e) => MONEY.test(e.text) || /%$/.test(e.text))
    .map((e) => ({ ...e, quality: Math.max(e.quality, 0.8) }));
}

/** Ages: "13-year-old", "aged 45", "45 years old", or ", 45," after a name. */
export function ageSpans(s: SentenceView): Extracted[] {
  const m = /\b(\d{1,3})-year-old\b|\baged (\d{1,3})\b|\b(\d{1,3}) years old\b|,\s(\d{1,3}),/.exec(s.text);
  return m ? [{ text: m[0].replace(/^,\s*|,$/g, ''), quality: 1 }] : [];
}
