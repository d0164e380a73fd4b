import type Database from 'better-sqlite3';
import { runMigrations, type Migration } from '../../store/migrations.js';
import { StatementCache } from '../../store/sqlite/statement-cache.js';
import { toFeed, type FeedRow } from '../feed-row.js';
import type { Feed, FeedInput, FeedItemRecord, FeedRepository, PollFailure, PollSuccess } from '../types.js';
import { FEED_MIGRATIONS, FEEDS_COMPONENT } from './feed-migrations.js';

/** What the SQLite article store offers the feed component (as it does the digest ledger). */
export interface SqliteFeedHost {
  db: Database.Database;
  migrate?(component: string, migrations: readonly Migration[]): unknown;
}

const ids = (list: readonly unknown[]) => JSON.stringify(list);

/** Feeds in the SQLite store's file: one writer, so leases only matter across restarts. */
export class SqliteFeedRepository implements FeedRepository {
  private readonly sql: StatementCache;

  private constructor(private readonly db: Database.Database) {
    this.sql = new StatementCache(db);
  }

  static async open(host: SqliteFeedHost): Promise<SqliteFeedRepository> {
    if (host.migrate) await host.migrate(FEEDS_COMPONENT, FEED_MIGRATIONS);
    else runMigrations(host.db, FEEDS_COMPONENT, FEED_MIGRATIONS);
    return new SqliteFeedRepository(host.db);
  }

  private row(sql: string, ...params: unknown[]): Feed | undefined {
    const r = this.sql.get(sql).get(...params) as FeedRow | undefined;
    return r && toFeed(r);
  }

