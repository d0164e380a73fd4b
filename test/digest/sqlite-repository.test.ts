import { SqliteDigestRepository } from '../../src/digest/sqlite/sqlite-digest-repository.js';
import { tempStore } from './helpers/digest-fixture.js';
import { describeDigestRepository } from './repository-contract.js';

describeDigestRepository('SQLite', async () => {
  const tmp = await tempStore(() => new Date('2026-03-01T00:00:00Z'));
  return { repo: await SqliteDigestRepository.open(tmp.store), close: () => tmp.cleanup() };
});
