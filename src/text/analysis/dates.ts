import type { Token } from '../nlp.js';
import type { ResolvedDate } from '../types.js';
import { MONTHS, WEEKDAYS } from '../lexicon.js';

const DAY_MS = 86_400_000;

function parseIso(iso: string | undefined): Date | undefined {
  if (!iso) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return undefined;
  return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
}

function isoOf(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function validDay(y: number, m: number, d: number): Date | undefined {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? date : undefined;
}

/**
 * News is written about the recent past: a bare weekday is the most recent such day on or
 * before the article's date ("Friday" in a Friday article is that Friday). "last X" is the
 * week before, "next X" the week after.
 */
function resolveWeekday(base: Date, weekday: number, modifier: string | undefined): Date {
  const diff = (base.getUTCDay() - weekday + 7) % 7;
  if (modifier === 'next') return new Date(base.getTime() + ((weekday - base.getUTCDay() + 7) % 7 || 7) * DAY_MS);
  if (modifier === 'last' && diff === 0) return new Date(base.getTime() - 7 * DAY_MS);
  return new Date(base.getTime() - diff * DAY_MS);
}

const RELATIVE_DAYS = new Map([
  ['yesterday', -1],
  ['today', 0],
  ['tomorrow', 1],
]);

/** Every word that can start a date below: one set lookup rejects all other words (most of a text). */
const DATE_WORDS = new Set([...WEEKDAYS, ...RELATIVE_DAYS.keys(), 'week', ...MONTHS.keys()]);

function isCap(t: Token | undefined): boolean {
  return !!t && /^\p{Lu}/u.test(t.value);
}

function dayNumber(t: Token | undefined): number | undefined {
  if (!t || t.type !== 'number' || !/^\d{1,2}$/.test(t.value)) return undefined;
  const n = +t.value;
  return n >= 1 && n <= 31 ? n : undefined;
}

function yearAt(tokens: Token[], i: number, last: number): { year: number; end: number } | undefined {
  let j = i;
  if (j <= last && tokens[j].value === ',') j++;
  if (j <= last && tokens[j].type === 'number' && /^(1[89]|20)\d\d$/.test(tokens[j].value))
    return { year: +tokens[j].value, end: j };
  return undefined;
}

/**
 * The dates of one article, sentence by sentence: `published` (ISO) is parsed once, and each call
 * gives the dates stated in tokens[first..last], resolved against it when relative.
 */
export function dateFinder(
  text: string,
  tokens: Token[],
  published?: string,
): (first: number, last: number) => ResolvedDate[] {
  const base = parseIso(published);
  return (first, last) => findDates(text, tokens, first, last, base);
}

function findDates(text: string, tokens: Token[], first: number, last: number, base: Date | undefined): ResolvedDate[] {
  const out: ResolvedDate[] = [];
  const span = (a: number, b: number) => text.slice(tokens[a].start, tokens[b].end);
  for (let i = first; i <= last; i++) {
    const t = tokens[i];
    if (t.type === 'word' ? !DATE_WORDS.has(t.lower) : t.type !== 'number') continue;
    const lower = t.lower;
    const wd = WEEKDAYS.indexOf(lower);
    if (wd >= 0 && isCap(t)) {
      if (!base) continue;
      const prev = i > first ? tokens[i - 1].lower : undefined;
      const mod = prev === 'last' || prev === 'next' ? prev : undefined;
      out.push({ text: span(mod ? i - 1 : i, i), date: isoOf(resolveWeekday(base, wd, mod)), inferred: true });
      continue;
    }
    const rel = RELATIVE_DAYS.get(lower);
    if (rel !== undefined) {
      if (base) out.push({ text: t.value, date: isoOf(new Date(base.getTime() + rel * DAY_MS)), inferred: true });
      continue;
    }
    if (lower === 'week' && i > first && tokens[i - 1].lower === 'last' && base) {
      out.push({ text: span(i - 1, i), date: isoOf(new Date(base.getTime() - 7 * DAY_MS)), inferred: true });
      continue;
    }
    const month = MONTHS.get(lower);
    if (month && isCap(t)) {
      // "Oct. 8, 2021" / "October 8"
      const day = dayNumber(tokens[i + 1]);
      if (day !== undefined && i + 1 <= last) {
        const y = yearAt(tokens, i + 2, last);
        const year = y?.year ?? base?.getUTCFullYear();
        const d = year !== undefined ? validDay(year, month, day) : undefined;
        if (d) {
          out.push({ text: span(i, y ? y.end : i + 1), date: isoOf(d), inferred: !y });
          i = y ? y.end : i + 1;
        }
      }
      continue;
    }
    // "8 October 2021" / "8 Oct"
    const day = dayNumber(t);
    const next = tokens[i + 1];
    if (day !== undefined && i + 1 <= last && next && MONTHS.has(next.lower) && isCap(next)) {
      const y = yearAt(tokens, i + 2, last);
      const year = y?.year ?? base?.getUTCFullYear();
      const d = year !== undefined ? validDay(year, MONTHS.get(next.lower)!, day) : undefined;
      if (d) {
        out.push({ text: span(i, y ? y.end : i + 1), date: isoOf(d), inferred: !y });
        i = y ? y.end : i + 1;
      }
      continue;
    }
    // ISO 2021-10-08 (wink keeps it as one number token).
    const iso = t.type === 'number' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(t.value) : null;
    if (iso) {
      const d = validDay(+iso[1], +iso[2], +iso[3]);
      if (d) out.push({ text: t.value, date: isoOf(d), inferred: false });
    }
  }
  return out;
}
