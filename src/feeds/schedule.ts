import type { FeedError } from './feed-error.js';
import type { Feed } from './types.js';

/** How often feeds may be polled and how far failures push them back (config `feedPolling:`). */
export interface PollPolicy {
  /** No feed is polled more often than this, whatever its own interval (FEEDS_MIN_INTERVAL_SECONDS). */
  minIntervalSeconds: number;
  /** The longest wait between attempts at a failing feed: it keeps being tried, this rarely. */
  backoffCapSeconds: number;
}

/** A server's Retry-After is honoured up to this; beyond it the feed is simply tried again then. */
const MAX_RETRY_AFTER_MS = 7 * 86_400_000;

export const effectiveIntervalMs = (feed: Pick<Feed, 'intervalSeconds'>, policy: PollPolicy) =>
  Math.max(feed.intervalSeconds, policy.minIntervalSeconds) * 1000;

/** After a 200 or 304: one interval later. */
export function nextAfterSuccess(feed: Pick<Feed, 'intervalSeconds'>, now: Date, policy: PollPolicy): Date {
  return new Date(now.getTime() + effectiveIntervalMs(feed, policy));
}

/**
 * After a failure: the interval doubled for each failure in a row, up to the cap, with "equal
 * jitter" (a random point in the upper half) so feeds that failed together do not retry together;
 * never sooner than the floor. A 429 or 503 with Retry-After is not retried before the server asked.
 */
export function nextAfterFailure(
  feed: Pick<Feed, 'intervalSeconds' | 'consecutiveFailures'>,
  error: Pick<FeedError, 'detail'>,
  now: Date,
  policy: PollPolicy,
  random: () => number = Math.random,
): Date {
  const base = effectiveIntervalMs(feed, policy);
  const cap = Math.max(policy.backoffCapSeconds * 1000, base);
  const failures = feed.consecutiveFailures + 1;
  const exponential = Math.min(cap, base * 2 ** Math.min(failures - 1, 30));
  let delay = Math.max(policy.minIntervalSeconds * 1000, exponential / 2 + random() * (exponential / 2));
  const asked = error.detail.retryAfterMs;
  if (asked !== undefined) delay = Math.max(delay, Math.min(asked, MAX_RETRY_AFTER_MS));
  return new Date(now.getTime() + delay);
}
