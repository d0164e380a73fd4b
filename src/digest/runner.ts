import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { DeliveryError } from '../adapters/delivery-error.js';
import type { Reply } from '../core/reply.js';
import type { AdapterRegistry } from './adapter-registry.js';
import type { DigestArticleSource } from './article-source.js';
import { DEFAULT_RETRY, retryDelayMs, type RetryPolicy } from './backoff.js';
import type { Platform } from '../core/invocation.js';
import { composeDigest, type ComposedDigest } from './compose.js';
import type { HeadlineWriter } from '../briefing/headlines.js';
import { planSubscription, sharedSlots } from './plan.js';
import type { DigestRepository, LedgerRow, NewRun, StoredSubscription } from './types.js';

export interface DigestRunnerConfig {
  /** Missed slots younger than this are posted once on start (default 6 h). */
  graceMs: number;
  missedHorizonMs: number;
  /** How long a claimed row is ours before another process (replica, restart) may take it. */
  leaseMs: number;
  /** A post that takes longer is treated as a timeout (outcome unknown: the marker is checked before retrying). */
  postTimeoutMs: number;
  /**
   * Posts in flight at once per platform; one slow or failing channel never blocks the others, and
   * each platform drains in its own lane, so one waiting out its rate limit never holds up another.
   */
  concurrency: number;
  /** A first digest (no watermark yet) covers this much before its cutoff. */
  firstDigestLookbackMs: number;
  retry: RetryPolicy;
}

export const DEFAULT_RUNNER_CONFIG: DigestRunnerConfig = {
  graceMs: 6 * 3_600_000,
  missedHorizonMs: 7 * 86_400_000,
  leaseMs: 120_000,
  postTimeoutMs: 30_000,
  concurrency: 4,
  firstDigestLookbackMs: 86_400_000,
  retry: DEFAULT_RETRY,
};

export interface DigestRunnerDeps {
  repo: DigestRepository;
  adapters: AdapterRegistry;
  source: DigestArticleSource;
  clock: () => Date;
  logger: Logger;
  config?: Partial<DigestRunnerConfig>;
  /** Identifies this process in leases (claimed_by). */
  instanceId?: string;
  /** Called after each run attempt ends (metrics: digest runs by state). */
  onOutcome?: (event: { subscriptionId: string; state: string; attempts: number }) => void;
  /** Writes the shown stories' headlines (the LLM path); without it they are the central titles. */
  headlines?: HeadlineWriter;
}

/** The outcome of one leased row. */
export interface RunOutcome {
  runId: number;
  subscriptionId: string;
  state: 'posted' | 'retry' | 'failed' | 'skipped' | 'lost-lease';
  messageId?: string;
  error?: string;
  /** True when the post was found in channel history instead of being sent again. */
  recovered?: boolean;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

const describe = (e: unknown) =>
  e instanceof DeliveryError ? `${e.code}: ${e.message}` : e instanceof Error ? e.message : String(e);

/** Marker put into a digest so a restart can find it in channel history: one per run. */
export const runMarker = (subscriptionId: string, scheduledFor: string) =>
  `briefbot-digest:${subscriptionId}:${scheduledFor}`;

/**
 * Turns due schedule slots into ledger rows and delivers them exactly once in effect: a row is
 * leased, marked 'posting' before the platform call, and marked 'posted' together with the
 * watermark after it. A row found in 'posting' (a crash or timeout mid-post) is first looked up in
 * channel history by its marker where the adapter can, and only reposted when absent.
 */
export class DigestRunner {
  readonly config: DigestRunnerConfig;
  readonly instanceId: string;
  private draining?: Promise<RunOutcome[]>;
  private drainAgain = false;
  /** Set by `digest run --at` a moment ahead of the clock: rows due by then count as due. */
  private asOf?: Date;

  constructor(private readonly deps: DigestRunnerDeps) {
    this.config = {
      ...DEFAULT_RUNNER_CONFIG,
      ...deps.config,
      retry: { ...DEFAULT_RUNNER_CONFIG.retry, ...deps.config?.retry },
    };
    this.instanceId = deps.instanceId ?? `digest-${randomUUID()}`;
  }

  /** The rows due at `at` for the given subscriptions (all when omitted), without writing them. */
  async plan(at: Date, subscriptions?: StoredSubscription[]): Promise<{ sub: StoredSubscription; rows: NewRun[] }[]> {
    const subs = subscriptions ?? (await this.deps.repo.listSubscriptions());
    if (!subs.length) return [];
    const latestSlots = await this.deps.repo.latestSlots(subs.map((s) => s.id));
    const slots = sharedSlots(at, this.config);
    const out: { sub: StoredSubscription; rows: NewRun[] }[] = [];
    for (const sub of subs) {
      const latest = latestSlots.get(sub.id);
      const cursor = latest && latest > sub.scheduleFrom ? latest : sub.scheduleFrom;
      const rows = planSubscription(sub, cursor, at, this.config, slots);
      if (rows.length) out.push({ sub, rows });
    }
    return out;
  }

