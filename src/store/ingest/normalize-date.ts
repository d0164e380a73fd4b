/**
 * A published value as the store keeps it: "YYYY-MM-DD" when only a day is known, else an ISO
 * date-time in UTC. Undefined when the value is missing or not a date (the caller then infers one).
 * YAML parsers give JS Dates for unquoted dates; a Date at exactly UTC midnight is taken as a day.
 */
export function normalizeDate(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return undefined;
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  if (typeof value === 'number') return normalizeDate(new Date(value < 1e12 ? value * 1000 : value));
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (day) return Number.isNaN(Date.parse(text)) ? undefined : text;
  const t = Date.parse(text);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}
