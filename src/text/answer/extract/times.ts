import type { ResolvedDate } from '../../types.js';
import type { Extracted, QuestionView, SentenceView } from './view.js';

const MONTH =
  '(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?)';
/**
 * Time phrases the date resolver leaves alone because they are not one day: "in 2019", "March
 * 2020", "mid-February", "26-28 August", "last year", "the 1990s".
 */
const LOOSE_TIME = new RegExp(
  [
    `\\b\\d{1,2}(?:\\s*[-–]\\s*\\d{1,2})?\\s+${MONTH}(?:\\s+(?:1[89]|20)\\d\\d)?\\b`,
    `\\b${MONTH}\\s+\\d{1,2}(?:\\s*[-–]\\s*\\d{1,2})?(?:,?\\s+(?:1[89]|20)\\d\\d)?\\b`,
    `\\b(?:(?:early|late|mid)-?\\s*)${MONTH}\\b`,
    `\\b${MONTH}(?:\\s+(?:1[89]|20)\\d\\d)?\\b`,
    `\\b(?:the\\s+)?(?:(?:early|late|mid-)\\s*)?(?:1[89]|20)\\d0s\\b`,
    `\\b(?:in|since|by|during|until|from)\\s+(?:1[89]|20)\\d\\d\\b`,
    `\\b(?:last|next|this|earlier this|later this)\\s+(?:week|month|year|spring|summer|autumn|fall|winter|season)\\b`,
    `\\b(?:spring|summer|autumn|winter)(?:\\s+(?:of\\s+)?(?:1[89]|20)\\d\\d)?\\b`,
  ].join('|'),
  'g',
);

/**
 * A resolved date as the answer shows it: the article's words, with the calendar date when the
 * words leave the day open ("Thursday (2021-10-07)"); not when they only leave the year open,
 * since that year is the resolver's assumption.
 */
function dateText(d: ResolvedDate): string {
  if (d.text === d.date) return d.date;
  if (/\b(1[89]|20)\d\d\b/.test(d.text) || /\d/.test(d.text)) return d.text;
  return `${d.text} (${d.date})`;
}

const WEEKDAY = /\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|tomorrow)\b/i;
const DAY_OF_MONTH = new RegExp(
  `\\b\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}|${MONTH}\\s+\\d{1,2}\\b|\\d{4}-\\d\\d-\\d\\d`,
);
const YEAR = /\b(?:1[89]|20)\d\d\b/;

/** The unit a "what date" or "which year" question asks for, read from its opening nouns. */
function askedUnit(q: QuestionView | undefined): 'day' | 'year' | undefined {
  const nouns = q?.opening.nouns ?? [];
  if (nouns.includes('date') || nouns.includes('day')) return 'day';
  if (nouns.includes('year')) return 'year';
  return undefined;
}

/** The phrase names the unit asked for: a day ("26-28 August", "Thursday"), or a year. */
function namesUnit(text: string, unit: 'day' | 'year'): boolean {
  return unit === 'day' ? WEEKDAY.test(text) || DAY_OF_MONTH.test(text) : YEAR.test(text);
}

/**
 * when: the dates the analysis resolved (with the words the article used), then looser time
 * phrases; "May" the verb is only read as a month next to a day or a year. A phrase that does not
 * name the unit a "what date" or "which year" question asks for ("this summer" for a date) only
 * half answers it.
 */
export function timeSpans(s: SentenceView, q?: QuestionView): Extracted[] {
  const out: Extracted[] = s.dates.map((d) => ({ text: dateText(d), quality: d.inferred ? 0.8 : 1 }));
  for (const m of s.text.matchAll(LOOSE_TIME)) {
    const t = m[0].trim();
    if (/^May$/.test(t)) continue;
    if (out.some((o) => o.text.includes(t))) continue;
    out.push({ text: t, quality: 0.7 });
  }
  const unit = askedUnit(q);
  return unit ? out.map((e) => (namesUnit(e.text, unit) ? e : { ...e, quality: e.quality / 2 })) : out;
}
