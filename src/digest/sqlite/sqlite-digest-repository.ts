import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { ChannelRef } from '../../core/invocation.js';
import type { SubscriptionFilter, SubscriptionInput } from '../../core/services.js';
import { filterJson } from '../subscription-filter.js';
import {
  POINT_MEMORY_DAYS,
  type DigestRepository,
  type LedgerRow,
  type NewRun,
  type RunState,
  type StoredSubscription,
} from '../types.js';
import type { PostedPoint } from '../../briefing/compose-stories.js';
import type { Point } from '../../briefing/key-points.js';
import { runMigrations, type Migration } from '../../store/migrations.js';
import { StatementCache } from '../../store/sqlite/statement-cache.js';
import { DIGEST_COMPONENT, DIGEST_MIGRATIONS } from './migrations.js';

/** What the shared SQLite store offers the digest component (see src/store/sqlite). */
export interface SqliteHost {
  db: Database.Database;
  migrate?(component: string, migrations: readonly Migration[]): unknown;
}

interface SubRow {
  id: string;
  platform: string;
  channel_id: string;
  name: string;
  workspace: string | null;
  schedule: string;
  timezone: string;
  filter: string | null;
  topic: string | null;
  quiet: number;
  created_by: string;
  created_at: string;
  updated_at: string;
  schedule_from: string;
  watermark: string | null;
  last_error: string | null;
}

interface RunRow {
  id: number;
  subscription_id: string;
  scheduled_for: string;
  kind: string;
  state: string;
  attempts: number;
  next_attempt_at: string | null;
  last_error: string | null;
  message_id: string | null;
  covers_to: string;
  claimed_by: string | null;
  lease_until: string | null;
  created_at: string;
  updated_at: string;
}

const opt = <T>(v: T | null): T | undefined => (v === null ? undefined : v);

function toSubscription(r: SubRow): StoredSubscription {
  return {
    id: r.id,
    channel: {
      platform: r.platform as ChannelRef['platform'],
      id: r.channel_id,
      ...(r.workspace ? { workspace: r.workspace } : {}),
    },
    ...(r.name ? { name: r.name } : {}),
    ...(r.filter ? { filter: JSON.parse(r.filter) as SubscriptionFilter } : {}),
    schedule: r.schedule,
    timezone: r.timezone,
    topic: opt(r.topic),
    quiet: r.quiet === 1,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    scheduleFrom: r.schedule_from,
    watermark: opt(r.watermark),
    lastError: opt(r.last_error),
  };
}

