import type { WordToken } from '../terms.js';
import { namedByQuestion } from './names.js';
import type { Extracted, QuestionView, SentenceView } from './view.js';

const PREPOSITIONS = new Set([
  'in',
  'at',
  'from',
  'near',
  'inside',
  'outside',
  'to',
  'into',
  'across',
  'throughout',
  'for',
  'on',
]);
const PLACE_NOUNS =
  /^(capital|city|town|village|border|region|province|state|country|island|coast|port|airport|hospital|court|parliament|embassy|headquarters|stadium|ground|arena)$/i;
const WEEKDAY_OR_MONTH =
  /^(monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december)$/i;
const NAME_JOINERS = /^(of|for|and|de|upon|on)$/i;

/** The place phrase that starts at token j (after a preposition and an optional article), or undefined. */
function placePhrase(text: string, toks: WordToken[], from: number): number | undefined {
  let j = from;
  let placeLike = false;
  while (j < toks.length && j - from < 7) {
    const t = toks[j];
    if (j > from && /[,;:.()“”"]/.test(text.slice(toks[j - 1].end, t.start))) break;
    if (WEEKDAY_OR_MONTH.test(t.text)) break;
    // "Isle of Man", "Stratford upon Avon": a joiner only inside a name, never before a date ("on Friday").
    const next = toks[j + 1];
    const joins =
      NAME_JOINERS.test(t.text) &&
      placeLike &&
      next !== undefined &&
      /^\p{Lu}/u.test(next.text) &&
      !WEEKDAY_OR_MONTH.test(next.text);
    if (joins) {
      j++;
      continue;
    }
    if (t.stop) break;
    if (/^\p{Lu}/u.test(t.text) || PLACE_NOUNS.test(t.text)) placeLike = true;
    else if (!(j + 1 < toks.length && (/^\p{Lu}/u.test(toks[j + 1].text) || PLACE_NOUNS.test(toks[j + 1].text)))) break;
    j++;
  }
  if (!placeLike || j === from || /^\d/.test(toks[from].text)) return undefined;
  return j;
}

/**
 * where: place phrases after a preposition ("in the French capital", "at Highbury"), nearest
 * after the question's last word in the sentence first; then the place names the analysis found.
 */
export function placeSpans(s: SentenceView, q: QuestionView): Extracted[] {
  const text = s.text;
  const toks = s.tokens.filter((t) => !t.part);
  const lastMatch = Math.max(-1, ...toks.filter((t) => q.keys.has(t.key)).map((t) => t.end));
  const found: { text: string; d: number }[] = [];
  for (let i = 0; i < toks.length - 1; i++) {
    if (!PREPOSITIONS.has(toks[i].text.toLowerCase())) continue;
    const from = /^(the|a|an)$/i.test(toks[i + 1].text) ? i + 2 : i + 1;
    if (from >= toks.length) continue;
    const end = placePhrase(text, toks, from);
    if (end === undefined) continue;
    const phrase = text.slice(toks[from].start, toks[end - 1].end);
    if (namedByQuestion(phrase, q.keys)) continue;
    const d = toks[i].start >= lastMatch ? toks[i].start - lastMatch : 1000 + (lastMatch - toks[i].start);
    found.push({ text: text.slice(toks[i + 1].start, toks[end - 1].end), d });
  }
  found.sort((a, b) => a.d - b.d);
  const out: Extracted[] = found.map((f, i) => ({ text: f.text, quality: i === 0 ? 0.9 : 0.6 }));
  for (const e of s.entities) {
    if (e.type === 'place' && !namedByQuestion(e.text, q.keys) && !out.some((o) => o.text.includes(e.text)))
      out.push({ text: e.text, quality: 0.5 });
  }
  return out;
}
