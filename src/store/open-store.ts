import type { Logger } from 'pino';
import type { ArticleStore } from './article-store.js';
import { openSqliteStore } from './sqlite/sqlite-store.js';
// Type only: the PostgreSQL store (and the pg driver) is loaded when DATABASE_URL asks for it, so a
// SQLite bot does not pay for it at start-up.
import type { PostgresStore } from './postgres/postgres-store.js';
import { isPostgresUrl } from './postgres/database-url.js';
import type { RetryOptions } from './postgres/backoff.js';

export interface OpenStoreOptions {
  /** SQLite file; used when no databaseUrl is given. Default "briefbot.db". */
  path?: string;
  /** postgres://… (DATABASE_URL): selects the PostgreSQL store. */
  databaseUrl?: string;
  logger?: Logger;
  clock?: () => Date;
  /** PostgreSQL only: schema holding the tables (tests use one per run). Default "public". */
  schema?: string;
  /** PostgreSQL only: backoff while the database is unreachable at start. */
  retry?: RetryOptions;
  /** PostgreSQL only: how long one connection attempt may take. */
  connectTimeoutMs?: number;
  /**
   * PostgreSQL only: when false, return at once and keep connecting in the background, so the
   * caller can serve /readyz (503 via storeReadiness) while the database is still down.
   */
  waitUntilReady?: boolean;
}

/**
 * How long a one-shot command (briefbot ask, ingest, migrate-store) tries to reach PostgreSQL:
 * three attempts of at most 2.5 s each, about 1.5 s apart, so an unreachable database ends it
 * within about 10 s with one message. The running bot keeps its long backoff (backoff.ts).
 */
export const ONE_SHOT_CONNECT: Pick<OpenStoreOptions, 'retry' | 'connectTimeoutMs'> = {
  retry: { maxAttempts: 3, initialDelayMs: 500, maxDelayMs: 1000 },
  connectTimeoutMs: 2500,
};

/** The store the configuration asks for: PostgreSQL when DATABASE_URL is set, SQLite otherwise. */
export async function openStore(opts: OpenStoreOptions): Promise<ArticleStore> {
  const url = opts.databaseUrl?.trim();
  if (url) {
    // Any non-empty DATABASE_URL means PostgreSQL; a malformed one fails here with a message
    // naming DATABASE_URL rather than silently falling back to SQLite.
    const { PostgresStore, openPostgresStore } = await import('./postgres/postgres-store.js');
    const pgOpts = {
      logger: opts.logger,
      clock: opts.clock,
      schema: opts.schema,
      retry: opts.retry,
      connectTimeoutMs: opts.connectTimeoutMs,
    };
    return opts.waitUntilReady === false ? new PostgresStore(url, pgOpts) : openPostgresStore(url, pgOpts);
  }
  return openSqliteStore(opts.path ?? 'briefbot.db', { clock: opts.clock });
}

/** For /readyz: whether the store can serve now, and why not. SQLite is ready once open. */
export function storeReadiness(store: ArticleStore): { ready: boolean; reason?: string } {
  if (isPostgresStore(store)) {
    const reason = store.notReadyReason();
    return reason ? { ready: false, reason } : { ready: true };
  }
  return { ready: true };
}

/** Waits until the store can serve: at once for SQLite, after connecting and migrating for PostgreSQL. */
export async function whenStoreReady(store: ArticleStore): Promise<void> {
  if (isPostgresStore(store)) await store.ready;
}

function isPostgresStore(store: ArticleStore): store is PostgresStore {
  return store.kind === 'postgres' && 'notReadyReason' in store;
}

export { isPostgresUrl };
