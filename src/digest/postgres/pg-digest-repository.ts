import { randomUUID } from 'node:crypto';
import type { ChannelRef } from '../../core/invocation.js';
import type { SubscriptionFilter, SubscriptionInput } from '../../core/services.js';
import { filterJson } from '../subscription-filter.js';
import type { Queryable } from '../../store/postgres/pg-database.js';
import type { PgMigration } from '../../store/postgres/pg-migrate.js';
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
import { PG_DIGEST_MIGRATIONS } from './pg-digest-migrations.js';

/** What the PostgreSQL store offers the digest component (src/store/postgres/postgres-store.ts). */
export interface PgHost {
  db: Queryable & { transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> };
  migrate(component: string, migrations: readonly PgMigration[]): Promise<unknown>;
  /** Settles once the database is reachable and the store's own tables exist. */
  ready?: Promise<void>;
}

type Row = Record<string, unknown>;
const iso = (v: unknown) =>
  v instanceof Date ? v.toISOString() : v === null || v === undefined ? undefined : new Date(String(v)).toISOString();
const str = (v: unknown) => (v === null || v === undefined ? undefined : String(v));

function toSubscription(r: Row): StoredSubscription {
  return {
    id: String(r.id),
    channel: {
      platform: r.platform as ChannelRef['platform'],
      id: String(r.channel_id),
      ...(r.workspace ? { workspace: String(r.workspace) } : {}),
    },
    ...(r.name ? { name: String(r.name) } : {}),
    ...(r.filter ? { filter: r.filter as SubscriptionFilter } : {}),
    schedule: String(r.schedule),
    timezone: String(r.timezone),
    topic: str(r.topic),
    quiet: r.quiet === true,
    createdBy: String(r.created_by),
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
    scheduleFrom: iso(r.schedule_from)!,
    watermark: iso(r.watermark),
    lastError: str(r.last_error),
  };
}

function toRun(r: Row): LedgerRow {
  return {
    id: Number(r.id),
    subscriptionId: String(r.subscription_id),
    scheduledFor: iso(r.scheduled_for)!,
    kind: r.kind as LedgerRow['kind'],
    state: r.state as RunState,
    attempts: Number(r.attempts),
    nextAttemptAt: iso(r.next_attempt_at),
    lastError: str(r.last_error),
    messageId: str(r.message_id),
    coversTo: iso(r.covers_to)!,
    claimedBy: str(r.claimed_by),
    leaseUntil: iso(r.lease_until),
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
  };
}

const ACTIVE = `state IN ('claimed','posting')`;

/**
 * The digest repository on PostgreSQL, shared by replicas: due rows are leased with
 * `FOR UPDATE SKIP LOCKED` plus a lease time, so each run has one poster at a time and a dead
 * replica's runs pass to another when its lease expires. Migrations run on first use, so
 * construction never waits for the database.
 */
export class PgDigestRepository implements DigestRepository {
  private readonly migrated: Promise<void>;

  constructor(private readonly host: PgHost) {
    this.migrated = (async () => {
      await host.ready;
      await host.migrate('digest', PG_DIGEST_MIGRATIONS);
    })();
    this.migrated.catch(() => undefined);
  }

  private async q(sql: string, params: unknown[] = []): Promise<Row[]> {
    await this.migrated;
    return (await this.host.db.query(sql, params)).rows;
  }

  /** One statement; returns how many rows it changed. */
  private async exec(sql: string, params: unknown[] = []): Promise<number> {
    await this.migrated;
    return (await this.host.db.query(sql, params)).rowCount ?? 0;
  }

