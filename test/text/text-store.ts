import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openSqliteStore, type SqliteArticleStore } from '../../src/store/sqlite/sqlite-store.js';
import type { ArticleInput } from '../../src/store/article-store.js';
import { analyze } from '../../src/text/analyze.js';

/** The first article, raw as collected (no title line, no date). */
export const FIXTURE_TEXT = readFileSync(
  fileURLToPath(new URL('../fixtures/text/us-mexico-security-dialogue.txt', import.meta.url)),
  'utf8',
);
export const FIXTURE_DATE = '2021-10-08';

export interface TextStore {
  store: SqliteArticleStore;
  add(input: ArticleInput): Promise<void>;
  close(): Promise<void>;
}

/** A real SQLite store in a temp folder; articles go in with the real analyzer, as ingest does. */
export async function openTextStore(opts: { withFixture?: boolean } = {}): Promise<TextStore> {
  const dir = mkdtempSync(join(tmpdir(), 'briefbot-text-'));
  const store = await openSqliteStore(join(dir, 'store.db'));
  const add = async (input: ArticleInput) => {
    await store.upsert(input, analyze(input.text, input.published));
  };
  if (opts.withFixture !== false) {
    await add({
      id: 'us-mexico',
      title: 'U.S. and Mexico hold security dialogue',
      published: FIXTURE_DATE,
      url: 'https://example.test/us-mexico',
      text: FIXTURE_TEXT,
    });
  }
  return {
    store,
    add,
    close: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
