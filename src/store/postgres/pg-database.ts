import pg from 'pg';
import type { Logger } from 'pino';
import { silentLogger } from '../../log.js';
import { UserError } from '../../core/errors.js';
import { parseDatabaseUrl, type DatabaseUrl } from './database-url.js';
import { backoffDelay, DEFAULT_RETRY, Sleeper, type RetryOptions } from './backoff.js';
import { isUnavailableError, storeUnavailable } from './unavailable.js';

/** Something that runs SQL: the pool or one client inside a transaction. */
export interface Queryable {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<pg.QueryResult<R>>;
}

export interface PgDatabaseOptions {
  /** Schema that holds every table; created if missing. Default "public". */
  schema?: string;
  logger?: Logger;
  retry?: RetryOptions;
  /** Connections per process. Default 5: several replicas share one server's connection limit. */
  poolSize?: number;
  /** How long to wait for a new connection. Default 5 s. */
  connectTimeoutMs?: number;
  /** Server-side statement timeout; the client gives up 2 s later if the network is silent. Default 15 s. */
  statementTimeoutMs?: number;
  /** Name shown in pg_stat_activity. */
  applicationName?: string;
  /** Which setting the URL came from, for error messages. Default "DATABASE_URL". */
  setting?: string;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * One PostgreSQL pool with the behaviour the bot needs around it: bounded retry at start, every
 * query bounded by timeouts, "unavailable" errors turned into one clear UserError, and a readiness
 * flag that drops when the server goes away and comes back by itself when it returns.
 */
export class PgDatabase implements Queryable {
  readonly url: DatabaseUrl;
  readonly schema: string;
  /** Which setting the URL came from, named in errors. */
  readonly setting: string;
  private readonly pool: pg.Pool;
  private readonly logger: Logger;
  private readonly retry: Required<RetryOptions>;
  private readonly sleeper = new Sleeper();
  private opened = false;
  private healthy = false;
  private closed = false;
  private probing = false;

  constructor(rawUrl: string, opts: PgDatabaseOptions = {}) {
    this.setting = opts.setting ?? 'DATABASE_URL';
    this.url = parseDatabaseUrl(rawUrl, this.setting);
    this.schema = opts.schema ?? this.url.schema ?? 'public';
    if (!SCHEMA_NAME.test(this.schema)) {
      throw new UserError(
        'BAD_DATABASE_URL',
        `The PostgreSQL schema "${this.schema}" (${this.setting} ?schema=) must be lower-case letters, digits and _, starting with a letter or _.`,
      );
    }
    this.logger = opts.logger ?? silentLogger();
    this.retry = { ...DEFAULT_RETRY, ...opts.retry };
    const statementTimeout = opts.statementTimeoutMs ?? 15_000;
    this.pool = new pg.Pool({
      connectionString: this.url.connectionString,
      max: opts.poolSize ?? 5,
      connectionTimeoutMillis: opts.connectTimeoutMs ?? 5_000,
      idleTimeoutMillis: 10_000,
      statement_timeout: statementTimeout,
      query_timeout: statementTimeout + 2_000,
      idle_in_transaction_session_timeout: statementTimeout * 2,
      keepAlive: true,
      application_name: opts.applicationName ?? 'briefbot',
      options: `-c search_path=${this.schema}`,
    });
    // An idle client losing its server emits here; without a listener the process would crash.
    this.pool.on('error', (e) => this.markDown(e));
  }

  /** True once open() has reached the server and finished its setup. */
  isOpen(): boolean {
    return this.opened && !this.closed;
  }

  /** True once open() has finished and the last contact with the server succeeded. */
  isReady(): boolean {
    return this.opened && this.healthy && !this.closed;
  }

  /** Why the store is not ready, for /readyz. */
  notReadyReason(): string | undefined {
    if (this.closed) return 'store closed';
    if (!this.opened) return `connecting to ${this.url.display}`;
    if (!this.healthy) return `lost contact with ${this.url.display}; reconnecting`;
    return undefined;
  }

