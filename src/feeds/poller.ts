import { pollFeed, type PollDeps, type PollReport } from './poll-feed.js';
import type { Feed } from './types.js';

export interface PollerOptions extends Omit<PollDeps, 'signal'> {
  /** Polls running at once; requests are further limited by the gate (per host and overall). */
  workers: number;
  /** How long a leased feed is ours before another replica may take it. */
  leaseMs: number;
  /** SQLite: leases left by the previous process are broken on start, since it is gone. */
  singleNode: boolean;
  /** The longest sleep between looks at the table, so feeds added elsewhere (CLI, replicas) are seen. */
  maxSleepMs?: number;
  /** Called after each poll (metrics). */
  onPoll?: (report: PollReport, feed: Feed) => void;
}

/**
 * Polls due feeds: a pool of workers takes leased feeds from a queue and leases the next batch
 * when it runs dry, so one slow feed holds one worker (and its host), never the others. Between
 * passes it sleeps until the next feed is due (at most maxSleepMs). runDue() runs one pass and is
 * what tests call with a fake clock.
 */
export class FeedPoller {
  private timer?: NodeJS.Timeout;
  private running?: Promise<PollReport[]>;
  private again = false;
  private stopped = true;
  private readonly abort = new AbortController();

  constructor(private readonly opts: PollerOptions) {}

  async start(): Promise<void> {
    this.stopped = false;
    if (this.opts.singleNode) {
      const broken = await this.opts.repo.breakLeases();
      if (broken) this.opts.logger.info({ feeds: broken }, 'feeds: taking over polls left by the previous process');
    }
    this.wake();
  }

  /** Looks for due feeds now (after /feeds add). */
  wake(): void {
    if (!this.stopped) this.sleep(0);
  }

  /** Stops polling: requests in flight are aborted and nothing more is recorded. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.abort.abort();
    await this.running?.catch(() => undefined);
  }

  /** Polls every feed due now, until none is left; a call during a pass joins it and runs one more. */
  runDue(): Promise<PollReport[]> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      const all: PollReport[] = [];
      try {
        do {
          this.again = false;
          all.push(...(await this.pass()));
        } while (this.again && !this.abort.signal.aborted);
      } finally {
        this.running = undefined;
      }
      return all;
    })();
    return this.running;
  }

  private async pass(): Promise<PollReport[]> {
    const { repo, clock, leaseMs, owner } = this.opts;
    const reports: PollReport[] = [];
    const queue: Feed[] = [];
    let exhausted = false;
    let leasing: Promise<void> | undefined;
    const refill = () =>
      (leasing ??= (async () => {
        const got = await repo.leaseDue(owner, clock(), leaseMs, this.opts.workers * 2);
        if (!got.length) exhausted = true;
        queue.push(...got);
      })().finally(() => (leasing = undefined)));
    const worker = async () => {
      while (!this.abort.signal.aborted) {
        while (!queue.length && !exhausted) await refill();
        const feed = queue.shift();
        if (!feed) return;
        const report = await pollFeed(feed, { ...this.opts, signal: this.abort.signal });
        reports.push(report);
        this.opts.onPoll?.(report, feed);
      }
    };
    // allSettled: when the table cannot be read, every worker has stopped before the pass fails.
    const settled = await Promise.allSettled(Array.from({ length: this.opts.workers }, worker));
    const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    return reports;
  }

  private sleep(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), ms);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    const maxSleep = this.opts.maxSleepMs ?? 30_000;
    let wait = maxSleep;
    try {
      await this.runDue();
      const next = await this.opts.repo.nextDueAt();
      if (next) wait = Math.min(maxSleep, Math.max(250, next.getTime() - this.opts.clock().getTime()));
    } catch (e) {
      this.opts.logger.warn({ err: e }, 'feeds: could not read the feed table; trying again shortly');
      wait = Math.min(maxSleep, 5_000);
    }
    if (!this.stopped) this.sleep(wait);
  }
}