  async add(input: FeedInput, nextPollAt: Date, now: Date): Promise<Feed> {
    const info = this.sql
      .get(`INSERT INTO feeds (url, name, interval_seconds, full_text, origin, created_by, created_at, next_poll_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(
        input.url,
        input.name ?? null,
        input.intervalSeconds,
        input.fullText ? 1 : 0,
        input.origin,
        input.createdBy,
        now.toISOString(),
        nextPollAt.toISOString(),
      );
    return (await this.get(Number(info.lastInsertRowid)))!;
  }

  async get(id: number): Promise<Feed | undefined> {
    return this.row('SELECT * FROM feeds WHERE id = ?', id);
  }

  async findByUrl(url: string): Promise<Feed | undefined> {
    return this.row('SELECT * FROM feeds WHERE url = ?', url);
  }

  async list(): Promise<Feed[]> {
    return (this.sql.get('SELECT * FROM feeds ORDER BY id').all() as FeedRow[]).map(toFeed);
  }

  async update(
    id: number,
    c: Partial<Pick<FeedInput, 'name' | 'intervalSeconds' | 'fullText' | 'origin'>>,
  ): Promise<void> {
    this.sql
      .get(`UPDATE feeds SET name = CASE WHEN @setName THEN @name ELSE name END, interval_seconds = COALESCE(@interval, interval_seconds),
        full_text = COALESCE(@fullText, full_text), origin = COALESCE(@origin, origin) WHERE id = @id`)
      .run({
        id,
        setName: 'name' in c ? 1 : 0,
        name: c.name ?? null,
        interval: c.intervalSeconds ?? null,
        fullText: c.fullText === undefined ? null : c.fullText ? 1 : 0,
        origin: c.origin ?? null,
      });
  }

  async remove(id: number): Promise<Feed | undefined> {
    return this.db
      .transaction(() => {
        const feed = this.row('SELECT * FROM feeds WHERE id = ?', id);
        if (!feed) return undefined;
        this.sql.get('DELETE FROM feed_items WHERE feed_id = ?').run(id);
        this.sql.get('DELETE FROM feeds WHERE id = ?').run(id);
        return feed;
      })
      .immediate();
  }

  async leaseDue(owner: string, now: Date, leaseMs: number, limit: number): Promise<Feed[]> {
    const at = now.toISOString();
    const until = new Date(now.getTime() + leaseMs).toISOString();
    return this.db
      .transaction(() => {
        const due = this.sql
          .get(`SELECT id FROM feeds WHERE next_poll_at <= @at AND (lease_until IS NULL OR lease_until <= @at)
            ORDER BY next_poll_at, id LIMIT @limit`)
          .all({ at, limit }) as { id: number }[];
        const take = this.sql.get('UPDATE feeds SET lease_owner = ?, lease_until = ? WHERE id = ?');
        return due.map(({ id }) => {
          take.run(owner, until, id);
          return this.row('SELECT * FROM feeds WHERE id = ?', id)!;
        });
      })
      .immediate();
  }

  async nextDueAt(): Promise<Date | undefined> {
    const r = this.sql.get('SELECT min(next_poll_at) AS t FROM feeds').get() as { t: string | null };
    return r.t ? new Date(r.t) : undefined;
  }

  async breakLeases(): Promise<number> {
    return this.sql.get('UPDATE feeds SET lease_owner = NULL, lease_until = NULL WHERE lease_owner IS NOT NULL').run()
      .changes;
  }

  async pollSoon(id: number, at: Date): Promise<void> {
    this.sql.get('UPDATE feeds SET next_poll_at = ? WHERE id = ?').run(at.toISOString(), id);
  }

  async knownItems(feedId: number, keys: string[]): Promise<Map<string, FeedItemRecord>> {
    if (!keys.length) return new Map();
    const rows = this.sql
      .get(`SELECT item_key AS key, article_id AS articleId, item_hash AS itemHash FROM feed_items
        WHERE feed_id = ? AND item_key IN (SELECT value FROM json_each(?))`)
      .all(feedId, ids(keys)) as FeedItemRecord[];
    return new Map(rows.map((r) => [r.key, r]));
  }

  async recordSuccess(feedId: number, owner: string, items: FeedItemRecord[], o: PollSuccess): Promise<boolean> {
    const at = o.at.toISOString();
    return this.db
      .transaction(() => {
        if (!this.sql.get('SELECT 1 FROM feeds WHERE id = ? AND lease_owner = ?').get(feedId, owner)) return false;
        const item =
          this.sql.get(`INSERT INTO feed_items (feed_id, item_key, article_id, item_hash, first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?)
          ON CONFLICT (feed_id, item_key) DO UPDATE SET article_id = excluded.article_id, item_hash = excluded.item_hash, last_seen = excluded.last_seen`);
        for (const i of items) item.run(feedId, i.key, i.articleId, i.itemHash, at, at);
        this.sql
          .get(`UPDATE feeds SET
            etag = CASE WHEN @notModified THEN COALESCE(@etag, etag) ELSE @etag END,
            last_modified = CASE WHEN @notModified THEN COALESCE(@lastModified, last_modified) ELSE @lastModified END,
            title = COALESCE(@title, title),
            url = CASE WHEN @movedTo IS NOT NULL AND NOT EXISTS (SELECT 1 FROM feeds o WHERE o.url = @movedTo AND o.id <> @id) THEN @movedTo ELSE url END,
            last_attempt_at = @at, last_success_at = @at, next_poll_at = @next,
            last_added = CASE WHEN @notModified THEN last_added ELSE @added END, total_added = total_added + @added,
            last_error_kind = NULL, last_error = NULL, last_status = NULL, failing_since = NULL, consecutive_failures = 0,
            lease_owner = NULL, lease_until = NULL
            WHERE id = @id`)
          .run({
            id: feedId,
            at,
            next: o.nextPollAt.toISOString(),
            notModified: o.notModified ? 1 : 0,
            added: o.added,
            etag: o.validators?.etag ?? null,
            lastModified: o.validators?.lastModified ?? null,
            title: o.title ?? null,
            movedTo: o.movedTo ?? null,
          });
        return true;
      })
      .immediate();
  }

  async recordFailure(feedId: number, owner: string, o: PollFailure): Promise<boolean> {
    const at = o.at.toISOString();
    const r = this.sql
      .get(`UPDATE feeds SET last_attempt_at = @at, next_poll_at = @next, last_error_kind = @kind, last_error = @message, last_status = @status,
        failing_since = COALESCE(failing_since, @at), consecutive_failures = consecutive_failures + 1, lease_owner = NULL, lease_until = NULL
        WHERE id = @id AND lease_owner = @owner`)
      .run({
        id: feedId,
        owner,
        at,
        next: o.nextPollAt.toISOString(),
        kind: o.kind,
        message: o.message,
        status: o.status ?? null,
      });
    return r.changes === 1;
  }

  async articlesFromFeeds(feedIds: number[], articleIds: string[]): Promise<Set<string>> {
    if (!feedIds.length || !articleIds.length) return new Set();
    const rows = this.sql
      .get(`SELECT DISTINCT article_id AS id FROM feed_items WHERE feed_id IN (SELECT value FROM json_each(?))
        AND article_id IN (SELECT value FROM json_each(?))`)
      .all(ids(feedIds), ids(articleIds)) as { id: string }[];
    return new Set(rows.map((r) => r.id));
  }

  async articleCounts(): Promise<Map<number, number>> {
    const rows = this.sql
      .get(`SELECT fi.feed_id AS feed, count(DISTINCT fi.article_id) AS n FROM feed_items fi
        JOIN articles a ON a.id = fi.article_id GROUP BY fi.feed_id`)
      .all() as { feed: number; n: number }[];
    return new Map(rows.map((r) => [r.feed, r.n]));
  }
}
