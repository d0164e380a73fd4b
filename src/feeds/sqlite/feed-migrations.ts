import type { Migration } from '../../store/migrations.js';

/** The component name of the feed tables in schema_migrations (both backends). */
export const FEEDS_COMPONENT = 'feeds';

/** v1: followed feeds with their polling state and lease, and the items each brought. */
const FEEDS_V1 = `
CREATE TABLE feeds (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  url TEXT NOT NULL UNIQUE,
  name TEXT,
  title TEXT,
  interval_seconds INTEGER NOT NULL,
  full_text INTEGER NOT NULL DEFAULT 1,
  origin TEXT NOT NULL DEFAULT 'chat',
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  etag TEXT,
  last_modified TEXT,
  next_poll_at TEXT NOT NULL,
  last_attempt_at TEXT,
  last_success_at TEXT,
  last_added INTEGER NOT NULL DEFAULT 0,
  total_added INTEGER NOT NULL DEFAULT 0,
  last_error_kind TEXT,
  last_error TEXT,
  last_status INTEGER,
  failing_since TEXT,
  consecutive_failures INTEGER NOT NULL DEFAULT 0,
  lease_owner TEXT,
  lease_until TEXT
);
CREATE INDEX feeds_due ON feeds (next_poll_at);
CREATE TABLE feed_items (
  feed_id INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
  item_key TEXT NOT NULL,
  article_id TEXT NOT NULL,
  item_hash TEXT NOT NULL,
  first_seen TEXT NOT NULL,
  last_seen TEXT NOT NULL,
  PRIMARY KEY (feed_id, item_key)
) WITHOUT ROWID;
CREATE INDEX feed_items_article ON feed_items (article_id);
`;

/** The feed component's migrations on SQLite, oldest first. Append; never edit a released step. */
export const FEED_MIGRATIONS: readonly Migration[] = [{ version: 1, up: FEEDS_V1 }];
