import { afterAll, describe } from 'vitest';
import { openPostgresStore, type PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { dropSchema, shouldRunPostgres, testSchema, TEST_DATABASE_URL } from '../store/postgres-test-db.js';
import { groupingSuite } from './grouping-suite.js';

// The same grouping suite against the real PostgreSQL on this machine, one fresh schema per store.
const run = await shouldRunPostgres('postgres-grouping');
const schemas: string[] = [];

describe.skipIf(!run)('PostgreSQL story tables', () => {
  afterAll(async () => {
    for (const schema of schemas) await dropSchema(schema);
  });
  groupingSuite(
    'PostgreSQL',
    async () => {
      const schema = testSchema();
      schemas.push(schema);
      return openPostgresStore(TEST_DATABASE_URL, { schema });
    },
    (store) => openPostgresStore(TEST_DATABASE_URL, { schema: (store as PostgresStore).db.schema }),
  );
});
