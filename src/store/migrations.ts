import type { Database } from 'better-sqlite3';
import { UserError } from '../core/errors.js';

/** One schema step of a component. `up` is SQL (may hold several statements) or a function. */
export interface Migration {
  version: number;
  up: string | ((db: Database) => void);
}

/**
 * Applies the pending migrations of one component, in version order, inside one IMMEDIATE
 * transaction: either every pending step lands with its `schema_migrations` row, or none does.
 * Several components (article store, digest ledger, ...) share the same table, keyed by name,
 * so each one evolves its own tables without knowing the others.
 * Returns the versions applied by this call (empty when the schema was already current).
 */
export function runMigrations(
  db: Database,
  component: string,
  migrations: readonly Migration[],
  now: () => Date = () => new Date(),
): number[] {
  checkMigrationList(component, migrations);
  const latest = migrations.length ? migrations[migrations.length - 1].version : 0;
  // Read first: a store that is current needs no write lock, so a reader can open it
  // while another process writes.
  if (tableExists(db, 'schema_migrations') && currentVersion(db, component) >= latest) {
    assertNotNewer(db, component, latest);
    return [];
  }
  if (db.readonly) {
    throw new UserError(
      'STORE_READONLY',
      `The store ${db.name} needs a schema upgrade (${component}) but was opened read-only; open it once read-write.`,
    );
  }
  const apply = db.transaction((): number[] => {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      component  TEXT    NOT NULL,
      version    INTEGER NOT NULL,
      applied_at TEXT    NOT NULL,
      PRIMARY KEY (component, version)
    ) WITHOUT ROWID`);
    // Re-read inside the write transaction: another process may have migrated meanwhile.
    const current = currentVersion(db, component);
    const applied: number[] = [];
    const record = db.prepare('INSERT INTO schema_migrations (component, version, applied_at) VALUES (?, ?, ?)');
    for (const m of migrations) {
      if (m.version <= current) continue;
      if (typeof m.up === 'string') db.exec(m.up);
      else m.up(db);
      record.run(component, m.version, now().toISOString());
      applied.push(m.version);
    }
    return applied;
  });
  return apply.immediate();
}

/** The highest applied version of a component (0 when none). */
export function currentVersion(db: Database, component: string): number {
  if (!tableExists(db, 'schema_migrations')) return 0;
  const row = db.prepare('SELECT max(version) AS v FROM schema_migrations WHERE component = ?').get(component) as {
    v: number | null;
  };
  return row.v ?? 0;
}

/** Whether the SQLite database has a table of this name. */
export function tableExists(db: Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

function assertNotNewer(db: Database, component: string, latest: number): void {
  const current = currentVersion(db, component);
  if (current > latest) {
    throw new UserError(
      'STORE_TOO_NEW',
      `The store ${db.name} has ${component} schema version ${current}, newer than this program knows (${latest}); upgrade briefbot.`,
    );
  }
}

function checkMigrationList(component: string, migrations: readonly Migration[]): void {
  let previous = 0;
  for (const m of migrations) {
    if (!Number.isInteger(m.version) || m.version <= previous) {
      // A programming error, not a user error: versions must be positive and strictly increasing.
      throw new Error(`Migrations of ${component} must have strictly increasing positive versions (got ${m.version}).`);
    }
    previous = m.version;
  }
}
