import { afterAll, describe } from 'vitest';
import { openPostgresStore, type PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { storeSuite } from './store-suite.js';
import { dropSchema, shouldRunPostgres, testSchema, TEST_DATABASE_URL } from './postgres-test-db.js';

// The whole ArticleStore contract, against the real PostgreSQL on this machine. Each store the
// suite opens lives in its own fresh schema; every schema is dropped when the file is done.
const run = await shouldRunPostgres('postgres-store');
const schemas: string[] = [];

describe.skipIf(!run)('PostgreSQL article store', () => {
  afterAll(async () => {
    for (const schema of schemas) await dropSchema(schema);
  });

  storeSuite(
    'postgres',
    async () => {
      const schema = testSchema();
      schemas.push(schema);
      return openPostgresStore(TEST_DATABASE_URL, { schema });
    },
    (store) => openPostgresStore(TEST_DATABASE_URL, { schema: (store as PostgresStore).db.schema }),
  );
});