  /** Records the rows due at `at` (missed, collapsed and claimed); returns how many were new. */
  async reconcile(at: Date, subscriptions?: StoredSubscription[]): Promise<number> {
    return this.record(await this.plan(at, subscriptions));
  }

  /**
   * Writes planned rows to the ledger in one insert (rows already there are left as they are);
   * returns how many were new.
   */
  async record(planned: { rows: NewRun[] }[]): Promise<number> {
    const rows = planned.flatMap((p) => p.rows);
    return rows.length ? this.deps.repo.insertRuns(rows, this.deps.clock()) : 0;
  }

  /** Queues an immediate run for one subscription (/digest now) and delivers what is due. */
  async runNow(sub: StoredSubscription): Promise<RunOutcome | undefined> {
    const now = this.deps.clock();
    const iso = now.toISOString();
    await this.deps.repo.insertRuns(
      [{ subscriptionId: sub.id, scheduledFor: iso, kind: 'now', state: 'claimed', coversTo: iso, nextAttemptAt: iso }],
      now,
    );
    const outcomes = await this.drain();
    return outcomes.find((o) => o.subscriptionId === sub.id);
  }

  /**
   * Delivers every row that is due now, until none is left (retries wait for their time). Calls
   * made while a drain is running join it and trigger one more pass.
   */
  drain(asOf?: Date): Promise<RunOutcome[]> {
    if (asOf && asOf > this.deps.clock()) this.asOf = asOf;
    if (this.draining) {
      this.drainAgain = true;
      return this.draining;
    }
    this.draining = (async () => {
      const all: RunOutcome[] = [];
      try {
        do {
          this.drainAgain = false;
          all.push(...(await this.drainOnce()));
        } while (this.drainAgain);
      } finally {
        this.draining = undefined;
        this.asOf = undefined;
      }
      return all;
    })();
    return this.draining;
  }

  /**
   * One pass over what is due: a lane per platform, each leasing and delivering its own channels'
   * rows, so a platform whose posts wait out its rate limit leaves the others' lanes running.
   */
  private async drainOnce(): Promise<RunOutcome[]> {
    const outcomes: RunOutcome[] = [];
    const lanes = { failed: false };
    const platforms = await this.deps.repo.platforms();
    const settled = await Promise.allSettled(platforms.map((platform) => this.drainLane(platform, outcomes, lanes)));
    const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    return outcomes;
  }

  private async drainLane(platform: string, outcomes: RunOutcome[], lanes: { failed: boolean }): Promise<void> {
    try {
      // A lane stops leasing once another has failed (the store is likely down); drain() rejects when all have stopped.
      while (!lanes.failed) {
        const now = this.deps.clock();
        const rows = await this.deps.repo.leaseDue(
          this.instanceId,
          this.asOf && this.asOf > now ? this.asOf : now,
          this.config.leaseMs,
          this.config.concurrency * 4,
          platform,
        );
        if (!rows.length) return;
        let next = 0;
        const worker = async () => {
          while (next < rows.length) {
            const row = rows[next++];
            outcomes.push(await this.deliver(row));
            // A delivery that never waits on I/O (an adapter with tokens to spare, a reused summary)
            // runs entirely in microtasks; yield so timers and I/O are served between rows: another
            // lane's rate-limit wait ending, and the bot's own messages during a large fan-out.
            await yieldToEventLoop();
          }
        };
        // allSettled, not all: when the store fails mid-batch, every worker must have stopped before
        // drain() rejects, or a later drain (same instance id) could post a row an old worker still holds.
        const settled = await Promise.allSettled(
          Array.from({ length: Math.min(this.config.concurrency, rows.length) }, worker),
        );
        const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
        if (failed) throw failed.reason;
      }
    } catch (e) {
      lanes.failed = true;
      throw e;
    }
  }

  /**
   * The digest a run would post: articles changed since the watermark up to the run's cutoff, by
   * story, fitted to the platform it goes to (the subscription's, unless `platform` says otherwise).
   */
  async compose(
    sub: StoredSubscription,
    coversTo: string,
    opts: { topic?: string; platform?: Platform } = {},
  ): Promise<Reply | null> {
    return (await this.composeRun(sub, coversTo, opts)).reply;
  }

  /** compose() with the points it shows, which the ledger remembers for the channel once posted. */
  private async composeRun(
    sub: StoredSubscription,
    coversTo: string,
    opts: { topic?: string; platform?: Platform } = {},
  ): Promise<ComposedDigest> {
    const from =
      sub.watermark ?? new Date(new Date(coversTo).getTime() - this.config.firstDigestLookbackMs).toISOString();
    const topic = opts.topic ?? sub.topic;
    const digest = await this.deps.source.changedArticles({ topic, filter: sub.filter, from, to: coversTo });
    const posted = await this.deps.repo.postedPoints(
      sub.channel,
      digest.stories.flatMap((s) => s.articles.map((a) => a.id)),
    );
    return composeDigest({
      clock: () => new Date(coversTo),
      subscription: { ...sub, topic },
      window: { from: sub.watermark ?? from, to: coversTo },
      digest,
      sentences: (meta) => this.deps.source.sentences(meta),
      posted,
      platform: opts.platform ?? sub.channel.platform,
      headlines: this.deps.headlines,
    });
  }

