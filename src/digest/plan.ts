import { runsBetween } from './next-runs.js';
import type { NewRun, StoredSubscription } from './types.js';

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
export function planSubscription(sub: StoredSubscription, cursor: string, at: Date, opts: PlanOptions): NewRun[] {
  const from = new Date(cursor);
  if (from >= at) return [];
  const graceStart = new Date(at.getTime() - opts.graceMs);
  const rows: NewRun[] = [];
  const coversTo = at.toISOString();
  if (from < graceStart) {
    const horizon = new Date(Math.max(from.getTime(), graceStart.getTime() - opts.missedHorizonMs));
    for (const slot of runsBetween(sub.schedule, sub.timezone, horizon, graceStart)) {
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
  const due = runsBetween(sub.schedule, sub.timezone, from > graceStart ? from : graceStart, at);
  const latest = due.at(-1);
  for (const slot of due) {
    const iso = slot.toISOString();
    if (slot === latest) {
      rows.push({ subscriptionId: sub.id, scheduledFor: iso, kind: 'schedule', state: 'claimed', coversTo, nextAttemptAt: coversTo });
    } else {
      rows.push({ subscriptionId: sub.id, scheduledFor: iso, kind: 'schedule', state: 'skipped', coversTo: iso, lastError: `collapsed into the run of ${latest!.toISOString()}` });
    }
  }
  return rows;
}
