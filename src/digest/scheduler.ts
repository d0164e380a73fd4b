import cron, { type ScheduledTask, type TaskContext } from 'node-cron';
import type { Logger } from 'pino';
import type { DigestRunner } from './runner.js';
import type { DigestRepository, StoredSubscription } from './types.js';

const MIN_WAKE_MS = 1_000;
/** How soon to look again when the ledger could not be read. */
const STORE_RETRY_MS = 5_000;

/** One node-cron job serves every subscription with the same schedule and timezone. */
export const jobKey = (s: Pick<StoredSubscription, 'schedule' | 'timezone'>) => `${s.timezone} ${s.schedule}`;

export interface DigestSchedulerDeps {
  repo: DigestRepository;
  runner: DigestRunner;
  clock: () => Date;
  logger: Logger;
  /**
   * True for a single-node store (SQLite): leases left by the previous process are broken on start
   * instead of waiting for them to expire, since that process is gone.
   */
  singleNode: boolean;
}

/**
 * Keeps one node-cron job per distinct (schedule, timezone) and turns each fire into ledger rows.
 * node-cron keeps no state across restarts, so start() first catches up from the ledger; after
 * that a fire (or a slot node-cron reports as missed because the event loop was busy) only
 * reconciles that job's subscriptions and drains what is due. A timer wakes the drain for retries.
 */
export class DigestScheduler {
  private readonly jobs = new Map<string, ScheduledTask>();
  private retryTimer?: NodeJS.Timeout;
  private readonly inFlight = new Set<Promise<unknown>>();
  private stopped = true;

  constructor(private readonly deps: DigestSchedulerDeps) {}

  async start(): Promise<void> {
    this.stopped = false;
    if (this.deps.singleNode) {
      const broken = await this.deps.repo.breakLeases();
      if (broken) this.deps.logger.info({ runs: broken }, 'digest: taking over runs left by the previous process');
    }
    await this.sync();
    await this.track(this.tick(this.deps.clock()));
  }

  /** Creates jobs for new (schedule, timezone) pairs and removes unused ones; call after subscribe/unsubscribe. */
  async sync(): Promise<void> {
    if (this.stopped) return;
    const wanted = new Map<string, StoredSubscription>();
    for (const s of await this.deps.repo.listSubscriptions()) wanted.set(jobKey(s), s);
    for (const [key, task] of this.jobs) {
      if (!wanted.has(key)) {
        await task.destroy();
        this.jobs.delete(key);
      }
    }
    for (const [key, s] of wanted) {
      if (this.jobs.has(key)) continue;
      const fire = (ctx: TaskContext) => this.track(this.onSlot(key, ctx.date));
      const task = cron.schedule(s.schedule, fire, { name: `digest ${key}`, timezone: s.timezone, noOverlap: false });
      // A slot node-cron could not fire on time is still a slot: the ledger decides what happens to it.
      task.on('execution:missed', (ctx) => void this.track(this.onSlot(key, ctx.date)));
      this.jobs.set(key, task);
    }
  }

  /** The distinct jobs running now (for /digest list and tests). */
  jobKeys(): string[] {
    return [...this.jobs.keys()];
  }

  /** Next fire time of a job, as node-cron computes it. */
  nextFire(sub: Pick<StoredSubscription, 'schedule' | 'timezone'>): Date | undefined {
    return this.jobs.get(jobKey(sub))?.getNextRun() ?? undefined;
  }

  private async onSlot(key: string, slot: Date): Promise<void> {
    if (this.stopped) return;
    const now = this.deps.clock();
    const at = slot > now ? slot : now;
    const subs = (await this.deps.repo.listSubscriptions()).filter((s) => jobKey(s) === key);
    await this.deps.runner.reconcile(at, subs);
    await this.drain();
  }

  /** Catch-up for every subscription at `at`, then delivery. */
  private async tick(at: Date): Promise<void> {
    await this.deps.runner.reconcile(at);
    await this.drain();
  }

  private async drain(): Promise<void> {
    try {
      await this.deps.runner.drain();
    } finally {
      await this.armRetryTimer();
    }
  }

  private async armRetryTimer(): Promise<void> {
    if (this.stopped) return;
    clearTimeout(this.retryTimer);
    const now = this.deps.clock();
    let next: Date | undefined;
    try {
      next = await this.deps.repo.nextAttemptAt(now);
    } catch (err) {
      // The store is unreachable (e.g. PostgreSQL down): look again shortly, so the runs left due
      // resume once it is back instead of waiting for the next cron slot.
      this.deps.logger.warn({ err, retryInMs: STORE_RETRY_MS }, 'digest: store unavailable; will retry');
      next = new Date(now.getTime() + STORE_RETRY_MS);
    }
    if (!next) return;
    // At least a second apart: a row that is due but waits behind another replica's run must not spin the loop.
    const delay = Math.min(Math.max(MIN_WAKE_MS, next.getTime() - now.getTime()), 2 ** 31 - 1);
    this.retryTimer = setTimeout(() => void this.track(this.drain()), delay);
    this.retryTimer.unref();
  }

  private track<T>(p: Promise<T>): Promise<T> {
    const guarded = p.catch((err) => {
      this.deps.logger.error({ err }, 'digest scheduling failed');
    }) as Promise<T>;
    this.inFlight.add(guarded);
    void guarded.finally(() => this.inFlight.delete(guarded));
    return guarded;
  }

  /** Stops firing; waits for digest posts in flight (graceful shutdown). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    for (const task of this.jobs.values()) await task.destroy();
    this.jobs.clear();
    await Promise.allSettled([...this.inFlight]);
  }
}
