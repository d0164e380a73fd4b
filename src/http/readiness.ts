/** What a readiness check returns: true/undefined when ready, otherwise false or the reason (or a `{ ready, reason }` status). */
export type CheckResult = boolean | string | undefined | void | { ready: boolean; reason?: string };

interface Check {
  name: string;
  fn: () => CheckResult | Promise<CheckResult>;
}

/** Something that can be connected or not, as adapters are. */
export interface Connectable {
  readonly platform: string;
  isConnected(): boolean;
}

/**
 * The answer to /readyz: the process should get traffic only while the store is open, every
 * configured adapter is connected and no shutdown has begun. Components either report a state
 * (`set`) or are polled (`addCheck`) on each probe.
 */
export class Readiness {
  private readonly flags = new Map<string, string>();
  private readonly checks: Check[] = [];
  private stopping = false;

  /** Marks a component not ready with a reason, or ready again with no reason. */
  set(name: string, notReadyReason?: string): void {
    if (notReadyReason) this.flags.set(name, notReadyReason);
    else this.flags.delete(name);
  }

  addCheck(name: string, fn: Check['fn']): void {
    this.checks.push({ name, fn });
  }

  addAdapter(adapter: Connectable): void {
    this.addCheck(
      `${adapter.platform} adapter`,
      () => adapter.isConnected() || `${adapter.platform} adapter is not connected`,
    );
  }

  /** From now on /readyz answers 503, so load balancers stop sending work before anything closes. */
  beginShutdown(): void {
    this.stopping = true;
  }

  get shuttingDown(): boolean {
    return this.stopping;
  }

  /** Every reason the process is not ready; empty when ready. A slow check counts as not ready. */
  async evaluate(timeoutMs = 2_000): Promise<{ ready: boolean; reasons: string[] }> {
    const reasons: string[] = [];
    if (this.stopping) reasons.push('shutting down');
    reasons.push(...this.flags.values());
    const results = await Promise.all(this.checks.map((c) => runCheck(c, timeoutMs)));
    reasons.push(...results.filter((r): r is string => r !== undefined));
    return { ready: reasons.length === 0, reasons };
  }
}

async function runCheck(check: Check, timeoutMs: number): Promise<string | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<CheckResult>((resolve) => {
    timer = setTimeout(() => resolve(`${check.name}: no answer within ${timeoutMs} ms`), timeoutMs);
  });
  try {
    const r = await Promise.race([Promise.resolve().then(check.fn), timeout]);
    if (r === true || r === undefined) return undefined;
    if (typeof r === 'object') return r.ready ? undefined : (r.reason ?? `${check.name} is not ready`);
    return typeof r === 'string' ? r : `${check.name} is not ready`;
  } catch (e) {
    return `${check.name}: ${e instanceof Error ? e.message : String(e)}`;
  } finally {
    clearTimeout(timer);
  }
}
