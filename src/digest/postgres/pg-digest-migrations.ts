import type { PgMigration } from '../../store/postgres/pg-migrate.js';

/** What each channel was shown, by article (see the SQLite migration for why). */
const POSTED_POINTS = `
  CREATE TABLE digest_points (
    platform text NOT NULL,
    channel_id text NOT NULL,
    article_id text NOT NULL,
    sentence_idx integer NOT NULL,
    text text NOT NULL,
    run_id bigint NOT NULL,
    posted_at timestamptz NOT NULL,
    PRIMARY KEY (platform, channel_id, article_id, sentence_idx)
  );
  CREATE INDEX digest_points_age ON digest_points (platform, channel_id, posted_at);
`;

/** The digest tables on PostgreSQL: same shape and meaning as the SQLite ones, native types. */
export const PG_DIGEST_MIGRATIONS: readonly PgMigration[] = [
  {
    version: 1,
    name: 'subscriptions and delivery ledger',
    up: `
      CREATE TABLE digest_subscriptions (
        id text PRIMARY KEY,
        platform text NOT NULL,
        channel_id text NOT NULL,
        workspace text,
        schedule text NOT NULL,
        timezone text NOT NULL,
        topic text,
        quiet boolean NOT NULL DEFAULT false,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        schedule_from timestamptz NOT NULL,
        watermark timestamptz,
        last_error text,
        UNIQUE (platform, channel_id)
      );
      CREATE TABLE digest_runs (
        id bigserial PRIMARY KEY,
        subscription_id text NOT NULL REFERENCES digest_subscriptions(id) ON DELETE CASCADE,
        scheduled_for timestamptz NOT NULL,
        kind text NOT NULL DEFAULT 'schedule',
        state text NOT NULL CHECK (state IN ('claimed','posting','posted','failed','missed','skipped')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz,
        last_error text,
        message_id text,
        covers_to timestamptz NOT NULL,
        claimed_by text,
        lease_until timestamptz,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        UNIQUE (subscription_id, scheduled_for)
      );
      CREATE INDEX digest_runs_active ON digest_runs (state, next_attempt_at) WHERE state IN ('claimed','posting');
    `,
  },
  {
    version: 2,
    name: 'several subscriptions per channel (unique on channel and name) and a filter per subscription',
    up: `
      ALTER TABLE digest_subscriptions ADD COLUMN name text NOT NULL DEFAULT '';
      ALTER TABLE digest_subscriptions ADD COLUMN filter jsonb;
      ALTER TABLE digest_subscriptions DROP CONSTRAINT digest_subscriptions_platform_channel_id_key;
      ALTER TABLE digest_subscriptions ADD CONSTRAINT digest_subscriptions_channel_name_key UNIQUE (platform, channel_id, name);
    `,
  },
  { version: 3, name: 'points posted to each channel', up: POSTED_POINTS },
];
