import type { Reply } from '../core/reply.js';
import type { DigestRunner, RunOutcome } from './runner.js';

/** What `briefbot digest run --at` did (or, with dryRun, would do) for one subscription. */
export interface ScheduledRunReport {
  subscriptionId: string;
  channel: string;
  /** The subscription's timezone, in which the slots are shown. */
  timezone?: string;
  /** Rows recorded: the slot posted now, collapsed slots, missed slots. */
  slots: { scheduledFor: string; state: string; note?: string }[];
  /** With dryRun: the digest that would be posted (null when quiet with nothing new). */
  preview?: Reply | null;
  outcome?: RunOutcome;
}

/**
 * Runs the schedule as of `at`: records every slot due since each subscription's last one
 * (missed / collapsed / due, as on a restart), then delivers what is due. With dryRun nothing is
 * written or posted; the report shows the plan and the digests that would go out.
 */
export async function runSchedule(
  runner: DigestRunner,
  at: Date,
  opts: { dryRun?: boolean } = {},
): Promise<ScheduledRunReport[]> {
  const planned = await runner.plan(at);
  const reports: ScheduledRunReport[] = [];
  for (const { sub, rows } of planned) {
    const report: ScheduledRunReport = {
      subscriptionId: sub.id,
      channel: `${sub.channel.platform}:${sub.channel.id}`,
      timezone: sub.timezone,
      slots: rows.map((r) => ({
        scheduledFor: r.scheduledFor,
        state: r.state === 'claimed' ? 'due' : r.state,
        note: r.lastError,
      })),
    };
    if (opts.dryRun) {
      const due = rows.find((r) => r.state === 'claimed');
      if (due) report.preview = await runner.compose(sub, due.coversTo);
    }
    reports.push(report);
  }
  if (opts.dryRun) return reports;
  // The plan above is the one recorded: planning twice would double the work before the first post.
  await runner.record(planned);
  const outcomes = await runner.drain(at);
  for (const o of outcomes) {
    const report = reports.find((r) => r.subscriptionId === o.subscriptionId);
    if (report) report.outcome = o;
    else reports.push({ subscriptionId: o.subscriptionId, channel: '', slots: [], outcome: o });
  }
  return reports;
}
