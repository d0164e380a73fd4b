import type { Migration } from '../../store/migrations.js';

/** The component name of the digest tables in schema_migrations. */
export const DIGEST_COMPONENT = 'digest';

/**
 * v2: several subscriptions per channel (unique on channel and name) and a filter per subscription
 * (feeds, include, exclude as JSON). SQLite cannot drop a UNIQUE constraint, so both tables are
 * rebuilt and swapped inside the migration's transaction: the ledger is copied into a table that
 * references the new subscriptions, the old tables are dropped child first (so no ON DELETE
 * CASCADE fires), and renaming the new subscriptions table points the ledger's reference at it.
 */
const SEVERAL_PER_CHANNEL = `
  CREATE TABLE digest_subscriptions_v2 (
    id TEXT PRIMARY KEY,
    platform TEXT NOT NULL,
    channel_id TEXT NOT NULL,
    name TEXT NOT NULL DEFAULT '',
    workspace TEXT,
    schedule TEXT NOT NULL,
    timezone TEXT NOT NULL,
    topic TEXT,
    filter TEXT,
    quiet INTEGER NOT NULL DEFAULT 0,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    schedule_from TEXT NOT NULL,
    watermark TEXT,
    last_error TEXT,
    UNIQUE (platform, channel_id, name)
  );
  INSERT INTO digest_subscriptions_v2 (id, platform, channel_id, workspace, schedule, timezone, topic, quiet, created_by, created_at,
    updated_at, schedule_from, watermark, last_error)
  SELECT id, platform, channel_id, workspace, schedule, timezone, topic, quiet, created_by, created_at,
    updated_at, schedule_from, watermark, last_error FROM digest_subscriptions;
  CREATE TABLE digest_runs_v2 (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    subscription_id TEXT NOT NULL REFERENCES digest_subscriptions_v2(id) ON DELETE CASCADE,
    scheduled_for TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'schedule',
    state TEXT NOT NULL CHECK (state IN ('claimed','posting','posted','failed','missed','skipped')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT,
    last_error TEXT,
    message_id TEXT,
    covers_to TEXT NOT NULL,
    claimed_by TEXT,
    lease_until TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (subscription_id, scheduled_for)
  );
  INSERT INTO digest_runs_v2 (id, subscription_id, scheduled_for, kind, state, attempts, next_attempt_at, last_error, message_id, covers_to,
    claimed_by, lease_until, created_at, updated_at)
  SELECT id, subscription_id, scheduled_for, kind, state, attempts, next_attempt_at, last_error, message_id, covers_to,
    claimed_by, lease_until, created_at, updated_at FROM digest_runs;
  DROP TABLE digest_runs;
  DROP TABLE digest_subscriptions;
  ALTER TABLE digest_subscriptions_v2 RENAME TO digest_subscriptions;
  ALTER TABLE digest_runs_v2 RENAME TO digest_runs;
  CREATE INDEX digest_runs_active ON digest_runs(state, next_attempt_at) WHERE state IN ('claimed','posting');
`;

/**
 * v3: the points (sentences) each channel was shown, by article: a later digest on a story the channel
 * saw leaves them out. Keyed by article, not by story id, so regrouping (or a move to another
 * store) keeps the memory meaningful. Rows older than the memory span are pruned as digests post
 * (sqlite-digest-repository.ts).
 */
const POSTED_POINTS = `
  CREATE TABLE digest_points (
    platform TEXT NOT NULL,
    channel_id TEXT NOT NULL,
    article_id TEXT NOT NULL,
    sentence_idx INTEGER NOT NULL,
    text TEXT NOT NULL,
    run_id INTEGER NOT NULL,
    posted_at TEXT NOT NULL,
    PRIMARY KEY (platform, channel_id, article_id, sentence_idx)
  ) WITHOUT ROWID;
  CREATE INDEX digest_points_age ON digest_points(platform, channel_id, posted_at);
`;

/** Versioned schema steps of the digest component (subscriptions, delivery ledger). */
export const DIGEST_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    // v1: subscriptions and the delivery ledger.
    up: `
      CREATE TABLE digest_subscriptions (
        id TEXT PRIMARY KEY,
        platform TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        workspace TEXT,
        schedule TEXT NOT NULL,
        timezone TEXT NOT NULL,
        topic TEXT,
        quiet INTEGER NOT NULL DEFAULT 0,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        schedule_from TEXT NOT NULL,
        watermark TEXT,
        last_error TEXT,
        UNIQUE (platform, channel_id)
      );
      CREATE TABLE digest_runs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        subscription_id TEXT NOT NULL REFERENCES digest_subscriptions(id) ON DELETE CASCADE,
        scheduled_for TEXT NOT NULL,
        kind TEXT NOT NULL DEFAULT 'schedule',
        state TEXT NOT NULL CHECK (state IN ('claimed','posting','posted','failed','missed','skipped')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT,
        last_error TEXT,
        message_id TEXT,
        covers_to TEXT NOT NULL,
        claimed_by TEXT,
        lease_until TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (subscription_id, scheduled_for)
      );
      CREATE INDEX digest_runs_active ON digest_runs(state, next_attempt_at) WHERE state IN ('claimed','posting');
    `,
  },
  { version: 2, up: SEVERAL_PER_CHANNEL },
  // v3: what each channel was shown, for "only what is new" on a story it saw.
  { version: 3, up: POSTED_POINTS },
];
