import type { Section } from '../core/reply.js';
import { formatInterval } from './interval.js';
import type { Feed } from './types.js';

/** "3 min", "5 h", "2 days": how long, in the largest unit that fits. */
export function span(ms: number): string {
  const min = Math.round(Math.abs(ms) / 60_000);
  if (min < 1) return 'under a minute';
  if (min < 90) return `${min} min`;
  const h = Math.round(min / 60);
  if (h < 36) return `${h} h`;
  const d = Math.round(h / 24);
  return `${d} day${d === 1 ? '' : 's'}`;
}

const utc = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
const ago = (iso: string, now: Date) => `${span(now.getTime() - Date.parse(iso))} ago (${utc(iso)})`;

/** A feed's display name: the name it was given, else its own title, else its host. */
export function feedLabel(feed: Pick<Feed, 'name' | 'title' | 'url'>): string {
  return feed.name ?? feed.title ?? new URL(feed.url).hostname;
}

/**
 * One feed's block in /feeds list: name and URL, interval, last success and what it added, the
 * last error in plain words with how long the feed has been failing, and the next poll.
 */
export function describeFeed(feed: Feed, articlesInStore: number, now: Date): Section {
  const lines = [feed.url];
  lines.push(
    `Every ${formatInterval(feed.intervalSeconds)} · full text of teasers ${feed.fullText ? 'on' : 'off'}${feed.origin === 'config' ? ' · from the configuration' : ''}`,
  );
  lines.push(
    feed.lastSuccessAt
      ? `Last success: ${ago(feed.lastSuccessAt, now)}, ${feed.lastAdded} new article${feed.lastAdded === 1 ? '' : 's'}; ${articlesInStore} in the store from this feed`
      : `Last success: never${feed.lastAttemptAt ? '' : ' (not polled yet)'}`,
  );
  if (feed.lastError) {
    const since = feed.failingSince ? ` for ${span(now.getTime() - Date.parse(feed.failingSince))}` : '';
    const tries = feed.consecutiveFailures > 1 ? ` (${feed.consecutiveFailures} attempts in a row)` : '';
    lines.push(`Last error: ${feed.lastError.message}${since}${tries}`);
  }
  const due = Date.parse(feed.nextPollAt) - now.getTime();
  lines.push(`Next poll: ${due <= 0 ? 'now' : `in ${span(due)} (${utc(feed.nextPollAt)})`}`);
  return { heading: `Feed ${feed.id}: ${feedLabel(feed)}`, text: lines.join('\n') };
}
