import pg from 'pg';
import { randomBytes } from 'node:crypto';

/** The machine's PostgreSQL (trust auth, database `test`); TEST_DATABASE_URL overrides it. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A schema name no other run uses, so parallel runs and colleagues never see each other's rows. */
export function testSchema(prefix = 'bb_test'): string {
  return `${prefix}_${randomBytes(5).toString('hex')}`;
}

/** The same URL with another host:port, for going through a TcpProxy. */
export function viaProxy(hostPort: string, url = TEST_DATABASE_URL): string {
  const u = new URL(url);
  u.host = hostPort;
  return u.toString();
}

/** True when the test server answers; in CI a missing server is a failure, not a skip. */
export async function postgresReachable(url = TEST_DATABASE_URL): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export const IN_CI = process.env.CI === 'true' || process.env.CI === '1';

/** Whether PostgreSQL tests should run; logs why when they are skipped. */
export async function shouldRunPostgres(suite: string): Promise<boolean> {
  if (await postgresReachable()) return true;
  if (IN_CI)
    throw new Error(
      `${suite}: PostgreSQL at ${TEST_DATABASE_URL} is unreachable, and CI requires it (run .ci/ensure-postgres.sh).`,
    );
  console.warn(
    `${suite}: skipped — PostgreSQL at ${TEST_DATABASE_URL} is unreachable (start it with .ci/ensure-postgres.sh).`,
  );
  return false;
}

/** Drops a test schema and everything in it. */
export async function dropSchema(schema: string, url = TEST_DATABASE_URL): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(schema)} CASCADE`);
  } finally {
    await client.end();
  }
}
