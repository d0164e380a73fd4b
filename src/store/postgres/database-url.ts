import { UserError } from '../../core/errors.js';

/** A DATABASE_URL that has been checked, with a form safe to show in logs and at start. */
export interface DatabaseUrl {
  connectionString: string;
  /** postgres://user@host:port/db — never the password. */
  display: string;
  database: string;
  /** From ?schema=NAME: the schema holding briefbot's tables (replicas of one deployment share it). */
  schema?: string;
}

/**
 * Checks a PostgreSQL URL before any connection is tried, so a typo stops the start with a message
 * that names the setting instead of a driver error minutes later. The WHATWG URL parser does the
 * parsing; we only decide what a usable PostgreSQL URL must contain.
 */
export function parseDatabaseUrl(raw: string, setting = 'DATABASE_URL'): DatabaseUrl {
  const expects = `${setting} must be a PostgreSQL URL such as postgres://user@127.0.0.1:5432/briefbot`;
  const value = raw.trim();
  if (!value) throw new UserError('BAD_DATABASE_URL', `${setting} is empty. ${expects}.`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UserError('BAD_DATABASE_URL', `${setting} is not a valid URL. ${expects}.`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    const scheme = url.protocol.replace(/:$/, '');
    throw new UserError('BAD_DATABASE_URL', `${setting} uses the scheme "${scheme}". ${expects}.`);
  }
  // A socket path may be given as ?host=/var/run/postgresql, which pg accepts; otherwise a host is required.
  if (!url.hostname && !url.searchParams.get('host')) {
    throw new UserError('BAD_DATABASE_URL', `${setting} has no host. ${expects}.`);
  }
  if (url.port) {
    const port = Number(url.port);
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      throw new UserError('BAD_DATABASE_URL', `${setting} has an invalid port "${url.port}". ${expects}.`);
    }
  }
  let database: string;
  try {
    database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  } catch {
    throw new UserError('BAD_DATABASE_URL', `${setting} has a badly encoded database name. ${expects}.`);
  }
  if (!database || database.includes('/')) {
    throw new UserError('BAD_DATABASE_URL', `${setting} must name one database in its path. ${expects}.`);
  }
  const user = url.username ? `${decodeURIComponent(url.username)}@` : '';
  const host = url.hostname || url.searchParams.get('host') || '';
  const display = `postgres://${user}${host}${url.port ? `:${url.port}` : ''}/${database}`;
  const schema = url.searchParams.get('schema') ?? undefined;
  return { connectionString: value, display, database, ...(schema ? { schema } : {}) };
}

/** True when a store location is meant for PostgreSQL rather than a SQLite path. */
export function isPostgresUrl(value: string | undefined): boolean {
  return !!value && /^postgres(ql)?:/i.test(value.trim());
}