  private async deliver(row: LedgerRow): Promise<RunOutcome> {
    const { repo, clock, logger } = this.deps;
    const base = { runId: row.id, subscriptionId: row.subscriptionId };
    const started = performance.now();
    let platform: string | undefined;
    const finish = (o: RunOutcome): RunOutcome => {
      logger.info(
        {
          digestRun: row.id,
          platform,
          subscription: row.subscriptionId,
          slot: row.scheduledFor,
          outcome: o.state,
          attempts: row.attempts,
          ms: Math.round(performance.now() - started),
          error: o.error,
        },
        'digest run',
      );
      this.deps.onOutcome?.({ subscriptionId: row.subscriptionId, state: o.state, attempts: row.attempts });
      return o;
    };
    const sub = await repo.getSubscription(row.subscriptionId);
    if (!sub) return finish({ ...base, state: 'skipped', error: 'unsubscribed' });
    platform = sub.channel.platform;
    const adapter = this.deps.adapters.get(sub.channel.platform);
    const marker = runMarker(sub.id, row.scheduledFor);
    try {
      // Counted before anything can fail, so every failure uses up an attempt and retries end.
      if (!(await repo.markPosting(row.id, this.instanceId, clock()))) return finish({ ...base, state: 'lost-lease' });
      if (!adapter) throw new DeliveryError('no_adapter', `no ${sub.channel.platform} adapter is running`, false);
      // An earlier attempt may have reached the platform (crash or timeout mid-post): look before reposting.
      if ((row.state === 'posting' || row.attempts > 0) && adapter.findMarker) {
        const found = await adapter.findMarker(sub.channel, marker);
        if (found !== undefined) {
          // The post was made but not recorded: compose it again (same window, same memory) to remember its points.
          const points = await this.composeRun(sub, row.coversTo).then(
            (c) => c.points,
            () => [],
          );
          const ok = await repo.markPosted(row.id, this.instanceId, found, clock(), points);
          return finish({ ...base, state: ok ? 'posted' : 'lost-lease', messageId: found, recovered: true });
        }
      }
      const { reply, points } = await this.composeRun(sub, row.coversTo);
      if (!reply) {
        const ok = await repo.markEnded(
          row.id,
          this.instanceId,
          'skipped',
          'nothing new (quiet subscription)',
          clock(),
        );
        return finish({ ...base, state: ok ? 'skipped' : 'lost-lease' });
      }
      const delivery = await this.withTimeout(adapter.post(sub.channel, reply, { marker }));
      const ok = await repo.markPosted(row.id, this.instanceId, delivery.messageId, clock(), points);
      return finish({ ...base, state: ok ? 'posted' : 'lost-lease', messageId: delivery.messageId });
    } catch (e) {
      return finish(await this.recordFailure(row, sub, e));
    }
  }

  private async recordFailure(row: LedgerRow, sub: StoredSubscription, e: unknown): Promise<RunOutcome> {
    const { repo, clock } = this.deps;
    const base = { runId: row.id, subscriptionId: row.subscriptionId };
    const error = describe(e);
    const now = clock();
    if (e instanceof DeliveryError && e.permanent) {
      await repo.setSubscriptionError(sub.id, `${e.code}: ${e.message}`, now);
      const ok = await repo.markEnded(row.id, this.instanceId, 'failed', error, now);
      return { ...base, state: ok ? 'failed' : 'lost-lease', error };
    }
    const fresh = await repo.getRun(row.id);
    const attempts = Math.max(fresh?.attempts ?? row.attempts, 1);
    if (attempts >= this.config.retry.maxAttempts) {
      const ok = await repo.markEnded(
        row.id,
        this.instanceId,
        'failed',
        `gave up after ${attempts} attempts: ${error}`,
        now,
      );
      return { ...base, state: ok ? 'failed' : 'lost-lease', error };
    }
    const retryAfter = e instanceof DeliveryError ? e.retryAfterMs : undefined;
    const at = new Date(now.getTime() + retryDelayMs(this.config.retry, attempts, retryAfter));
    const ok = await repo.markRetry(row.id, this.instanceId, error, at, now);
    return { ...base, state: ok ? 'retry' : 'lost-lease', error };
  }

  private withTimeout<T>(p: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new DeliveryError('timeout', `no answer from the platform within ${this.config.postTimeoutMs} ms`, false),
          ),
        this.config.postTimeoutMs,
      );
    });
    return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
  }
}
