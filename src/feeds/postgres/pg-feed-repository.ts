import type { PgHost } from '../../digest/postgres/pg-digest-repository.js';
import type { Queryable } from '../../store/postgres/pg-database.js';
import { toFeed, type FeedRow } from '../feed-row.js';
import { FEEDS_COMPONENT } from '../sqlite/feed-migrations.js';
import type { Feed, FeedInput, FeedItemRecord, FeedRepository, PollFailure, PollSuccess } from '../types.js';
import { PG_FEED_MIGRATIONS } from './pg-feed-migrations.js';

/**
 * Feeds on PostgreSQL, shared by replicas: due feeds are leased with FOR UPDATE SKIP LOCKED plus a
 * lease time, so each feed is polled by one replica at a time and a dead replica's feeds pass to
 * another when the lease expires. Migrations run on first use, as the digest ledger's do.
 */
export class PgFeedRepository implements FeedRepository {
  private readonly migrated: Promise<void>;

  constructor(private readonly host: PgHost) {
    this.migrated = (async () => {
      await host.ready;
      await host.migrate(FEEDS_COMPONENT, PG_FEED_MIGRATIONS);
    })();
    this.migrated.catch(() => undefined);
  }

  private async q(sql: string, params: unknown[] = []): Promise<FeedRow[]> {
    await this.migrated;
    return (await this.host.db.query(sql, params)).rows;
  }

