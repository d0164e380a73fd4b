/**
 * Politeness for outgoing requests: at most one request at a time to any one host, and at most
 * `maxConcurrent` requests in flight overall. A request first waits its turn at its host, then
 * for a global slot, so a slot is never held by a request still queued behind its host.
 */
export class RequestGate {
  private active = 0;
  private readonly slotWaiters: (() => void)[] = [];
  /** The last request queued for each host; a new one starts when it settles. */
  private readonly hostTails = new Map<string, Promise<void>>();

  constructor(private readonly maxConcurrent: number) {
    if (!Number.isInteger(maxConcurrent) || maxConcurrent < 1)
      throw new Error(`maxConcurrent must be a positive integer (got ${maxConcurrent})`);
  }

  /** Runs fn when its host is free and a slot is available. */
  async run<T>(host: string, fn: () => Promise<T>): Promise<T> {
    const key = host.toLowerCase();
    const previous = this.hostTails.get(key) ?? Promise.resolve();
    let done!: () => void;
    const mine = new Promise<void>((resolve) => (done = resolve));
    const tail = previous.then(() => mine);
    this.hostTails.set(key, tail);
    try {
      await previous;
      await this.takeSlot();
      try {
        return await fn();
      } finally {
        this.releaseSlot();
      }
    } finally {
      done();
      if (this.hostTails.get(key) === tail) this.hostTails.delete(key);
    }
  }

  private takeSlot(): Promise<void> {
    if (this.active < this.maxConcurrent) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.slotWaiters.push(resolve));
  }

  private releaseSlot(): void {
    const next = this.slotWaiters.shift();
    // The slot passes straight to the next waiter, so `active` never dips and lets a newcomer jump the queue.
    if (next) next();
    else this.active--;
  }
}
