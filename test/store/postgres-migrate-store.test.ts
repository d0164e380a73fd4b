import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import { runMigrateStore } from '../../src/store/migrate-store.js';
import { openPostgresStore } from '../../src/store/postgres/postgres-store.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { ArticleStore } from '../../src/store/article-store.js';
import { analyze } from '../../src/text/analyze.js';
import { article } from './analysis-fixture.js';
import { dropSchema, shouldRunPostgres, testSchema, TEST_DATABASE_URL } from './postgres-test-db.js';

const run = await shouldRunPostgres('postgres-migrate-store');

/** Everything a reader of the store can see, minus scores (bm25 and ts_rank differ in scale). */
async function view(store: ArticleStore) {
  const strip = <T extends { score: number }>(hits: T[]) => hits.map(({ score: _s, ...rest }) => rest);
  const ids = (await store.listArticles()).map((a) => a.id);
  return {
    stats: await store.stats(),
    list: await store.listArticles(),
    articles: await Promise.all(ids.map((id) => store.get(id))),
    sentences: await Promise.all(ids.map(async (id) => strip(await store.sentencesOf(id)))),
    people: await store.people(),
    dated: await store.datedSentences(),
    search: strip(await store.searchSentences(['Blinken', 'Ebrard', 'security'], { limit: 50 })).map((h) => `${h.articleId}#${h.idx}`).sort(),
  };
}

describe.skipIf(!run)('briefbot migrate-store from SQLite to PostgreSQL', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bb-migrate-'));
  const path = join(dir, 'source.db');
  const schemas: string[] = [];
  const newSchema = () => {
    const s = testSchema('bb_migrate');
    schemas.push(s);
    return s;
  };

  beforeAll(async () => {
    const sqlite = await openSqliteStore(path);
    const text = readFileSync(new URL('../fixtures/articles/us-mexico-security-dialogue.txt', import.meta.url), 'utf8');
    await sqlite.upsert({ id: 'dialogue', title: 'U.S.-Mexico security dialogue', source: 'VOA', published: '2021-10-08', text }, analyze(text, '2021-10-08'));
    const paris = article(['Blinken held a news conference in Paris on Wednesday.', 'He said France was a strong partner.'], {
      people: [{ key: 'antony blinken', name: 'Antony Blinken', role: 'U.S. Secretary of State', mentions: 1 }],
      quotes: [{ speakerKey: 'antony blinken', text: 'France is a strong partner.', sentenceIdx: 1, direct: false }],
    });
    await sqlite.upsert({ id: 'paris', title: 'Blinken in Paris', url: 'https://news.example/paris', published: '2021-10-06', text: paris.text }, paris.analysis);
    const undated = article(['An undated note about the harbour and its security.']);
    await sqlite.upsert({ title: 'Harbour note', text: undated.text }, undated.analysis);
    await sqlite.close();
  });

  afterAll(async () => {
    for (const s of schemas) await dropSchema(s);
    rmSync(dir, { recursive: true, force: true });
  });

  it('copies every article with its stored analysis and times, verifies the counts, and reads back the same', async () => {
    const schema = newSchema();
    const report = await runMigrateStore({ from: `sqlite:${path}`, to: TEST_DATABASE_URL }, { schema });
    expect(report.copied).toBe(3);
    expect(report.alreadyThere).toBe(0);
    expect(report.target).toEqual(report.source);
    expect(report.source.articles).toBe(3);
    expect(report.source.people).toBeGreaterThan(1);

    const sqlite = await openSqliteStore(path, { readonly: true });
    const pg = await openPostgresStore(TEST_DATABASE_URL, { schema });
    try {
      const [a, b] = [await view(sqlite), await view(pg)];
      expect(b).toEqual(a);
    } finally {
      await sqlite.close();
      await pg.close();
    }
  });

  it('resumes safely when run again: nothing is copied twice and the counts still verify', async () => {
    const schema = newSchema();
    await runMigrateStore({ from: `sqlite:${path}`, to: TEST_DATABASE_URL }, { schema });
    const again = await runMigrateStore({ from: `sqlite:${path}`, to: TEST_DATABASE_URL }, { schema });
    expect(again).toMatchObject({ copied: 0, alreadyThere: 3 });
    expect(again.target).toEqual(again.source);
  });

  it('refuses to call the copy verified when the target already held a different article under the same id', async () => {
    const schema = newSchema();
    const pg = await openPostgresStore(TEST_DATABASE_URL, { schema });
    const other = article(['A different story that happens to use the id paris.']);
    await pg.upsert({ id: 'paris', title: 'Other', text: other.text }, other.analysis);
    await pg.close();
    const error = await runMigrateStore({ from: `sqlite:${path}`, to: TEST_DATABASE_URL }, { schema }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).code).toBe('MIGRATION_MISMATCH');
    expect((error as UserError).message).toMatch(/articles 3 → 3, sentences|sentences \d+ → \d+/);
  });

  it('names the flag when --from or --to is malformed', async () => {
    await expect(runMigrateStore({ from: 'mysql:db', to: TEST_DATABASE_URL })).rejects.toThrow(/--from must be sqlite:PATH/);
    await expect(runMigrateStore({ from: `sqlite:${path}`, to: 'postgres//nope' })).rejects.toThrow(/--to/);
  });
});