  private async tx<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    await this.migrated;
    return this.host.db.transaction(fn);
  }

  async upsertSubscription(
    input: SubscriptionInput,
    now: Date,
  ): Promise<{ subscription: StoredSubscription; created: boolean }> {
    return this.tx(async (tx) => {
      // Replicas subscribing one channel at once queue here; otherwise both miss the UPDATE and one INSERT fails on the unique key.
      const name = input.name ?? '';
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
        `briefbot:digest-sub:${input.channel.platform}:${input.channel.id}:${name}`,
      ]);
      const filter = filterJson(input.filter);
      const params = [
        input.schedule,
        input.timezone,
        input.topic ?? null,
        input.quiet === true,
        input.channel.workspace ?? null,
        now,
        filter,
      ];
      const updated = await tx.query(
        `UPDATE digest_subscriptions SET
          schedule_from = CASE WHEN schedule <> $1 OR timezone <> $2 THEN $6 ELSE schedule_from END,
          schedule = $1, timezone = $2, topic = $3, quiet = $4, workspace = COALESCE($5, workspace), updated_at = $6, filter = $7::jsonb
        WHERE platform = $8 AND channel_id = $9 AND name = $10 RETURNING *`,
        [...params, input.channel.platform, input.channel.id, name],
      );
      if (updated.rows[0]) return { subscription: toSubscription(updated.rows[0]), created: false };
      const inserted = await tx.query(
        `INSERT INTO digest_subscriptions (id, platform, channel_id, name, workspace, schedule, timezone, topic, filter, quiet,
          created_by, created_at, updated_at, schedule_from) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11, $12, $12, $12) RETURNING *`,
        [
          randomUUID(),
          input.channel.platform,
          input.channel.id,
          name,
          input.channel.workspace ?? null,
          input.schedule,
          input.timezone,
          input.topic ?? null,
          filter,
          input.quiet === true,
          input.createdBy,
          now,
        ],
      );
      return { subscription: toSubscription(inserted.rows[0]), created: true };
    });
  }

  async findSubscription(channel: ChannelRef, name = ''): Promise<StoredSubscription | undefined> {
    const [r] = await this.q(
      'SELECT * FROM digest_subscriptions WHERE platform = $1 AND channel_id = $2 AND name = $3',
      [channel.platform, channel.id, name],
    );
    return r && toSubscription(r);
  }

  async channelSubscriptions(channel: ChannelRef): Promise<StoredSubscription[]> {
    return (
      await this.q('SELECT * FROM digest_subscriptions WHERE platform = $1 AND channel_id = $2 ORDER BY name', [
        channel.platform,
        channel.id,
      ])
    ).map(toSubscription);
  }

  async getSubscription(id: string): Promise<StoredSubscription | undefined> {
    const [r] = await this.q('SELECT * FROM digest_subscriptions WHERE id = $1', [id]);
    return r && toSubscription(r);
  }

  async listSubscriptions(): Promise<StoredSubscription[]> {
    return (await this.q('SELECT * FROM digest_subscriptions ORDER BY platform, channel_id, name')).map(toSubscription);
  }

  async deleteSubscription(channel: ChannelRef, name = ''): Promise<StoredSubscription | undefined> {
    const [r] = await this.q(
      'DELETE FROM digest_subscriptions WHERE platform = $1 AND channel_id = $2 AND name = $3 RETURNING *',
      [channel.platform, channel.id, name],
    );
    return r && toSubscription(r);
  }

  async setSubscriptionError(id: string, error: string | null, now: Date): Promise<void> {
    await this.exec('UPDATE digest_subscriptions SET last_error = $1, updated_at = $2 WHERE id = $3', [error, now, id]);
  }

  async insertRuns(rows: NewRun[], now: Date): Promise<number> {
    if (!rows.length) return 0;
    // One statement for the whole list (a fan-out inserts a row per channel): arrays unnested in
    // step. In key order, so replicas inserting overlapping lists at once take the unique-key locks
    // in the same order and never deadlock.
    return this.exec(
      `INSERT INTO digest_runs (subscription_id, scheduled_for, kind, state, covers_to, last_error, next_attempt_at, created_at, updated_at)
        SELECT r.subscription_id, r.scheduled_for, r.kind, r.state, r.covers_to, r.last_error, r.next_attempt_at, $8::timestamptz, $8::timestamptz
        FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[], $5::timestamptz[], $6::text[], $7::timestamptz[])
          AS r(subscription_id, scheduled_for, kind, state, covers_to, last_error, next_attempt_at)
        ORDER BY r.subscription_id, r.scheduled_for
      ON CONFLICT (subscription_id, scheduled_for) DO NOTHING`,
      [
        rows.map((r) => r.subscriptionId),
        rows.map((r) => r.scheduledFor),
        rows.map((r) => r.kind),
        rows.map((r) => r.state),
        rows.map((r) => r.coversTo),
        rows.map((r) => r.lastError ?? null),
        rows.map((r) => r.nextAttemptAt ?? null),
        now,
      ],
    );
  }

  async latestSlot(subscriptionId: string): Promise<string | undefined> {
    const [r] = await this.q(
      `SELECT max(scheduled_for) AS s FROM digest_runs WHERE subscription_id = $1 AND kind = 'schedule'`,
      [subscriptionId],
    );
    return iso(r?.s);
  }

  async latestSlots(subscriptionIds: string[]): Promise<Map<string, string>> {
    const rows = await this.q(
      `SELECT subscription_id, max(scheduled_for) AS s FROM digest_runs
      WHERE kind = 'schedule' AND subscription_id = ANY($1::text[]) GROUP BY subscription_id`,
      [subscriptionIds],
    );
    return new Map(rows.map((r) => [String(r.subscription_id), iso(r.s)!]));
  }

  async activeRuns(subscriptionId: string): Promise<LedgerRow[]> {
    return (
      await this.q(`SELECT * FROM digest_runs WHERE subscription_id = $1 AND ${ACTIVE} ORDER BY scheduled_for`, [
        subscriptionId,
      ])
    ).map(toRun);
  }

  async recentRuns(subscriptionId: string, limit: number): Promise<LedgerRow[]> {
    return (
      await this.q('SELECT * FROM digest_runs WHERE subscription_id = $1 ORDER BY scheduled_for DESC LIMIT $2', [
        subscriptionId,
        limit,
      ])
    ).map(toRun);
  }

  async getRun(id: number): Promise<LedgerRow | undefined> {
    const [r] = await this.q('SELECT * FROM digest_runs WHERE id = $1', [id]);
    return r && toRun(r);
  }

  async leaseDue(owner: string, now: Date, leaseMs: number, limit: number, platform?: string): Promise<LedgerRow[]> {
    const rows = await this.q(
      `WITH due AS (
        SELECT r.id FROM digest_runs r
        WHERE r.${ACTIVE}
          AND ($5::text IS NULL OR r.subscription_id IN (SELECT id FROM digest_subscriptions WHERE platform = $5))
          AND (r.lease_until IS NULL OR r.lease_until <= $1)
          AND (r.state = 'posting' OR r.next_attempt_at IS NULL OR r.next_attempt_at <= $1)
          AND NOT EXISTS (SELECT 1 FROM digest_runs o WHERE o.subscription_id = r.subscription_id
                          AND o.${ACTIVE} AND o.scheduled_for < r.scheduled_for)
        ORDER BY COALESCE(r.next_attempt_at, r.scheduled_for), r.id
        LIMIT $4
        FOR UPDATE SKIP LOCKED)
      UPDATE digest_runs d SET claimed_by = $2, lease_until = $3, updated_at = $1 FROM due WHERE d.id = due.id RETURNING d.*`,
      [now, owner, new Date(now.getTime() + leaseMs), limit, platform ?? null],
    );
    return rows
      .map(toRun)
      .sort(
        (a, b) => (a.nextAttemptAt ?? a.scheduledFor).localeCompare(b.nextAttemptAt ?? b.scheduledFor) || a.id - b.id,
      );
  }

  async platforms(): Promise<string[]> {
    return (await this.q('SELECT DISTINCT platform FROM digest_subscriptions ORDER BY platform')).map((r) =>
      String(r.platform),
    );
  }

  async markPosting(id: number, owner: string, now: Date): Promise<boolean> {
    return (
      (await this.exec(
        `UPDATE digest_runs SET state = 'posting', attempts = attempts + 1, updated_at = $1
      WHERE id = $2 AND claimed_by = $3 AND ${ACTIVE}`,
        [now, id, owner],
      )) === 1
    );
  }

  async markPosted(
    id: number,
    owner: string,
    messageId: string | undefined,
    now: Date,
    points: readonly Point[] = [],
  ): Promise<boolean> {
    return this.tx(async (tx) => {
      const r = await tx.query(
        `UPDATE digest_runs SET state = 'posted', message_id = $1, last_error = NULL, next_attempt_at = NULL,
          claimed_by = NULL, lease_until = NULL, updated_at = $2 WHERE id = $3 AND claimed_by = $4 AND ${ACTIVE}
        RETURNING subscription_id, covers_to`,
        [messageId ?? null, now, id, owner],
      );
      if (r.rowCount !== 1) return false;
      await tx.query(
        `UPDATE digest_subscriptions SET last_error = NULL, watermark = GREATEST(COALESCE(watermark, $1), $1) WHERE id = $2`,
        [r.rows[0].covers_to, r.rows[0].subscription_id],
      );
      await this.rememberPoints(tx, id, String(r.rows[0].subscription_id), points, now);
      return true;
    });
  }

  private async rememberPoints(
    tx: Queryable,
    runId: number,
    subscriptionId: string,
    points: readonly Point[],
    now: Date,
  ): Promise<void> {
    const sub = (
      await tx.query<{ platform: string; channel_id: string }>(
        'SELECT platform, channel_id FROM digest_subscriptions WHERE id = $1',
        [subscriptionId],
      )
    ).rows[0];
    if (!sub) return;
    await tx.query('DELETE FROM digest_points WHERE platform = $1 AND channel_id = $2 AND posted_at < $3', [
      sub.platform,
      sub.channel_id,
      new Date(now.getTime() - POINT_MEMORY_DAYS * 86_400_000),
    ]);
    if (!points.length) return;
    await tx.query(
      `INSERT INTO digest_points (platform, channel_id, article_id, sentence_idx, text, run_id, posted_at)
       SELECT $1, $2, a, i, t, $3, $4 FROM unnest($5::text[], $6::int[], $7::text[]) AS p(a, i, t)
       ON CONFLICT (platform, channel_id, article_id, sentence_idx) DO UPDATE SET run_id = excluded.run_id, posted_at = excluded.posted_at`,
      [
        sub.platform,
        sub.channel_id,
        runId,
        now,
        points.map((p) => p.articleId),
        points.map((p) => p.idx),
        points.map((p) => p.text),
      ],
    );
  }

  async postedPoints(channel: ChannelRef, articleIds: readonly string[]): Promise<PostedPoint[]> {
    if (!articleIds.length) return [];
    await this.migrated;
    const r = await this.host.db.query<{ article_id: string; sentence_idx: number; text: string; posted_at: Date }>(
      `SELECT article_id, sentence_idx, text, posted_at FROM digest_points
       WHERE platform = $1 AND channel_id = $2 AND article_id = ANY($3::text[]) ORDER BY posted_at, article_id, sentence_idx`,
      [channel.platform, channel.id, articleIds],
    );
    return r.rows.map((x) => ({
      articleId: x.article_id,
      idx: x.sentence_idx,
      text: x.text,
      postedAt: x.posted_at.toISOString(),
    }));
  }

  async markRetry(id: number, owner: string, error: string, nextAttemptAt: Date, now: Date): Promise<boolean> {
    return (
      (await this.exec(
        `UPDATE digest_runs SET state = 'claimed', last_error = $1, next_attempt_at = $2, claimed_by = NULL,
      lease_until = NULL, updated_at = $3 WHERE id = $4 AND claimed_by = $5 AND ${ACTIVE}`,
        [error, nextAttemptAt, now, id, owner],
      )) === 1
    );
  }

  async markEnded(id: number, owner: string, state: 'failed' | 'skipped', reason: string, now: Date): Promise<boolean> {
    return (
      (await this.exec(
        `UPDATE digest_runs SET state = $1, last_error = $2, next_attempt_at = NULL, claimed_by = NULL,
      lease_until = NULL, updated_at = $3 WHERE id = $4 AND claimed_by = $5 AND ${ACTIVE}`,
        [state, reason, now, id, owner],
      )) === 1
    );
  }

  async breakLeases(): Promise<number> {
    return this.exec(
      `UPDATE digest_runs SET claimed_by = NULL, lease_until = NULL WHERE ${ACTIVE} AND claimed_by IS NOT NULL`,
    );
  }

  async nextAttemptAt(now: Date): Promise<Date | undefined> {
    const [r] = await this.q(
      `SELECT min(CASE WHEN lease_until > $1 THEN lease_until ELSE COALESCE(next_attempt_at, scheduled_for) END) AS t
      FROM digest_runs WHERE ${ACTIVE}`,
      [now],
    );
    return r?.t ? new Date(iso(r.t)!) : undefined;
  }
}
