import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import { openStore, storeReadiness } from '../../src/store/open-store.js';
import { dropSchema, shouldRunPostgres, testSchema, TEST_DATABASE_URL } from './postgres-test-db.js';

const run = await shouldRunPostgres('postgres-open-store');

describe('choosing the store from the configuration', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bb-open-store-'));
  const schemas: string[] = [];
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    if (run) for (const s of schemas) await dropSchema(s);
  });

  it('opens SQLite at the path when DATABASE_URL is not set (or blank)', async () => {
    for (const databaseUrl of [undefined, '', '   ']) {
      const store = await openStore({ path: join(dir, 'a.db'), databaseUrl });
      expect(store.kind).toBe('sqlite');
      expect(storeReadiness(store)).toEqual({ ready: true });
      await store.close();
    }
  });

  it('rejects a DATABASE_URL that is set but not PostgreSQL, rather than silently using SQLite', async () => {
    const error = await openStore({ path: join(dir, 'b.db'), databaseUrl: 'sqlite:briefbot.db' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).code).toBe('BAD_DATABASE_URL');
    expect((error as UserError).message).toMatch(/^DATABASE_URL uses the scheme "sqlite"/);
  });

  it('rejects a schema name in DATABASE_URL that is not a plain identifier', async () => {
    await expect(openStore({ databaseUrl: `${TEST_DATABASE_URL}?schema=bad;drop` })).rejects.toThrow(
      /DATABASE_URL \?schema=/,
    );
  });

  it.skipIf(!run)(
    'opens PostgreSQL when DATABASE_URL is set, in the schema named by ?schema=, showing no password',
    async () => {
      const schema = testSchema('bb_open');
      schemas.push(schema);
      const url = new URL(TEST_DATABASE_URL);
      url.password = 'not-needed-with-trust';
      url.searchParams.set('schema', schema);
      const store = await openStore({ databaseUrl: url.toString() });
      try {
        expect(store.kind).toBe('postgres');
        expect(store.location).toBe(`postgres://${url.username}@${url.host}/test (schema ${schema})`);
        expect(store.location).not.toContain('not-needed');
        expect(storeReadiness(store)).toEqual({ ready: true });
      } finally {
        await store.close();
      }
      expect(storeReadiness(store)).toEqual({ ready: false, reason: 'store closed' });
    },
  );
});