function toRun(r: RunRow): LedgerRow {
  return {
    id: r.id,
    subscriptionId: r.subscription_id,
    scheduledFor: r.scheduled_for,
    kind: r.kind as LedgerRow['kind'],
    state: r.state as RunState,
    attempts: r.attempts,
    nextAttemptAt: opt(r.next_attempt_at),
    lastError: opt(r.last_error),
    messageId: opt(r.message_id),
    coversTo: r.covers_to,
    claimedBy: opt(r.claimed_by),
    leaseUntil: opt(r.lease_until),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** The digest repository on SQLite (better-sqlite3): single writer, transactions via BEGIN IMMEDIATE. */
export class SqliteDigestRepository implements DigestRepository {
  /** Prepared once per SQL text: preparing is a large share of a ledger call's cost at a 1,000-channel fan-out. */
  private readonly statements: StatementCache;

  private constructor(private readonly db: Database.Database) {
    this.statements = new StatementCache(db);
  }

  private stmt(sql: string): Database.Statement {
    return this.statements.get(sql);
  }

  /** Runs the digest migrations (through the store's migrator when it has one) and returns the repository. */
  static async open(host: SqliteHost): Promise<SqliteDigestRepository> {
    if (host.migrate) await host.migrate(DIGEST_COMPONENT, DIGEST_MIGRATIONS);
    else runMigrations(host.db, DIGEST_COMPONENT, DIGEST_MIGRATIONS);
    host.db.pragma('foreign_keys = ON');
    return new SqliteDigestRepository(host.db);
  }

  async upsertSubscription(
    input: SubscriptionInput,
    now: Date,
  ): Promise<{ subscription: StoredSubscription; created: boolean }> {
    const at = now.toISOString();
    return this.db
      .transaction(() => {
        const name = input.name ?? '';
        const existing = this.stmt(
          'SELECT * FROM digest_subscriptions WHERE platform = ? AND channel_id = ? AND name = ?',
        ).get(input.channel.platform, input.channel.id, name) as SubRow | undefined;
        if (existing) {
          // A changed schedule starts counting slots from now, so an edit never triggers old slots.
          const scheduleChanged = existing.schedule !== input.schedule || existing.timezone !== input.timezone;
          this.stmt(`UPDATE digest_subscriptions SET schedule = ?, timezone = ?, topic = ?, filter = ?, quiet = ?, workspace = COALESCE(?, workspace),
          updated_at = ?, schedule_from = ? WHERE id = ?`).run(
            input.schedule,
            input.timezone,
            input.topic ?? null,
            filterJson(input.filter),
            input.quiet ? 1 : 0,
            input.channel.workspace ?? null,
            at,
            scheduleChanged ? at : existing.schedule_from,
            existing.id,
          );
          return { subscription: this.subById(existing.id)!, created: false };
        }
        const id = randomUUID();
        this.stmt(`INSERT INTO digest_subscriptions (id, platform, channel_id, name, workspace, schedule, timezone, topic, filter, quiet, created_by,
        created_at, updated_at, schedule_from) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
          id,
          input.channel.platform,
          input.channel.id,
          name,
          input.channel.workspace ?? null,
          input.schedule,
          input.timezone,
          input.topic ?? null,
          filterJson(input.filter),
          input.quiet ? 1 : 0,
          input.createdBy,
          at,
          at,
          at,
        );
        return { subscription: this.subById(id)!, created: true };
      })
      .immediate();
  }

  private subById(id: string): StoredSubscription | undefined {
    const r = this.stmt('SELECT * FROM digest_subscriptions WHERE id = ?').get(id) as SubRow | undefined;
    return r && toSubscription(r);
  }

  async findSubscription(channel: ChannelRef, name = ''): Promise<StoredSubscription | undefined> {
    const r = this.stmt('SELECT * FROM digest_subscriptions WHERE platform = ? AND channel_id = ? AND name = ?').get(
      channel.platform,
      channel.id,
      name,
    ) as SubRow | undefined;
    return r && toSubscription(r);
  }

  async channelSubscriptions(channel: ChannelRef): Promise<StoredSubscription[]> {
    return (
      this.stmt('SELECT * FROM digest_subscriptions WHERE platform = ? AND channel_id = ? ORDER BY name').all(
        channel.platform,
        channel.id,
      ) as SubRow[]
    ).map(toSubscription);
  }

  async getSubscription(id: string): Promise<StoredSubscription | undefined> {
    return this.subById(id);
  }

  async listSubscriptions(): Promise<StoredSubscription[]> {
    return (this.stmt('SELECT * FROM digest_subscriptions ORDER BY platform, channel_id, name').all() as SubRow[]).map(
      toSubscription,
    );
  }

  async deleteSubscription(channel: ChannelRef, name = ''): Promise<StoredSubscription | undefined> {
    return this.db
      .transaction(() => {
        const r = this.stmt(
          'SELECT * FROM digest_subscriptions WHERE platform = ? AND channel_id = ? AND name = ?',
        ).get(channel.platform, channel.id, name) as SubRow | undefined;
        if (!r) return undefined;
        this.stmt('DELETE FROM digest_runs WHERE subscription_id = ?').run(r.id);
        this.stmt('DELETE FROM digest_subscriptions WHERE id = ?').run(r.id);
        return toSubscription(r);
      })
      .immediate();
  }

  async setSubscriptionError(id: string, error: string | null, now: Date): Promise<void> {
    this.stmt('UPDATE digest_subscriptions SET last_error = ?, updated_at = ? WHERE id = ?').run(
      error,
      now.toISOString(),
      id,
    );
  }

  async insertRuns(rows: NewRun[], now: Date): Promise<number> {
    const at = now.toISOString();
    const stmt =
      this.stmt(`INSERT INTO digest_runs (subscription_id, scheduled_for, kind, state, covers_to, last_error, next_attempt_at, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (subscription_id, scheduled_for) DO NOTHING`);
    return this.db
      .transaction(() => {
        let n = 0;
        for (const r of rows) {
          n += stmt.run(
            r.subscriptionId,
            r.scheduledFor,
            r.kind,
            r.state,
            r.coversTo,
            r.lastError ?? null,
            r.nextAttemptAt ?? null,
            at,
            at,
          ).changes;
        }
        return n;
      })
      .immediate();
  }

  async latestSlot(subscriptionId: string): Promise<string | undefined> {
    const r = this.stmt(
      `SELECT MAX(scheduled_for) AS s FROM digest_runs WHERE subscription_id = ? AND kind = 'schedule'`,
    ).get(subscriptionId) as { s: string | null };
    return opt(r.s);
  }

  async latestSlots(subscriptionIds: string[]): Promise<Map<string, string>> {
    const rows = this.stmt(`SELECT subscription_id AS id, MAX(scheduled_for) AS s FROM digest_runs
      WHERE kind = 'schedule' AND subscription_id IN (SELECT value FROM json_each(?)) GROUP BY subscription_id`).all(
      JSON.stringify(subscriptionIds),
    ) as { id: string; s: string }[];
    return new Map(rows.map((r) => [r.id, r.s]));
  }

  async activeRuns(subscriptionId: string): Promise<LedgerRow[]> {
    const rows = this.stmt(
      `SELECT * FROM digest_runs WHERE subscription_id = ? AND state IN ('claimed','posting') ORDER BY scheduled_for`,
    ).all(subscriptionId) as RunRow[];
    return rows.map(toRun);
  }

  async recentRuns(subscriptionId: string, limit: number): Promise<LedgerRow[]> {
    const rows = this.stmt(
      'SELECT * FROM digest_runs WHERE subscription_id = ? ORDER BY scheduled_for DESC LIMIT ?',
    ).all(subscriptionId, limit) as RunRow[];
    return rows.map(toRun);
  }

  async getRun(id: number): Promise<LedgerRow | undefined> {
    const r = this.stmt('SELECT * FROM digest_runs WHERE id = ?').get(id) as RunRow | undefined;
    return r && toRun(r);
  }

  async leaseDue(owner: string, now: Date, leaseMs: number, limit: number, platform?: string): Promise<LedgerRow[]> {
    const at = now.toISOString();
    const until = new Date(now.getTime() + leaseMs).toISOString();
    return this.db
      .transaction(() => {
        const rows = this.stmt(`SELECT r.id FROM digest_runs r
        WHERE r.state IN ('claimed','posting')
          AND (@platform IS NULL OR r.subscription_id IN (SELECT id FROM digest_subscriptions WHERE platform = @platform))
          AND (r.lease_until IS NULL OR r.lease_until <= @at)
          AND (r.state = 'posting' OR r.next_attempt_at IS NULL OR r.next_attempt_at <= @at)
          AND NOT EXISTS (SELECT 1 FROM digest_runs o WHERE o.subscription_id = r.subscription_id
                          AND o.state IN ('claimed','posting') AND o.scheduled_for < r.scheduled_for)
        ORDER BY COALESCE(r.next_attempt_at, r.scheduled_for), r.id LIMIT @limit`).all({
          at,
          limit,
          platform: platform ?? null,
        }) as { id: number }[];
        const take = this.stmt('UPDATE digest_runs SET claimed_by = ?, lease_until = ?, updated_at = ? WHERE id = ?');
        const get = this.stmt('SELECT * FROM digest_runs WHERE id = ?');
        return rows.map(({ id }) => {
          take.run(owner, until, at, id);
          return toRun(get.get(id) as RunRow);
        });
      })
      .immediate();
  }

  async platforms(): Promise<string[]> {
    return (
      this.stmt('SELECT DISTINCT platform FROM digest_subscriptions ORDER BY platform').all() as { platform: string }[]
    ).map((r) => r.platform);
  }

  async markPosting(id: number, owner: string, now: Date): Promise<boolean> {
    const r = this.stmt(`UPDATE digest_runs SET state = 'posting', attempts = attempts + 1, updated_at = ?
      WHERE id = ? AND claimed_by = ? AND state IN ('claimed','posting')`).run(now.toISOString(), id, owner);
    return r.changes === 1;
  }

  async markPosted(
    id: number,
    owner: string,
    messageId: string | undefined,
    now: Date,
    points: readonly Point[] = [],
  ): Promise<boolean> {
    const at = now.toISOString();
    return this.db
      .transaction(() => {
        const r =
          this.stmt(`UPDATE digest_runs SET state = 'posted', message_id = ?, last_error = NULL, next_attempt_at = NULL,
        claimed_by = NULL, lease_until = NULL, updated_at = ? WHERE id = ? AND claimed_by = ? AND state IN ('claimed','posting')`).run(
            messageId ?? null,
            at,
            id,
            owner,
          );
        if (r.changes !== 1) return false;
        this.stmt(`UPDATE digest_subscriptions SET last_error = NULL,
        watermark = (SELECT CASE WHEN s.watermark IS NULL OR s.watermark < d.covers_to THEN d.covers_to ELSE s.watermark END
                     FROM digest_subscriptions s, digest_runs d WHERE s.id = digest_subscriptions.id AND d.id = ?)
        WHERE id = (SELECT subscription_id FROM digest_runs WHERE id = ?)`).run(id, id);
        this.rememberPoints(id, points, now);
        return true;
      })
      .immediate();
  }

  private rememberPoints(runId: number, points: readonly Point[], now: Date): void {
    const channel = this.stmt(
      `SELECT s.platform, s.channel_id FROM digest_runs d JOIN digest_subscriptions s ON s.id = d.subscription_id WHERE d.id = ?`,
    ).get(runId) as { platform: string; channel_id: string } | undefined;
    if (!channel) return;
    const cutoff = new Date(now.getTime() - POINT_MEMORY_DAYS * 86_400_000).toISOString();
    this.stmt('DELETE FROM digest_points WHERE platform = ? AND channel_id = ? AND posted_at < ?').run(
      channel.platform,
      channel.channel_id,
      cutoff,
    );
    const insert =
      this.stmt(`INSERT INTO digest_points (platform, channel_id, article_id, sentence_idx, text, run_id, posted_at)
      VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET run_id = excluded.run_id, posted_at = excluded.posted_at`);
    for (const p of points)
      insert.run(channel.platform, channel.channel_id, p.articleId, p.idx, p.text, runId, now.toISOString());
  }

  async postedPoints(channel: ChannelRef, articleIds: readonly string[]): Promise<PostedPoint[]> {
    if (!articleIds.length) return [];
    const rows = this.stmt(`SELECT article_id, sentence_idx, text, posted_at FROM digest_points
      WHERE platform = ? AND channel_id = ? AND article_id IN (SELECT value FROM json_each(?)) ORDER BY posted_at, article_id, sentence_idx`).all(
      channel.platform,
      channel.id,
      JSON.stringify(articleIds),
    ) as { article_id: string; sentence_idx: number; text: string; posted_at: string }[];
    return rows.map((r) => ({ articleId: r.article_id, idx: r.sentence_idx, text: r.text, postedAt: r.posted_at }));
  }

  async markRetry(id: number, owner: string, error: string, nextAttemptAt: Date, now: Date): Promise<boolean> {
    const r =
      this.stmt(`UPDATE digest_runs SET state = 'claimed', last_error = ?, next_attempt_at = ?, claimed_by = NULL, lease_until = NULL,
      updated_at = ? WHERE id = ? AND claimed_by = ? AND state IN ('claimed','posting')`).run(
        error,
        nextAttemptAt.toISOString(),
        now.toISOString(),
        id,
        owner,
      );
    return r.changes === 1;
  }

  async markEnded(id: number, owner: string, state: 'failed' | 'skipped', reason: string, now: Date): Promise<boolean> {
    const r =
      this.stmt(`UPDATE digest_runs SET state = ?, last_error = ?, next_attempt_at = NULL, claimed_by = NULL, lease_until = NULL,
      updated_at = ? WHERE id = ? AND claimed_by = ? AND state IN ('claimed','posting')`).run(
        state,
        reason,
        now.toISOString(),
        id,
        owner,
      );
    return r.changes === 1;
  }

  async breakLeases(): Promise<number> {
    return this.stmt(
      `UPDATE digest_runs SET claimed_by = NULL, lease_until = NULL WHERE state IN ('claimed','posting') AND claimed_by IS NOT NULL`,
    ).run().changes;
  }

  async nextAttemptAt(now: Date): Promise<Date | undefined> {
    const r =
      this.stmt(`SELECT MIN(CASE WHEN lease_until > @now THEN lease_until ELSE COALESCE(next_attempt_at, scheduled_for) END) AS t
      FROM digest_runs WHERE state IN ('claimed','posting')`).get({ now: now.toISOString() }) as { t: string | null };
    return r.t ? new Date(r.t) : undefined;
  }
}
