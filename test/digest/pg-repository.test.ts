import { describe, it } from 'vitest';
import { PgDigestRepository } from '../../src/digest/postgres/pg-digest-repository.js';
import { PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { dropSchema, shouldRunPostgres, TEST_DATABASE_URL, testSchema } from '../store/postgres-test-db.js';
import { describeDigestRepository } from './repository-contract.js';

const run = await shouldRunPostgres('digest ledger on PostgreSQL');

if (run) {
  describeDigestRepository('PostgreSQL', async () => {
    const schema = testSchema('bb_digest');
    const store = new PostgresStore(TEST_DATABASE_URL, { schema });
    await store.ready;
    return {
      repo: new PgDigestRepository(store),
      async close() {
        await store.close();
        await dropSchema(schema);
      },
    };
  });
} else {
  describe.skip('DigestRepository contract: PostgreSQL (server unreachable)', () =>
    it('needs PostgreSQL', () => undefined));
}
