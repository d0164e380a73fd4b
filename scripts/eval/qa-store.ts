import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore, type SqliteArticleStore } from '../../src/store/sqlite/sqlite-store.js';
import { ingestPaths } from '../../src/store/ingest/ingest.js';
import { analyze } from '../../src/text/analyze.js';

/** A SQLite store holding the given paths, built by the product's own ingest. */
export interface EvalStore {
  store: SqliteArticleStore;
  path: string;
  close(): Promise<void>;
}

/**
 * Opens `keep` when it exists (a store an earlier run built, for quick iterations: --store), else
 * ingests `paths` into `keep` or into a temporary file that close() removes.
 */
export async function evalStore(paths: string[], keep?: string): Promise<EvalStore> {
  if (keep && existsSync(keep)) {
    const store = await openSqliteStore(keep);
    return { store, path: keep, close: () => store.close() };
  }
  const dir = keep ? undefined : mkdtempSync(join(tmpdir(), 'briefbot-eval-'));
  const path = keep ?? join(dir!, 'eval.db');
  const store = await openSqliteStore(path);
  await ingestPaths(paths, { store, analyze, batchSize: 1000 });
  return {
    store,
    path,
    async close() {
      await store.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
