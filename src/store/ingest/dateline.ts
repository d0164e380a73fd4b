import * as chrono from 'chrono-node/en';

/** How far into the text a dateline or date line may be: its first lines, and no further than this. */
const HEAD_LINES = 6;
const HEAD_CHARS = 800;
/** A line this short that carries a full date is a date or byline line ("October 18, 2021", "By A. Ruiz | Oct. 12, 2021"). */
const DATE_LINE_MAX = 100;
/** A dateline's place before the date: a few capitalised words, an agency in brackets ("MEXICO CITY, ", "WASHINGTON (AP) — "). */
const PLACE = /^(?:[\p{Lu}][\p{L}.'’-]*,?\s+){1,4}(?:\([^)]{1,30}\)\s*)?[—–-]?\s*$/u;
/** What follows a dateline's date before the story: a dash, possibly after an agency ("(Reuters) -"). */
const AFTER_DATELINE = /^\s*,?\s*(?:\([^)]{1,30}\)\s*)?[—–-]/;
/** A future date is not when something was published; a day of slack covers timezones. */
const FUTURE_SLACK_MS = 2 * 86_400_000;

/**
 * The publication date a text states at its top, as "YYYY-MM-DD": a dateline ("MEXICO CITY,
 * Oct. 12, 2021 — …") in its first lines, or a short line that carries a full date ("October 18,
 * 2021", "Published Oct. 12, 2021"). Dates are read by chrono-node; only full dates (day, month
 * and year stated) count, so "Friday" or "last week" never date an article. A date inside the
 * story's sentences ("The pact signed on March 3, 2019, …") is not taken.
 */
export function datelineDate(text: string, now: Date = new Date()): string | undefined {
  const head = text.slice(0, HEAD_CHARS);
  const lines = head
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(0, HEAD_LINES);
  for (const [i, line] of lines.entries()) {
    for (const found of chrono.strict.parse(line, now)) {
      const day = fullDate(found, now);
      if (!day) continue;
      const before = line.slice(0, found.index);
      const after = line.slice(found.index + found.text.length);
      const dateLine =
        line.length <= DATE_LINE_MAX && words(before) <= 6 && words(after) <= 6 && !/[.!?]["”’)]?$/.test(after.trim());
      const dateline = i < 2 && (before.trim() === '' || PLACE.test(before)) && AFTER_DATELINE.test(after);
      if (dateLine || dateline) return day;
    }
  }
  return undefined;
}

const words = (s: string) => s.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;

function fullDate(found: chrono.ParsedResult, now: Date): string | undefined {
  const start = found.start;
  if (!start.isCertain('day') || !start.isCertain('month') || !start.isCertain('year')) return undefined;
  const year = start.get('year')!;
  const month = start.get('month')!;
  const day = start.get('day')!;
  if (year < 1900 || Date.UTC(year, month - 1, day) > now.getTime() + FUTURE_SLACK_MS) return undefined;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
