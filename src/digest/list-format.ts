import type { Section } from '../core/reply.js';
import { formatInZone } from './compose.js';
import type { LedgerRow, StoredSubscription } from './types.js';

/** node-cron's daylight-saving policy, as /digest list states it. */
export const DST_POLICY =
  'Schedules follow wall-clock time in their timezone. When clocks spring forward, a run that falls in the skipped hour does not happen that day; ' +
  'when clocks fall back, a run in the repeated hour fires once.';

const channelName = (s: StoredSubscription) =>
  `${s.channel.platform === 'console' ? 'console' : `${s.channel.platform} ${s.channel.id}`}${s.name ? ` · ${s.name}` : ''}`;

/** One subscription's block in /digest list: schedule, filters, next run, last result, errors. */
export function describeSubscription(
  s: StoredSubscription,
  recent: LedgerRow[],
  next: Date | undefined,
  filters?: string,
): Section {
  const tz = s.timezone;
  const lines = [
    `Schedule: \`${s.schedule}\` (${tz})${s.topic ? ` · topic: ${s.topic}` : ''}${s.quiet ? ' · quiet' : ''}`,
  ];
  if (filters) lines.push(`Filters: ${filters}`);
  lines.push(`Next run: ${next ? formatInZone(next, tz) : 'none within 8 years'}`);
  const last = recent.find((r) => r.state !== 'claimed' && r.state !== 'posting');
  if (last) lines.push(`Last result: ${resultLine(last, tz)}`);
  else lines.push('Last result: no digest yet');
  const active = recent.find((r) => r.state === 'claimed' && r.attempts > 0);
  if (active)
    lines.push(
      `Retrying: attempt ${active.attempts + 1} at ${formatInZone(active.nextAttemptAt ?? active.updatedAt, tz)} (${active.lastError ?? 'error'})`,
    );
  const failed = recent.filter((r) => r.state === 'failed');
  if (failed.length)
    lines.push(
      `Failed runs (last ${recent.length}): ${failed.length}; latest: ${failed[0].lastError ?? 'unknown error'}`,
    );
  if (s.lastError)
    lines.push(`Channel error: ${s.lastError} (the subscription stays active; fix access and the next run retries)`);
  return { heading: channelName(s), text: lines.join('\n') };
}

function resultLine(r: LedgerRow, tz: string): string {
  const when = formatInZone(r.scheduledFor, tz);
  switch (r.state) {
    case 'posted':
      return `posted for ${when}${r.attempts > 1 ? ` after ${r.attempts} attempts` : ''}`;
    case 'missed':
      return `missed ${when} (bot was down); the next digest covers it`;
    case 'skipped':
      return `skipped ${when} (${r.lastError ?? 'nothing to post'})`;
    default:
      return `failed ${when}: ${r.lastError ?? 'unknown error'}`;
  }
}
