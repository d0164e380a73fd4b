/** Retry policy for transient delivery failures (429, 5xx, timeouts). */
export interface RetryPolicy {
  /** Delay before the second attempt; doubles each attempt. */
  baseMs: number;
  /** Upper bound of one delay. */
  maxDelayMs: number;
  /** Attempts in all; after the last one fails the run is marked failed. */
  maxAttempts: number;
}

export const DEFAULT_RETRY: RetryPolicy = { baseMs: 30_000, maxDelayMs: 15 * 60_000, maxAttempts: 6 };

/** Delay after `attempts` failed attempts: exponential with a cap, never shorter than the platform asked. */
export function retryDelayMs(policy: RetryPolicy, attempts: number, retryAfterMs?: number): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.max(exp, retryAfterMs ?? 0);
}
