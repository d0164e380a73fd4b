import type { Database } from 'better-sqlite3';
import { tableExists } from '../migrations.js';
import type { Queryable } from './pg-database.js';

const FEED_COLUMNS = [
  'id',
  'url',
  'name',
  'title',
  'interval_seconds',
  'full_text',
  'origin',
  'created_by',
  'created_at',
  'etag',
  'last_modified',
  'next_poll_at',
  'last_attempt_at',
  'last_success_at',
  'last_added',
  'total_added',
  'last_error_kind',
  'last_error',
  'last_status',
  'failing_since',
  'consecutive_failures',
] as const;
const ITEM_COLUMNS = ['feed_id', 'item_key', 'article_id', 'item_hash', 'first_seen', 'last_seen'] as const;

type Row = Record<string, unknown>;

/** Followed feeds and the items they brought, from a SQLite store; undefined when it never had feeds. */
export function readSqliteFeeds(db: Database): { feeds: Row[]; items: Row[] } | undefined {
  if (!tableExists(db, 'feeds')) return undefined;
  return {
    feeds: db.prepare(`SELECT ${FEED_COLUMNS.join(', ')} FROM feeds ORDER BY id`).all() as Row[],
    items: db.prepare(`SELECT ${ITEM_COLUMNS.join(', ')} FROM feed_items ORDER BY feed_id, item_key`).all() as Row[],
  };
}

const placeholders = (n: number) => Array.from({ length: n }, (_, i) => `$${i + 1}`).join(', ');

/**
 * Writes feeds (keeping their ids, which digest `feed:` filters name) and their item records into
 * the PostgreSQL feed tables, created beforehand by the feed component's migrations, then moves
 * the id sequence past them. Leases are not copied. Existing rows are kept.
 */
export async function copyFeeds(
  tx: Queryable,
  data: { feeds: Row[]; items: Row[] },
): Promise<{ feeds: number; items: number }> {
  let feeds = 0;
  for (const f of data.feeds) {
    const r = await tx.query(
      `INSERT INTO feeds (${FEED_COLUMNS.join(', ')}) OVERRIDING SYSTEM VALUE VALUES (${placeholders(FEED_COLUMNS.length)}) ON CONFLICT DO NOTHING`,
      FEED_COLUMNS.map((c) => (c === 'full_text' ? f[c] === 1 || f[c] === true : f[c])),
    );
    feeds += r.rowCount ?? 0;
  }
  await tx.query(`SELECT setval(pg_get_serial_sequence('feeds', 'id'), GREATEST((SELECT max(id) FROM feeds), 1))`);
  let items = 0;
  for (const i of data.items) {
    const r = await tx.query(
      `INSERT INTO feed_items (${ITEM_COLUMNS.join(', ')}) VALUES (${placeholders(ITEM_COLUMNS.length)}) ON CONFLICT DO NOTHING`,
      ITEM_COLUMNS.map((c) => i[c]),
    );
    items += r.rowCount ?? 0;
  }
  return { feeds, items };
}
