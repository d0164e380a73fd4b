/** What the rest of the bot uses of the PostgreSQL backend. */
export { PostgresStore, openPostgresStore, ARTICLE_COMPONENT, type PostgresStoreOptions } from './postgres-store.js';
export { PgDatabase, type PgDatabaseOptions, type Queryable } from './pg-database.js';
export { migrate, type PgMigration } from './pg-migrate.js';
export { parseDatabaseUrl, isPostgresUrl, type DatabaseUrl } from './database-url.js';
export { storeUnavailable, isUnavailableError } from './unavailable.js';
export type { RetryOptions } from './backoff.js';