  /**
   * Reaches the server and runs `setup` (migrations), retrying with bounded exponential backoff
   * while the server is unreachable. Other errors (bad SQL, permissions) fail at once.
   */
  async open(setup: (db: PgDatabase) => Promise<void>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      if (this.closed) throw storeUnavailable();
      try {
        await this.pool.query('SELECT 1');
        await setup(this);
        this.opened = true;
        this.healthy = true;
        this.logger.info({ store: this.url.display, schema: this.schema, attempt }, 'PostgreSQL store ready');
        return;
      } catch (e) {
        const cause = e instanceof UserError ? (e.cause as unknown) : e;
        if (!isUnavailableError(e) && !isUnavailableError(cause)) throw this.refused(e);
        const reason = describe(cause ?? e);
        if (attempt >= this.retry.maxAttempts) {
          throw new UserError(
            'STORE_UNAVAILABLE',
            `Could not reach PostgreSQL at ${this.url.display} (${this.setting}) after ${attempt} attempts: ${reason}.`,
          );
        }
        const delayMs = backoffDelay(attempt, this.retry);
        this.logger.warn(
          { store: this.url.display, attempt, delayMs, err: reason },
          'PostgreSQL unreachable; retrying',
        );
        await this.sleeper.sleep(delayMs);
      }
    }
  }

  async query<R extends pg.QueryResultRow = pg.QueryResultRow>(
    sql: string,
    params?: unknown[],
  ): Promise<pg.QueryResult<R>> {
    if (this.closed) throw storeUnavailable();
    try {
      const result = await this.pool.query<R>(sql, params);
      this.healthy = true;
      return result;
    } catch (e) {
      throw this.translate(e);
    }
  }

  /** Runs `fn` in one transaction on one connection; rolls back on any error. */
  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    if (this.closed) throw storeUnavailable();
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (e) {
      throw this.translate(e);
    }
    let broken: unknown;
    // A checked-out client that loses its server emits 'error' outside any query; the pool only
    // listens to idle clients, so without this listener the process would crash.
    const onError = (e: Error) => {
      broken = e;
      this.markDown(e);
    };
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      const result = await fn(client);
      await client.query('COMMIT');
      this.healthy = true;
      return result;
    } catch (e) {
      if (isUnavailableError(e)) broken = e;
      else if (!broken) await client.query('ROLLBACK').catch((re) => (broken = re));
      throw this.translate(e);
    } finally {
      client.off('error', onError);
      // A client whose connection failed must not go back to the pool.
      client.release(broken instanceof Error ? broken : undefined);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.sleeper.wakeAll();
    await this.pool.end().catch(() => undefined);
  }

  /**
   * The server answered but will not serve us: wrong password, no such database or role, no
   * permission. Retrying cannot help, so the start stops with the setting to fix.
   */
  private refused(e: unknown): unknown {
    const code = (e as { code?: unknown })?.code;
    if (typeof code !== 'string' || !/^(28|3D|42501)/.test(code)) return e;
    return new UserError(
      'STORE_REFUSED',
      `PostgreSQL at ${this.url.display} (${this.setting}) refused to serve: ${describe(e)}.`,
    );
  }

  private translate(e: unknown): unknown {
    if (e instanceof UserError) return e;
    if (!isUnavailableError(e)) return e;
    this.markDown(e);
    const err = storeUnavailable();
    err.cause = e;
    return err;
  }

  /** Drops readiness and probes in the background until the server answers again. */
  private markDown(e: unknown): void {
    if (this.closed) return;
    if (this.healthy) this.logger.warn({ store: this.url.display, err: describe(e) }, 'PostgreSQL connection lost');
    this.healthy = false;
    if (this.probing || !this.opened) return;
    this.probing = true;
    void this.probe();
  }

  private async probe(): Promise<void> {
    for (let attempt = 1; !this.closed && !this.healthy; attempt++) {
      await this.sleeper.sleep(backoffDelay(attempt, this.retry), { unref: true });
      if (this.closed || this.healthy) break;
      try {
        await this.pool.query('SELECT 1');
        this.healthy = true;
        this.logger.info({ store: this.url.display, attempt }, 'PostgreSQL connection restored');
      } catch {
        // Still down; the next attempt waits longer.
      }
    }
    this.probing = false;
  }
}

function describe(e: unknown): string {
  if (e instanceof AggregateError && e.errors.length) return describe(e.errors[0]);
  return e instanceof Error ? e.message || e.name : String(e);
}
