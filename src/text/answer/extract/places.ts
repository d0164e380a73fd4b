import type { WordToken } from '../terms.js';
import { usedAsModifier } from './name-span.js';
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
 * The first run of words in the phrase [from, end) used as a name: capitalised, and not a modifier
 * of a common noun ("the Austrian capital", "the Fox television network", "India's eastern coast").
 */
function nameIn(text: string, toks: WordToken[], from: number, end: number): { j: number; k: number } | undefined {
  for (let j = from; j < end; j++) {
    const t = toks[j];
    if (!/^\p{Lu}/u.test(t.text) || /^(The|A|An)$/.test(t.text)) continue;
    let k = j;
    while (
      k + 1 < end &&
      /^\p{Lu}/u.test(toks[k + 1].text) &&
      !/[,;:]/.test(text.slice(toks[k].end, toks[k + 1].start))
    )
      k++;
    if (!(k + 1 < end && usedAsModifier(text, toks[k].end, toks[k + 1]))) return { j, k };
    j = k;
  }
  return undefined;
}

/**
 * where: place phrases after a preposition ("in the French capital", "at Highbury"), nearest
 * after the question's last word in the sentence first; then the place names the analysis found.
 */
export function placeSpans(s: SentenceView, q: QuestionView): Extracted[] {
  const text = s.text;
  const toks = s.tokens.filter((t) => !t.part);
  const lastMatch = Math.max(-1, ...toks.filter((t) => q.keys.has(t.key)).map((t) => t.end));
  const found: { text: string; d: number; named: boolean }[] = [];
  for (let i = 0; i < toks.length - 1; i++) {
    if (!PREPOSITIONS.has(toks[i].text.toLowerCase())) continue;
    const from = /^(the|a|an)$/i.test(toks[i + 1].text) ? i + 2 : i + 1;
    if (from >= toks.length) continue;
    const end = placePhrase(text, toks, from);
    if (end === undefined) continue;
    const phrase = text.slice(toks[from].start, toks[end - 1].end);
    if (namedByQuestion(phrase, q)) continue;
    const d = toks[i].start >= lastMatch ? toks[i].start - lastMatch : 1000 + (lastMatch - toks[i].start);
    const name = nameIn(text, toks, from, end);
    // "the port city of Visakhapatnam": the name is the answer, not the description before it.
    const span =
      name === undefined || name.j === from
        ? text.slice(toks[i + 1].start, toks[end - 1].end)
        : text.slice(toks[name.j].start, toks[name.k].end);
    found.push({ text: span, d, named: name !== undefined });
  }
  // Named phrases first, nearest first; a description ("the Austrian capital", "the country")
  // only says what kind of place it is, so it is a weak answer to "where".
  found.sort((a, b) => Number(b.named) - Number(a.named) || a.d - b.d);
  const out: Extracted[] = found.map((f, i) => ({ text: f.text, quality: !f.named ? 0.3 : i === 0 ? 0.9 : 0.6 }));
  for (const e of s.entities) {
    if (e.type === 'place' && !namedByQuestion(e.text, q) && !out.some((o) => o.text.includes(e.text)))
      out.push({ text: e.text, quality: 0.5 });
  }
  return out;
}
