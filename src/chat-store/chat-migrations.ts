import type { Migration } from '../store/migrations.js';
import type { PgMigration } from '../store/postgres/pg-migrate.js';

/** The chat tables' component name in schema_migrations (both backends). */
export const CHAT_COMPONENT = 'chat';

// SQLite. Times are epoch milliseconds on both backends, so expiry compares numbers alike.
const SQLITE_THREADS: Migration = {
  version: 1,
  up: `CREATE TABLE chat_threads (
    platform TEXT NOT NULL, channel_id TEXT NOT NULL, thread TEXT NOT NULL,
    topic TEXT NOT NULL, expires_at INTEGER NOT NULL,
    PRIMARY KEY (platform, channel_id, thread)) WITHOUT ROWID;
  CREATE INDEX chat_threads_expiry ON chat_threads (expires_at);`,
};
const SQLITE_SHARES: Migration = {
  version: 2,
  up: `CREATE TABLE chat_shares (
    id TEXT PRIMARY KEY, platform TEXT NOT NULL, workspace TEXT, channel_id TEXT NOT NULL, user_id TEXT NOT NULL,
    command TEXT NOT NULL, reply TEXT NOT NULL, shared INTEGER NOT NULL DEFAULT 0, expires_at INTEGER NOT NULL);
  CREATE INDEX chat_shares_expiry ON chat_shares (expires_at);`,
};
const SQLITE_CLAIMS: Migration = {
  version: 3,
  up: `CREATE TABLE chat_claims (key TEXT PRIMARY KEY, claimed_by TEXT NOT NULL, expires_at INTEGER NOT NULL) WITHOUT ROWID;
  CREATE INDEX chat_claims_expiry ON chat_claims (expires_at);`,
};
const SQLITE_SLACK_INSTALLATIONS: Migration = {
  version: 4,
  up: `CREATE TABLE slack_installations (
    key TEXT PRIMARY KEY, team_id TEXT, enterprise_id TEXT, installer_user_id TEXT,
    data TEXT NOT NULL, secret TEXT NOT NULL, updated_at INTEGER NOT NULL);`,
};

/** SQLite: thread topics, shares, claims, Slack installations. */
export const SQLITE_CHAT_MIGRATIONS: readonly Migration[] = [
  SQLITE_THREADS,
  SQLITE_SHARES,
  SQLITE_CLAIMS,
  SQLITE_SLACK_INSTALLATIONS,
];

const PG_THREADS: PgMigration = {
  version: 1,
  name: 'chat thread topics',
  up: `CREATE TABLE chat_threads (
    platform text NOT NULL, channel_id text NOT NULL, thread text NOT NULL,
    topic text NOT NULL, expires_at bigint NOT NULL,
    PRIMARY KEY (platform, channel_id, thread));
  CREATE INDEX chat_threads_expiry ON chat_threads (expires_at);`,
};
const PG_SHARES: PgMigration = {
  version: 2,
  name: 'chat shares',
  up: `CREATE TABLE chat_shares (
    id text PRIMARY KEY, platform text NOT NULL, workspace text, channel_id text NOT NULL, user_id text NOT NULL,
    command text NOT NULL, reply text NOT NULL, shared smallint NOT NULL DEFAULT 0, expires_at bigint NOT NULL);
  CREATE INDEX chat_shares_expiry ON chat_shares (expires_at);`,
};
const PG_CLAIMS: PgMigration = {
  version: 3,
  name: 'chat claims',
  up: `CREATE TABLE chat_claims (key text PRIMARY KEY, claimed_by text NOT NULL, expires_at bigint NOT NULL);
  CREATE INDEX chat_claims_expiry ON chat_claims (expires_at);`,
};
const PG_SLACK_INSTALLATIONS: PgMigration = {
  version: 4,
  name: 'slack installations',
  up: `CREATE TABLE slack_installations (
    key text PRIMARY KEY, team_id text, enterprise_id text, installer_user_id text,
    data text NOT NULL, secret text NOT NULL, updated_at bigint NOT NULL);`,
};

/** PostgreSQL: the same tables with native types. */
export const PG_CHAT_MIGRATIONS: readonly PgMigration[] = [PG_THREADS, PG_SHARES, PG_CLAIMS, PG_SLACK_INSTALLATIONS];
