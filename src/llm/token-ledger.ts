/**
 * Tokens spent, per UTC day and month, and the monthly budget.
 * Kept in memory: a restart forgets the month's spending (documented in docs/llm.md), so the
 * provider-side spending limit stays the hard cap; this one keeps a single process honest.
 */
export class TokenLedger {
  private readonly perDay = new Map<string, number>();
  /** Estimates of requests in flight, so concurrent requests cannot together overshoot the budget. */
  private reserved = 0;

  constructor(
    private readonly clock: () => Date,
    readonly monthlyBudget: number,
  ) {}

  record(tokens: number): void {
    if (!(tokens > 0)) return;
    const day = this.day();
    this.perDay.set(day, (this.perDay.get(day) ?? 0) + Math.round(tokens));
    this.prune();
  }

  today(): number {
    return this.perDay.get(this.day()) ?? 0;
  }

  thisMonth(): number {
    const month = this.day().slice(0, 7);
    let sum = 0;
    for (const [day, n] of this.perDay) if (day.startsWith(month)) sum += n;
    return sum;
  }

  /** True when a request that may cost `estimate` tokens still fits in this month's budget. */
  allows(estimate: number): boolean {
    return this.thisMonth() + this.reserved + estimate <= this.monthlyBudget;
  }

  /** Holds `estimate` tokens against the budget until the returned release is called (once). */
  reserve(estimate: number): () => void {
    this.reserved += estimate;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.reserved -= estimate;
    };
  }

  private day(): string {
    return this.clock().toISOString().slice(0, 10);
  }

  /** Only the current month matters; older days are dropped so the map stays small. */
  private prune(): void {
    const month = this.day().slice(0, 7);
    for (const day of this.perDay.keys()) if (!day.startsWith(month)) this.perDay.delete(day);
  }
}
