import cron, { type ScheduledTask } from 'node-cron';
import { BoundedMemo } from '../util/bounded-memo.js';

/**
 * Run times of a cron schedule in a timezone, from any instant (node-cron only answers "from now").
 * Candidates are wall-clock times built from node-cron's own parse of the expression, converted to
 * instants the way node-cron converts them, and confirmed with node-cron's own `match`, so the DST
 * policy is node-cron's: a wall time inside a spring-forward gap never matches (skipped), and a
 * wall time repeated by fall-back yields one instant (fires once). Tests compare with getNextRuns.
 */

const MAX_DAYS = 366 * 8;
const matcherCache = new Map<string, { task: ScheduledTask; minutes: number[]; hours: number[]; months: number[] }>();

function matcher(schedule: string, timezone: string) {
  const key = `${timezone} ${schedule}`;
  let m = matcherCache.get(key);
  if (!m) {
    const fields = cron.parse(schedule);
    // A task that is never started: we only use its matcher. Evict old ones so hostile input cannot grow the cache.
    const task = cron.createTask(schedule, () => undefined, { timezone });
    m = {
      task,
      minutes: [...fields.minute].sort((a, b) => a - b),
      hours: [...fields.hour].sort((a, b) => a - b),
      months: fields.month,
    };
    if (matcherCache.size >= 256) {
      const [oldKey, old] = matcherCache.entries().next().value!;
      matcherCache.delete(oldKey);
      void old.task.destroy();
    }
    matcherCache.set(key, m);
  }
  return m;
}

interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();
const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** Wall-clock fields of an instant in a timezone. */
export function wallClock(at: Date, timezone: string): Wall {
  let f = partsFormatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    partsFormatters.set(timezone, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(at)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return { year: p.year, month: p.month, day: p.day, hour: p.hour % 24, minute: p.minute };
}

/** UTC offset of the timezone at an instant, in minutes. */
function offsetMinutes(atMs: number, timezone: string): number {
  let f = offsetFormatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: timezone, timeZoneName: 'longOffset' });
    offsetFormatters.set(timezone, f);
  }
  const name = f.formatToParts(new Date(atMs)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

const sameWall = (ms: number, w: Wall, tz: string) => {
  const x = wallClock(new Date(ms), tz);
  return x.year === w.year && x.month === w.month && x.day === w.day && x.hour === w.hour && x.minute === w.minute;
};

/**
 * Answers of the pure but costly steps (each is several Intl formatToParts calls): a fan-out plans
 * hundreds of subscriptions of one schedule, whose walks test the same wall times and instants.
 * Bounded; cleared when full.
 */
const MAX_REMEMBERED = 20_000;
const instants = new BoundedMemo<string, number>(MAX_REMEMBERED);
const matches = new BoundedMemo<string, boolean>(MAX_REMEMBERED);
const walls = new BoundedMemo<string, Wall>(MAX_REMEMBERED);

/** The instant of a wall time: guess with the offset there, correct once; an ambiguous time resolves as node-cron does. */
function wallToInstant(w: Wall, tz: string): number {
  return instants.get(`${tz} ${w.year}-${w.month}-${w.day} ${w.hour}:${w.minute}`, () => computeWallToInstant(w, tz));
}

function computeWallToInstant(w: Wall, tz: string): number {
  const guess = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
  const first = guess - offsetMinutes(guess, tz) * 60_000;
  const second = guess - offsetMinutes(first, tz) * 60_000;
  if (first === second) return first;
  if (sameWall(first, w, tz)) return first;
  if (sameWall(second, w, tz)) return second;
  return Math.max(first, second);
}

const laterInDay = (h: number, m: number, w: Wall) => h * 60 + m > w.hour * 60 + w.minute;

/** The first `count` run times strictly after `after`. */
export function nextRuns(schedule: string, timezone: string, after: Date, count: number): Date[] {
  return collect(schedule, timezone, after, undefined, count);
}

/** Run times in (from, to], at most `limit` of them (the earliest). */
export function runsBetween(schedule: string, timezone: string, from: Date, to: Date, limit = 10_000): Date[] {
  return collect(schedule, timezone, from, to, limit);
}

function collect(schedule: string, timezone: string, after: Date, until: Date | undefined, limit: number): Date[] {
  const { task, minutes, hours, months } = matcher(schedule, timezone);
  const key = `${timezone} ${schedule}`;
  const out: Date[] = [];
  let baseMs = after.getTime();
  let start = wallClock(after, timezone);
  while (out.length < limit) {
    const next = firstAfter(key, task, minutes, hours, months, start, baseMs, timezone);
    if (next === undefined || (until && next > until.getTime())) break;
    out.push(new Date(next));
    baseMs = next;
    start = walls.get(`${timezone} ${next}`, () => wallClock(new Date(next), timezone));
  }
  return out;
}

function firstAfter(
  key: string,
  task: ScheduledTask,
  minutes: number[],
  hours: number[],
  months: number[],
  start: Wall,
  baseMs: number,
  tz: string,
): number | undefined {
  let day = Date.UTC(start.year, start.month - 1, start.day);
  for (let i = 0; i < MAX_DAYS; i++, day += 86_400_000) {
    const d = new Date(day);
    const year = d.getUTCFullYear();
    const month = d.getUTCMonth() + 1;
    if (!months.includes(month)) continue;
    for (const hour of hours) {
      for (const minute of minutes) {
        if (i === 0 && !laterInDay(hour, minute, start)) continue;
        const ts = wallToInstant({ year, month, day: d.getUTCDate(), hour, minute }, tz);
        if (ts > baseMs && matches.get(`${key} ${ts}`, () => task.match(new Date(ts)))) return ts;
      }
    }
  }
  return undefined;
}
