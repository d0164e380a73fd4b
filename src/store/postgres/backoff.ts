/** Bounded exponential backoff for reaching the database; replicas add jitter so they do not retry in step. */
export interface RetryOptions {
  /** Delay before the second attempt. Default 250 ms. */
  initialDelayMs?: number;
  /** Cap on any one delay. Default 5 s. */
  maxDelayMs?: number;
  /** Attempts before giving up (Infinity retries until closed). Default 20, about 80 s. */
  maxAttempts?: number;
}

export const DEFAULT_RETRY: Required<RetryOptions> = { initialDelayMs: 250, maxDelayMs: 5_000, maxAttempts: 20 };

/** Delay after the given failed attempt (1-based): doubling from the initial delay, capped, with ±20% jitter. */
export function backoffDelay(attempt: number, opts: Required<RetryOptions>): number {
  const base = Math.min(opts.maxDelayMs, opts.initialDelayMs * 2 ** Math.max(0, attempt - 1));
  const jitter = base * 0.2 * (Math.random() * 2 - 1);
  return Math.max(0, Math.round(Math.min(opts.maxDelayMs, base + jitter)));
}

/** A sleep that close() can cut short, so shutdown never waits on a retry timer. */
export class Sleeper {
  private wake = new Set<() => void>();

  /** `unref`: the wait alone does not keep the process alive (background probes). */
  sleep(ms: number, opts: { unref?: boolean } = {}): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      if (opts.unref) timer.unref();
      this.wake.add(done);
    });
  }

  wakeAll(): void {
    for (const done of [...this.wake]) done();
  }
}