  private async tx<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    await this.migrated;
    return this.host.db.transaction(fn);
  }

  private async one(sql: string, params: unknown[]): Promise<Feed | undefined> {
    const [r] = await this.q(sql, params);
    return r && toFeed(r);
  }

  async add(input: FeedInput, nextPollAt: Date, now: Date): Promise<Feed> {
    return (await this.one(
      `INSERT INTO feeds (url, name, interval_seconds, full_text, origin, created_by, created_at, next_poll_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
      [
        input.url,
        input.name ?? null,
        input.intervalSeconds,
        input.fullText,
        input.origin,
        input.createdBy,
        now,
        nextPollAt,
      ],
    ))!;
  }

  get(id: number): Promise<Feed | undefined> {
    return this.one('SELECT * FROM feeds WHERE id = $1', [id]);
  }

  findByUrl(url: string): Promise<Feed | undefined> {
    return this.one('SELECT * FROM feeds WHERE url = $1', [url]);
  }

  async list(): Promise<Feed[]> {
    return (await this.q('SELECT * FROM feeds ORDER BY id')).map(toFeed);
  }

  async update(
    id: number,
    c: Partial<Pick<FeedInput, 'name' | 'intervalSeconds' | 'fullText' | 'origin'>>,
  ): Promise<void> {
    await this.q(
      `UPDATE feeds SET name = CASE WHEN $2 THEN $3 ELSE name END, interval_seconds = COALESCE($4, interval_seconds),
      full_text = COALESCE($5, full_text), origin = COALESCE($6, origin) WHERE id = $1`,
      [id, 'name' in c, c.name ?? null, c.intervalSeconds ?? null, c.fullText ?? null, c.origin ?? null],
    );
  }

  remove(id: number): Promise<Feed | undefined> {
    // feed_items go with it (ON DELETE CASCADE).
    return this.one('DELETE FROM feeds WHERE id = $1 RETURNING *', [id]);
  }

  async leaseDue(owner: string, now: Date, leaseMs: number, limit: number): Promise<Feed[]> {
    const rows = await this.q(
      `WITH due AS (
        SELECT id FROM feeds WHERE next_poll_at <= $1 AND (lease_until IS NULL OR lease_until <= $1)
        ORDER BY next_poll_at, id LIMIT $4 FOR UPDATE SKIP LOCKED)
      UPDATE feeds f SET lease_owner = $2, lease_until = $3 FROM due WHERE f.id = due.id RETURNING f.*`,
      [now, owner, new Date(now.getTime() + leaseMs), limit],
    );
    return rows.map(toFeed).sort((a, b) => a.nextPollAt.localeCompare(b.nextPollAt) || a.id - b.id);
  }

  async nextDueAt(): Promise<Date | undefined> {
    const [r] = await this.q('SELECT min(next_poll_at) AS t FROM feeds');
    return r?.t ? new Date(r.t as string | Date) : undefined;
  }

  async breakLeases(): Promise<number> {
    await this.migrated;
    return (
      (
        await this.host.db.query(
          'UPDATE feeds SET lease_owner = NULL, lease_until = NULL WHERE lease_owner IS NOT NULL',
        )
      ).rowCount ?? 0
    );
  }

  async pollSoon(id: number, at: Date): Promise<void> {
    await this.q('UPDATE feeds SET next_poll_at = $2 WHERE id = $1', [id, at]);
  }

  async knownItems(feedId: number, keys: string[]): Promise<Map<string, FeedItemRecord>> {
    if (!keys.length) return new Map();
    const rows = await this.q(
      `SELECT item_key AS key, article_id AS "articleId", item_hash AS "itemHash" FROM feed_items
      WHERE feed_id = $1 AND item_key = ANY($2::text[])`,
      [feedId, keys],
    );
    return new Map(rows.map((r) => [String(r.key), r as unknown as FeedItemRecord]));
  }

  async recordSuccess(feedId: number, owner: string, items: FeedItemRecord[], o: PollSuccess): Promise<boolean> {
    return this.tx(async (tx) => {
      const mine = await tx.query('SELECT 1 FROM feeds WHERE id = $1 AND lease_owner = $2 FOR UPDATE', [feedId, owner]);
      if (!mine.rowCount) return false;
      if (items.length) {
        await tx.query(
          `INSERT INTO feed_items (feed_id, item_key, article_id, item_hash, first_seen, last_seen)
            SELECT $1, k, a, h, $5, $5 FROM unnest($2::text[], $3::text[], $4::text[]) AS i(k, a, h) ORDER BY k
          ON CONFLICT (feed_id, item_key) DO UPDATE SET article_id = excluded.article_id, item_hash = excluded.item_hash, last_seen = excluded.last_seen`,
          [feedId, items.map((i) => i.key), items.map((i) => i.articleId), items.map((i) => i.itemHash), o.at],
        );
      }
      await tx.query(
        `UPDATE feeds SET
          etag = CASE WHEN $3 THEN COALESCE($4, etag) ELSE $4 END,
          last_modified = CASE WHEN $3 THEN COALESCE($5, last_modified) ELSE $5 END,
          title = COALESCE($6, title),
          url = CASE WHEN $7::text IS NOT NULL AND NOT EXISTS (SELECT 1 FROM feeds o WHERE o.url = $7 AND o.id <> $1) THEN $7 ELSE url END,
          last_attempt_at = $2, last_success_at = $2, next_poll_at = $8,
          last_added = CASE WHEN $3 THEN last_added ELSE $9 END, total_added = total_added + $9,
          last_error_kind = NULL, last_error = NULL, last_status = NULL, failing_since = NULL, consecutive_failures = 0,
          lease_owner = NULL, lease_until = NULL
        WHERE id = $1`,
        [
          feedId,
          o.at,
          o.notModified,
          o.validators?.etag ?? null,
          o.validators?.lastModified ?? null,
          o.title ?? null,
          o.movedTo ?? null,
          o.nextPollAt,
          o.added,
        ],
      );
      return true;
    });
  }

  async recordFailure(feedId: number, owner: string, o: PollFailure): Promise<boolean> {
    await this.migrated;
    const r = await this.host.db.query(
      `UPDATE feeds SET last_attempt_at = $3, next_poll_at = $4, last_error_kind = $5, last_error = $6, last_status = $7,
        failing_since = COALESCE(failing_since, $3), consecutive_failures = consecutive_failures + 1, lease_owner = NULL, lease_until = NULL
      WHERE id = $1 AND lease_owner = $2`,
      [feedId, owner, o.at, o.nextPollAt, o.kind, o.message, o.status ?? null],
    );
    return r.rowCount === 1;
  }

  async articlesFromFeeds(feedIds: number[], articleIds: string[]): Promise<Set<string>> {
    if (!feedIds.length || !articleIds.length) return new Set();
    const rows = await this.q(
      'SELECT DISTINCT article_id FROM feed_items WHERE feed_id = ANY($1::int[]) AND article_id = ANY($2::text[])',
      [feedIds, articleIds],
    );
    return new Set(rows.map((r) => String(r.article_id)));
  }

  async articleCounts(): Promise<Map<number, number>> {
    const rows = await this.q(`SELECT fi.feed_id, count(DISTINCT fi.article_id)::int AS n FROM feed_items fi
      JOIN articles a ON a.id = fi.article_id GROUP BY fi.feed_id`);
    return new Map(rows.map((r) => [Number(r.feed_id), Number(r.n)]));
  }
}
