import { UserError } from '../../core/errors.js';
import type { PgDatabase, Queryable } from './pg-database.js';

/** One schema change of one component; versions count up from 1 and never change once released. */
export interface PgMigration {
  version: number;
  /** Recorded beside the version, for people reading schema_migrations. */
  name?: string;
  /** SQL text, or a function for changes that need to look before they leap. */
  up: string | ((tx: Queryable) => Promise<void>);
}

// One key for every briefbot migration in the database: replicas starting together queue here
// instead of racing to create the same tables. Derived once from a fixed string.
const MIGRATION_LOCK_SQL = `SELECT pg_advisory_xact_lock(hashtext('briefbot:migrations'))`;

/**
 * Applies the pending migrations of one component (e.g. "articles", "digest") in the database's
 * schema, recording each in schema_migrations(component, version). Safe to call from several
 * processes at once: the advisory lock serialises them and the second finds nothing to do.
 */
export async function migrate(
  db: PgDatabase,
  component: string,
  migrations: readonly PgMigration[],
): Promise<number[]> {
  checkMigrationList(component, migrations);
  return db.transaction(async (tx) => {
    await tx.query(MIGRATION_LOCK_SQL);
    // Only when missing: a role without CREATE on the database can still use an existing schema.
    const exists = await tx.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [db.schema]);
    if (!exists.rowCount) await tx.query(`CREATE SCHEMA ${db.schema}`);
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      component text NOT NULL,
      version integer NOT NULL,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (component, version))`);
    const done = await tx.query<{ v: number | null }>(
      'SELECT max(version) AS v FROM schema_migrations WHERE component = $1',
      [component],
    );
    const current = done.rows[0]?.v ?? 0;
    const latest = migrations.length ? migrations[migrations.length - 1].version : 0;
    if (current > latest) {
      throw new UserError(
        'STORE_TOO_NEW',
        `The PostgreSQL schema ${db.schema} has ${component} schema version ${current}, newer than this program knows (${latest}); upgrade briefbot.`,
      );
    }
    const ran: number[] = [];
    for (const m of migrations) {
      if (m.version <= current) continue;
      if (typeof m.up === 'string') await tx.query(m.up);
      else await m.up(tx);
      await tx.query('INSERT INTO schema_migrations (component, version, name) VALUES ($1, $2, $3)', [
        component,
        m.version,
        m.name ?? '',
      ]);
      ran.push(m.version);
    }
    return ran;
  });
}

function checkMigrationList(component: string, migrations: readonly PgMigration[]): void {
  let previous = 0;
  for (const m of migrations) {
    if (!Number.isInteger(m.version) || m.version <= previous) {
      // A programming error: versions must be positive and strictly increasing.
      throw new Error(`Migrations of ${component} must have strictly increasing positive versions (got ${m.version}).`);
    }
    previous = m.version;
  }
}
