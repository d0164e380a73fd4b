import type { ChannelRef } from '../core/invocation.js';
import type { Subscription, SubscriptionInput } from '../core/services.js';
import type { PostedPoint } from '../briefing/compose-stories.js';
import type { Point } from '../briefing/key-points.js';

/**
 * How long a channel's posted points are remembered: twice the longest gap between two articles
 * of one story (src/stories/params.ts storyGapDays), after which no new article can join it.
 */
export const POINT_MEMORY_DAYS = 60;

/**
 * Life of one scheduled run in the delivery ledger.
 * - claimed: due; waiting for its (next) attempt — `next_attempt_at` says when.
 * - posting: an attempt was started; whether the platform got it is unknown until resolved.
 * - posted: the platform accepted it (message id recorded, watermark moved in the same transaction).
 * - failed: retries exhausted or a permanent error; the next run covers its articles.
 * - missed: the bot was down longer than the grace window; the next digest covers the interval.
 * - skipped: collapsed into a later run, superseded by one, or quiet with nothing new.
 */
export type RunState = 'claimed' | 'posting' | 'posted' | 'failed' | 'missed' | 'skipped';

export const ACTIVE_STATES: readonly RunState[] = ['claimed', 'posting'];

/** One row of the delivery ledger; unique on (subscriptionId, scheduledFor). */
export interface LedgerRow {
  id: number;
  subscriptionId: string;
  /** ISO instant of the cron slot this run belongs to. */
  scheduledFor: string;
  /** 'schedule' for cron slots, 'now' for /digest now. */
  kind: 'schedule' | 'now';
  state: RunState;
  attempts: number;
  nextAttemptAt?: string;
  lastError?: string;
  messageId?: string;
  /** Articles changed up to this instant are covered; fixed when the row is created. */
  coversTo: string;
  claimedBy?: string;
  leaseUntil?: string;
  createdAt: string;
  updatedAt: string;
}

export interface NewRun {
  subscriptionId: string;
  scheduledFor: string;
  kind: LedgerRow['kind'];
  state: RunState;
  coversTo: string;
  lastError?: string;
  nextAttemptAt?: string;
}

/** A subscription as stored: the service-level record plus scheduling bookkeeping. */
export interface StoredSubscription extends Subscription {
  updatedAt: string;
  /** Slots at or before this instant are never run (set when the schedule is created or changed). */
  scheduleFrom: string;
}

/**
 * Subscriptions, the delivery ledger and watermarks. Async so a PostgreSQL implementation (row
 * locks + leases shared by replicas) can stand beside the SQLite one; the runner only sees this.
 */
export interface DigestRepository {
  /** Creates or updates the channel's subscription of that name (a channel may hold several, named apart). */
  upsertSubscription(
    input: SubscriptionInput,
    now: Date,
  ): Promise<{ subscription: StoredSubscription; created: boolean }>;
  /** The channel's subscription of that name ('' when omitted: the unnamed one). */
  findSubscription(channel: ChannelRef, name?: string): Promise<StoredSubscription | undefined>;
  /** Every subscription of one channel, by name. */
  channelSubscriptions(channel: ChannelRef): Promise<StoredSubscription[]>;
  getSubscription(id: string): Promise<StoredSubscription | undefined>;
  listSubscriptions(): Promise<StoredSubscription[]>;
  /** Removes the subscription of that name (its ledger rows go with it); returns what was removed. */
  deleteSubscription(channel: ChannelRef, name?: string): Promise<StoredSubscription | undefined>;
  setSubscriptionError(id: string, error: string | null, now: Date): Promise<void>;

  /** Inserts rows, ignoring ones whose (subscription, slot) already exists; returns how many were new. */
  insertRuns(rows: NewRun[], now: Date): Promise<number>;
  /** The latest slot recorded for a subscription (any state, kind 'schedule'). */
  latestSlot(subscriptionId: string): Promise<string | undefined>;
  /** latestSlot of many subscriptions in one read (those with no slot yet are absent). */
  latestSlots(subscriptionIds: string[]): Promise<Map<string, string>>;
  /** Active rows (claimed/posting) of a subscription, oldest first. */
  activeRuns(subscriptionId: string): Promise<LedgerRow[]>;
  /** Recent rows of a subscription, newest first. */
  recentRuns(subscriptionId: string, limit: number): Promise<LedgerRow[]>;
  getRun(id: number): Promise<LedgerRow | undefined>;

  /**
   * Takes a lease on up to `limit` rows that are due (claimed with next_attempt_at <= now, or
   * posting), unleased or with an expired lease, and the oldest active row of their subscription;
   * with `platform`, only rows of that platform's channels.
   */
  leaseDue(owner: string, now: Date, leaseMs: number, limit: number, platform?: string): Promise<LedgerRow[]>;
  /** The platforms that have subscriptions (each drains in its own lane). */
  platforms(): Promise<string[]>;
  /** Marks an attempt as started (attempts + 1); false when the lease was lost. */
  markPosting(id: number, owner: string, now: Date): Promise<boolean>;
  /**
   * Marks the row posted and moves the watermark to its coversTo, in one transaction; the points
   * the digest showed are remembered for its channel in the same transaction.
   */
  markPosted(
    id: number,
    owner: string,
    messageId: string | undefined,
    now: Date,
    points?: readonly Point[],
  ): Promise<boolean>;
  /** Points posted to a channel in earlier digests, among these articles'. */
  postedPoints(channel: ChannelRef, articleIds: readonly string[]): Promise<PostedPoint[]>;
  /** Records a transient failure and when to try again; releases the lease. */
  markRetry(id: number, owner: string, error: string, nextAttemptAt: Date, now: Date): Promise<boolean>;
  /** Ends the row in failed/skipped with a reason; releases the lease. */
  markEnded(id: number, owner: string, state: 'failed' | 'skipped', reason: string, now: Date): Promise<boolean>;
  /** Expires every lease: a single-node store calls this on start, since the previous process is gone. */
  breakLeases(): Promise<number>;
  /**
   * When the runner should next look at the ledger: the earliest waiting retry, or the expiry of a
   * lease someone else holds (a dead replica's run becomes ours then).
   */
  nextAttemptAt(now: Date): Promise<Date | undefined>;
}
