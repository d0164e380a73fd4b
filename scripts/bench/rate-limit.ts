/**
 * A token bucket: `burst` tokens, refilled at `perSecond`. take() resolves when a token is free,
 * in request order — the way a well-behaved client waits out a platform's rate limit.
 */
export class TokenBucket {
  private tokens: number;
  private last = performance.now();
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
  ) {
    this.tokens = burst;
  }

  take(): Promise<void> {
    const turn = this.queue.then(() => this.wait());
    this.queue = turn;
    return turn;
  }

  private async wait(): Promise<void> {
    for (;;) {
      const now = performance.now();
      this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
      this.last = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await new Promise((r) => setTimeout(r, Math.ceil(((1 - this.tokens) / this.perSecond) * 1000)));
    }
  }
}

/** Seconds the fastest possible client needs for `n` requests through a bucket (the floor). */
export function bucketFloorSeconds(n: number, perSecond: number, burst: number): number {
  return Math.max(0, (n - burst) / perSecond);
}
