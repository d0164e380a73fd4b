import { readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ArticleInput } from '../../../src/store/article-store.js';
import { openSqliteStore, type SqliteArticleStore } from '../../../src/store/sqlite/sqlite-store.js';
import { analyze } from '../../../src/text/analyze.js';

/** The digest fixture articles (test/fixtures/digest), so tests run without /work/shared. */
export const FIXTURE_ARTICLES: ArticleInput[] = JSON.parse(
  readFileSync(new URL('../../fixtures/digest/articles.json', import.meta.url), 'utf8'),
);

export function fixture(id: string): ArticleInput {
  const a = FIXTURE_ARTICLES.find((x) => x.id === id);
  if (!a) throw new Error(`no fixture article ${id}`);
  return a;
}

/** A settable clock shared by the store (ingestion times) and the digest runner. */
export class TestClock {
  /** `system`: read Date itself instead (tests that move time with fake timers under node-cron). */
  constructor(
    private t: Date,
    private readonly system = false,
  ) {}
  readonly now = () => (this.system ? new Date() : new Date(this.t));
  set(iso: string | Date): void {
    this.t = new Date(iso);
  }
  advance(ms: number): void {
    this.t = new Date(this.t.getTime() + ms);
  }
}

export interface TempStore {
  dir: string;
  path: string;
  store: SqliteArticleStore;
  cleanup(): Promise<void>;
}

/** A real SQLite store in a temporary folder. */
export async function tempStore(clock: () => Date): Promise<TempStore> {
  const dir = mkdtempSync(join(tmpdir(), 'briefbot-digest-'));
  const path = join(dir, 'store.db');
  const store = await openSqliteStore(path, { clock });
  return {
    dir,
    path,
    store,
    async cleanup() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Ingests an article through the real analyzer (at the store clock's time). */
export async function ingest(store: SqliteArticleStore, input: ArticleInput) {
  return store.upsert(input, analyze(input.text, input.published));
}
