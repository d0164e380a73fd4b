import type { Database } from 'better-sqlite3';
import { tableExists } from '../migrations.js';
import type { Queryable } from './pg-database.js';

const SUB_COLUMNS = [
  'id',
  'platform',
  'channel_id',
  'workspace',
  'schedule',
  'timezone',
  'topic',
  'quiet',
  'created_by',
  'created_at',
  'updated_at',
  'schedule_from',
  'watermark',
  'last_error',
] as const;
const RUN_COLUMNS = [
  'subscription_id',
  'scheduled_for',
  'kind',
  'state',
  'attempts',
  'next_attempt_at',
  'last_error',
  'message_id',
  'covers_to',
  'created_at',
  'updated_at',
] as const;

type Row = Record<string, unknown>;

/** Columns of digest schema v2 (several subscriptions per channel); a v1 store has neither: '' and no filter. */
const V2_SUB_COLUMNS = ['name', 'filter'] as const;

/** Digest subscriptions and ledger rows of a SQLite store, or undefined when it never had digests. */
export function readSqliteDigests(db: Database): { subscriptions: Row[]; runs: Row[] } | undefined {
  if (!tableExists(db, 'digest_subscriptions') || !tableExists(db, 'digest_runs')) return undefined;
  const v2 = (db.prepare('PRAGMA table_info(digest_subscriptions)').all() as { name: string }[]).some(
    (c) => c.name === 'filter',
  );
  const extra = v2 ? V2_SUB_COLUMNS.join(', ') : `'' AS name, NULL AS filter`;
  return {
    subscriptions: db
      .prepare(`SELECT ${SUB_COLUMNS.join(', ')}, ${extra} FROM digest_subscriptions ORDER BY created_at, id`)
      .all() as Row[],
    runs: db.prepare(`SELECT ${RUN_COLUMNS.join(', ')} FROM digest_runs ORDER BY id`).all() as Row[],
  };
}

/**
 * Writes subscriptions and their ledger into the PostgreSQL digest tables (created beforehand by
 * the digest component's migrations). Watermarks and history move with them, so no channel gets
 * a digest twice or misses one because of the move. Leases are not copied: the old process is
 * stopped, so its runs are free for whichever replica comes first. Existing rows are kept.
 */
export async function copyDigests(
  tx: Queryable,
  data: { subscriptions: Row[]; runs: Row[] },
): Promise<{ subscriptions: number; runs: number }> {
  let subscriptions = 0;
  for (const s of data.subscriptions) {
    const columns = [...SUB_COLUMNS, ...V2_SUB_COLUMNS];
    const r = await tx.query(
      `INSERT INTO digest_subscriptions (${columns.join(', ')})
       VALUES (${columns.map((c, i) => `$${i + 1}${c === 'filter' ? '::jsonb' : ''}`).join(', ')}) ON CONFLICT DO NOTHING`,
      columns.map((c) => (c === 'quiet' ? s[c] === 1 || s[c] === true : c === 'name' ? (s[c] ?? '') : (s[c] ?? null))),
    );
    subscriptions += r.rowCount ?? 0;
  }
  let runs = 0;
  for (const run of data.runs) {
    const r = await tx.query(
      `INSERT INTO digest_runs (${RUN_COLUMNS.join(', ')})
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT DO NOTHING`,
      RUN_COLUMNS.map((c) => run[c]),
    );
    runs += r.rowCount ?? 0;
  }
  return { subscriptions, runs };
}

/** How many of the given subscriptions (by id) and their runs the PostgreSQL tables hold. */
export async function countDigests(
  db: Queryable,
  subscriptionIds: string[],
): Promise<{ subscriptions: number; runs: number }> {
  const r = await db.query<{ subscriptions: number; runs: number }>(
    `SELECT (SELECT count(*) FROM digest_subscriptions WHERE id = ANY($1::text[]))::int AS subscriptions,
            (SELECT count(*) FROM digest_runs WHERE subscription_id = ANY($1::text[]))::int AS runs`,
    [subscriptionIds],
  );
  return r.rows[0];
}
