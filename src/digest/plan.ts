import { runsBetween } from './next-runs.js';
import type { NewRun, StoredSubscription } from './types.js';

/** Run times of a schedule in (from, to], as runsBetween gives them. */
export type SlotsBetween = (schedule: string, timezone: string, from: Date, to: Date) => Date[];

export interface PlanOptions {
  /** Slots missed by at most this much are still posted (once) on start. */
  graceMs: number;
  /** How far before the grace window individual 'missed' rows are still recorded. */
  missedHorizonMs: number;
}

/**
 * The ledger rows one subscription needs at `at`: slots after `cursor` (its latest recorded slot,
 * or when its schedule was set) up to `at`. Slots older than the grace window become 'missed';
 * the ones inside it collapse into one run for the latest slot ('skipped' rows point at it), so
 * a restart posts at most one digest per subscription, covering everything since its watermark.
 */
export function planSubscription(
  sub: StoredSubscription,
  cursor: string,
  at: Date,
  opts: PlanOptions,
  slots: SlotsBetween = runsBetween,
): NewRun[] {
  const from = new Date(cursor);
  if (from >= at) return [];
  const graceStart = new Date(at.getTime() - opts.graceMs);
  const rows: NewRun[] = [];
  const coversTo = at.toISOString();
  if (from < graceStart) {
    const horizon = new Date(Math.max(from.getTime(), graceStart.getTime() - opts.missedHorizonMs));
    for (const slot of slots(sub.schedule, sub.timezone, horizon, graceStart)) {
      rows.push({
        subscriptionId: sub.id,
        scheduledFor: slot.toISOString(),
        kind: 'schedule',
        state: 'missed',
        coversTo: slot.toISOString(),
        lastError: `the bot was down at this time and came back after the ${Math.round(opts.graceMs / 3_600_000)} h grace window; the next digest covers it`,
      });
    }
  }
  const due = slots(sub.schedule, sub.timezone, from > graceStart ? from : graceStart, at);
  const latest = due.at(-1);
  for (const slot of due) {
    const iso = slot.toISOString();
    if (slot === latest) {
      rows.push({
        subscriptionId: sub.id,
        scheduledFor: iso,
        kind: 'schedule',
        state: 'claimed',
        coversTo,
        nextAttemptAt: coversTo,
      });
    } else {
      rows.push({
        subscriptionId: sub.id,
        scheduledFor: iso,
        kind: 'schedule',
        state: 'skipped',
        coversTo: iso,
        lastError: `collapsed into the run of ${latest!.toISOString()}`,
      });
    }
  }
  return rows;
}

/** The most slots one schedule is worked out for at once; beyond it each subscription asks runsBetween itself. */
const SHARED_SLOTS_LIMIT = 10_000;

/**
 * runsBetween for many subscriptions planned at the same instant `at`, with the same answers: every
 * range planSubscription asks for lies inside (at - grace - missed horizon, at], so each
 * (schedule, timezone) is walked once over that range. A subscription's own walk takes only its
 * first step from its cursor; after a slot, the walk depends on that slot alone, so the rest is
 * the shared walk's from there (a fan-out of 1,000 channels on one schedule otherwise walks the
 * same cron slots 1,000 times).
 */
export function sharedSlots(at: Date, opts: PlanOptions): SlotsBetween {
  const earliest = new Date(at.getTime() - opts.graceMs - opts.missedHorizonMs);
  const bySchedule = new Map<string, Date[]>();
  return (schedule, timezone, from, to) => {
    if (from < earliest || to > at) return runsBetween(schedule, timezone, from, to);
    const key = `${timezone} ${schedule}`;
    let walk = bySchedule.get(key);
    if (!walk) bySchedule.set(key, (walk = runsBetween(schedule, timezone, earliest, at, SHARED_SLOTS_LIMIT)));
    const [first] = runsBetween(schedule, timezone, from, to, 1);
    if (!first) return [];
    const start = walk.findIndex((slot) => slot.getTime() === first.getTime());
    // Not on the shared walk (it was cut at its limit, or a DST fold made the walks part): walk alone.
    if (start < 0 || walk.length >= SHARED_SLOTS_LIMIT) return runsBetween(schedule, timezone, from, to);
    const out: Date[] = [];
    for (let i = start; i < walk.length && walk[i] <= to; i++) out.push(walk[i]);
    return out;
  };
}
