import { UserError } from '../core/errors.js';

const UNITS: Record<string, number> = {
  s: 1,
  sec: 1,
  secs: 1,
  second: 1,
  seconds: 1,
  m: 60,
  min: 60,
  mins: 60,
  minute: 60,
  minutes: 60,
  h: 3600,
  hr: 3600,
  hrs: 3600,
  hour: 3600,
  hours: 3600,
  d: 86400,
  day: 86400,
  days: 86400,
};
const MAX_SECONDS = 7 * 86400;

/**
 * An interval as people write it: "15m", "1h", "90s", "1h30m", "2 hours", or plain seconds ("300").
 * Throws a UserError naming the accepted forms, or the floor when it is shorter than the floor.
 */
export function parseInterval(text: string, floorSeconds: number): number {
  const s = text.trim().toLowerCase();
  let total = 0;
  if (/^\d+$/.test(s)) total = Number(s);
  else {
    const parts = [...s.matchAll(/(\d+(?:\.\d+)?)\s*([a-z]+)/g)];
    const rebuilt = parts
      .map((p) => p[0])
      .join('')
      .replace(/\s+/g, '');
    if (!parts.length || rebuilt !== s.replace(/\s+/g, '') || parts.some((p) => !(p[2] in UNITS))) {
      throw new UserError('BAD_INTERVAL', `"${text}" is not an interval: write it like 15m, 1h, 90s or 1h30m.`);
    }
    total = parts.reduce((sum, p) => sum + Number(p[1]) * UNITS[p[2]], 0);
  }
  total = Math.round(total);
  if (total < floorSeconds) {
    throw new UserError(
      'INTERVAL_TOO_SHORT',
      `Feeds are polled at most every ${formatInterval(floorSeconds)} (FEEDS_MIN_INTERVAL_SECONDS); "${text}" is shorter.`,
    );
  }
  if (total > MAX_SECONDS)
    throw new UserError('INTERVAL_TOO_LONG', `The longest interval is 7 days; "${text}" is longer.`);
  return total;
}

/** "15 min", "1 h", "1 h 30 min", "45 s". */
export function formatInterval(totalSeconds: number): string {
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds % 60;
  const parts = [h ? `${h} h` : '', m ? `${m} min` : '', s ? `${s} s` : ''].filter(Boolean);
  return parts.join(' ') || '0 s';
}
