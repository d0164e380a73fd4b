import cron from 'node-cron';
import { UserError } from '../core/errors.js';
import { resolveTimezone } from './timezones.js';

/**
 * Checks a digest schedule: five cron fields (minute hour day-of-month month day-of-week), valid
 * for node-cron, and no two runs closer together than the floor. Returns the normalised expression.
 */
export function validateSchedule(raw: string, minIntervalMinutes: number): string {
  const schedule = raw.trim().replace(/\s+/g, ' ');
  const fields = schedule.split(' ');
  if (schedule.startsWith('@')) {
    throw new UserError(
      'BAD_SCHEDULE',
      `Nicknames such as "${fields[0]}" are not accepted; write the five cron fields, e.g. "0 8 * * 1-5" (08:00 on weekdays).`,
    );
  }
  if (fields.length === 6) {
    throw new UserError(
      'BAD_SCHEDULE',
      `"${schedule}" has six fields; digests take five (minute hour day-of-month month day-of-week), no seconds. Example: "0 8 * * 1-5".`,
    );
  }
  if (fields.length !== 5) {
    throw new UserError(
      'BAD_SCHEDULE',
      `"${schedule}" has ${fields.length} field${fields.length === 1 ? '' : 's'}; a schedule needs five: minute hour day-of-month month day-of-week, e.g. "0 8 * * 1-5".`,
    );
  }
  const detail = cron.validateDetailed(schedule);
  if (!detail.valid) {
    const why = detail.errors.map((e) => `${e.field}: ${e.message}`).join('; ');
    throw new UserError(
      'BAD_SCHEDULE',
      `"${schedule}" is not a valid cron schedule (${why || 'unreadable'}). Example: "0 8 * * 1-5".`,
    );
  }
  const gap = minimumGapMinutes(schedule);
  if (gap < minIntervalMinutes) {
    throw new UserError(
      'SCHEDULE_TOO_FREQUENT',
      `"${schedule}" would post every ${gap} minute${gap === 1 ? '' : 's'}; digests may run at most every ${minIntervalMinutes} minutes. Try e.g. "0 8 * * 1-5" or "*/${Math.max(minIntervalMinutes, 15)} * * * *"${minIntervalMinutes > 60 ? ' with fewer hours' : ''}.`,
    );
  }
  return schedule;
}

/**
 * The shortest gap between consecutive runs on one day's wall clock, including the wrap from the
 * last run of a day to the first of the next. Days are assumed consecutive, which can only make the
 * gap look smaller (stricter), never larger.
 */
export function minimumGapMinutes(schedule: string): number {
  const f = cron.parse(schedule);
  const times: number[] = [];
  for (const h of f.hour) for (const m of f.minute) times.push(h * 60 + m);
  times.sort((a, b) => a - b);
  let gap = times.length === 1 ? 24 * 60 : times[0] + 24 * 60 - times[times.length - 1];
  for (let i = 1; i < times.length; i++) gap = Math.min(gap, times[i] - times[i - 1]);
  return gap;
}

/** Checks a timezone and returns its canonical IANA name (resolveTimezone says how it was read). */
export function validateTimezone(raw: string): string {
  return resolveTimezone(raw).timezone;
}
