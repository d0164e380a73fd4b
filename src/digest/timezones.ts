import { UserError } from '../core/errors.js';

/**
 * Abbreviations people type for a timezone, and the IANA zone each is read as. They name an
 * offset, not a place, and the runtime's own reading is rarely what was meant (ICU takes "EST" as
 * America/Panama, which never has daylight saving), so each is mapped to the zone most people
 * mean, and the reply says so. Ambiguous ones (CST, IST) take their most common reading; the note
 * lets the person correct it with an IANA name.
 */
const ABBREVIATIONS: Record<string, { zone: string; what: string }> = {
  ET: { zone: 'America/New_York', what: 'US Eastern time' },
  EST: { zone: 'America/New_York', what: 'US Eastern time' },
  EDT: { zone: 'America/New_York', what: 'US Eastern time' },
  CT: { zone: 'America/Chicago', what: 'US Central time' },
  CST: { zone: 'America/Chicago', what: 'US Central time' },
  CDT: { zone: 'America/Chicago', what: 'US Central time' },
  MT: { zone: 'America/Denver', what: 'US Mountain time' },
  MST: { zone: 'America/Denver', what: 'US Mountain time' },
  MDT: { zone: 'America/Denver', what: 'US Mountain time' },
  PT: { zone: 'America/Los_Angeles', what: 'US Pacific time' },
  PST: { zone: 'America/Los_Angeles', what: 'US Pacific time' },
  PDT: { zone: 'America/Los_Angeles', what: 'US Pacific time' },
  AKST: { zone: 'America/Anchorage', what: 'Alaska time' },
  AKDT: { zone: 'America/Anchorage', what: 'Alaska time' },
  HST: { zone: 'Pacific/Honolulu', what: 'Hawaii time' },
  BST: { zone: 'Europe/London', what: 'UK time' },
  WET: { zone: 'Europe/Lisbon', what: 'Western European time' },
  WEST: { zone: 'Europe/Lisbon', what: 'Western European time' },
  CET: { zone: 'Europe/Berlin', what: 'Central European time' },
  CEST: { zone: 'Europe/Berlin', what: 'Central European time' },
  EET: { zone: 'Europe/Athens', what: 'Eastern European time' },
  EEST: { zone: 'Europe/Athens', what: 'Eastern European time' },
  IST: { zone: 'Asia/Kolkata', what: 'India Standard Time' },
  JST: { zone: 'Asia/Tokyo', what: 'Japan time' },
  KST: { zone: 'Asia/Seoul', what: 'Korea time' },
  SGT: { zone: 'Asia/Singapore', what: 'Singapore time' },
  HKT: { zone: 'Asia/Hong_Kong', what: 'Hong Kong time' },
  AEST: { zone: 'Australia/Sydney', what: 'Australian Eastern time' },
  AEDT: { zone: 'Australia/Sydney', what: 'Australian Eastern time' },
  AWST: { zone: 'Australia/Perth', what: 'Australian Western time' },
  NZST: { zone: 'Pacific/Auckland', what: 'New Zealand time' },
  NZDT: { zone: 'Pacific/Auckland', what: 'New Zealand time' },
};

/** Names of UTC itself: no note needed, whichever is typed. */
const UTC_NAMES = new Set(['UTC', 'GMT', 'UCT', 'Z', 'ZULU', 'UNIVERSAL', 'ETC/UTC', 'ETC/GMT']);

export interface ResolvedTimezone {
  /** The canonical IANA name stored and used for every time shown. */
  timezone: string;
  /** Said to the person when what they typed was read as something else ("EST" → America/New_York). */
  note?: string;
}

/** Reads a timezone: IANA names as they are (canonical spelling), abbreviations only with a note. */
export function resolveTimezone(raw: string): ResolvedTimezone {
  const typed = raw.trim();
  const upper = typed.toUpperCase();
  if (UTC_NAMES.has(upper)) return { timezone: 'UTC' };
  const abbreviation = ABBREVIATIONS[upper];
  if (abbreviation) {
    return {
      timezone: abbreviation.zone,
      note: `"${typed}" is an abbreviation, not a timezone: read as ${abbreviation.zone} (${abbreviation.what}, with its daylight-saving changes). For another zone, give its IANA name, e.g. America/Mexico_City.`,
    };
  }
  let timezone: string;
  try {
    if (!typed || /^[+-]?\d/.test(typed)) throw new RangeError('offset');
    timezone = new Intl.DateTimeFormat('en-US', { timeZone: typed }).resolvedOptions().timeZone;
  } catch {
    throw new UserError(
      'BAD_TIMEZONE',
      `"${typed}" is not an IANA timezone. Use a name such as America/Mexico_City, Europe/Berlin or UTC.`,
    );
  }
  // Old names and links ("US/Eastern", "Japan") are accepted under their current name, said aloud.
  if (timezone.toLowerCase() === typed.toLowerCase()) return { timezone };
  return { timezone, note: `"${typed}" was read as ${timezone}.` };
}
