import type { PgMigration } from '../../store/postgres/pg-migrate.js';

/** The feed tables on PostgreSQL: the same shape and meaning as the SQLite ones, native types. */
export const PG_FEED_MIGRATIONS: readonly PgMigration[] = [
  {
    version: 1,
    name: 'feeds with polling state and lease, and the items each brought',
    up: `
      CREATE TABLE feeds (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        url text NOT NULL UNIQUE,
        name text,
        title text,
        interval_seconds integer NOT NULL,
        full_text boolean NOT NULL DEFAULT true,
        origin text NOT NULL DEFAULT 'chat',
        created_by text NOT NULL,
        created_at timestamptz NOT NULL,
        etag text,
        last_modified text,
        next_poll_at timestamptz NOT NULL,
        last_attempt_at timestamptz,
        last_success_at timestamptz,
        last_added integer NOT NULL DEFAULT 0,
        total_added integer NOT NULL DEFAULT 0,
        last_error_kind text,
        last_error text,
        last_status integer,
        failing_since timestamptz,
        consecutive_failures integer NOT NULL DEFAULT 0,
        lease_owner text,
        lease_until timestamptz
      );
      CREATE INDEX feeds_due ON feeds (next_poll_at);
      CREATE TABLE feed_items (
        feed_id integer NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
        item_key text NOT NULL,
        article_id text NOT NULL,
        item_hash text NOT NULL,
        first_seen timestamptz NOT NULL,
        last_seen timestamptz NOT NULL,
        PRIMARY KEY (feed_id, item_key)
      );
      CREATE INDEX feed_items_article ON feed_items (article_id);
    `,
  },
];
