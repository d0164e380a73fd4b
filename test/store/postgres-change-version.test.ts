import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { join } from 'node:path';
import { runMigrateStore } from '../../src/store/migrate-store.js';
import { ARTICLE_COMPONENT, openPostgresStore, type PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { ARTICLE_MIGRATIONS } from '../../src/store/postgres/article-migrations.js';
import { PgDatabase } from '../../src/store/postgres/pg-database.js';
import { migrate } from '../../src/store/postgres/pg-migrate.js';
import { writeArticle } from '../../src/store/postgres/pg-write.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { article } from './analysis-fixture.js';
import { dropSchema, shouldRunPostgres, testSchema, TEST_DATABASE_URL } from './postgres-test-db.js';
import { tempDir } from './temp-dir.js';

// The PostgreSQL change version is kept by the database (a counter row and statement triggers),
// so these tests write around the store's own upsert: as migrate-store, an older build or psql would.
const run = await shouldRunPostgres('postgres-change-version');

const story = (id: string, text = `Story ${id} reports that the harbour reopened.`) => {
  const a = article([text]);
  return { input: { id, title: `Story ${id}`, text: a.text }, analysis: a.analysis };
};

describe.skipIf(!run)('PostgreSQL change version', () => {
  const dir = tempDir('bb-change-');
  const schemas: string[] = [];
  const newSchema = () => {
    const s = testSchema('bb_change');
    schemas.push(s);
    return s;
  };
  afterAll(async () => {
    for (const s of schemas) await dropSchema(s);
  });
  /** How many writing transactions the counter has seen (the token's own spelling is opaque to callers). */
  const counter = async (store: PostgresStore) =>
    Number((await store.db.query('SELECT counter FROM article_changes')).rows[0].counter);

  it('moves when migrate-store copies articles in, and when a client on another search_path writes with plain SQL', async () => {
    const schema = newSchema();
    const store = await openPostgresStore(TEST_DATABASE_URL, { schema });
    const sqlitePath = join(dir, 'source.db');
    try {
      const sqlite = await openSqliteStore(sqlitePath);
      const copied = story('copied');
      await sqlite.upsert(copied.input, copied.analysis);
      await sqlite.close();

      const beforeCopy = await store.changeVersion();
      expect(await store.personTallies()).toEqual([]);
      const report = await runMigrateStore({ from: `sqlite:${sqlitePath}`, to: TEST_DATABASE_URL }, { schema });
      expect(report.copied).toBe(1);
      const afterCopy = await store.changeVersion();
      expect(afterCopy).not.toBe(beforeCopy);
      expect((await store.stats()).articles).toBe(1);

      // psql-like: its own connection, default search_path (public), schema-qualified tables.
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      try {
        await client.query(`DELETE FROM ${pg.escapeIdentifier(schema)}.articles WHERE id = 'copied'`);
      } finally {
        await client.end();
      }
      expect(await store.changeVersion()).not.toBe(afterCopy);
      expect((await store.stats()).articles).toBe(0);
    } finally {
      await store.close();
    }
  });

  it('counts each writing transaction once, and loses none when two processes write at the same time', async () => {
    const schema = newSchema();
    const [a, b] = await Promise.all([
      openPostgresStore(TEST_DATABASE_URL, { schema }),
      openPostgresStore(TEST_DATABASE_URL, { schema }),
    ]);
    try {
      const start = await counter(a);
      // One transaction of three articles (a dozen statements) is one bump.
      await a.upsertMany([story('one'), story('two'), story('three')]);
      expect(await counter(a)).toBe(start + 1);
      // A replacement (update and child deletes and inserts) is one bump too; a read is none.
      const revised = story('one', 'Story one now reports that the harbour stays shut.');
      expect((await b.upsert(revised.input, revised.analysis)).status).toBe('updated');
      await b.searchSentences(['harbour']);
      expect(await counter(a)).toBe(start + 2);

      // Upserts queue on an advisory lock; writers outside upsert (an import, an older build) do
      // not, so half of these go straight at the counter row at once, as they would.
      const racers = Array.from({ length: 16 }, (_, i) => story(`racer${i}`));
      const results = await Promise.all(
        racers.map((r, i) => {
          const store = i % 2 ? a : b;
          return i % 4 < 2
            ? store.upsert(r.input, r.analysis)
            : store.db.transaction((tx) => writeArticle(tx, r.input, r.analysis, new Date()));
        }),
      );
      expect(results.every((r) => r.status === 'added')).toBe(true);
      expect(await counter(b)).toBe(start + 2 + racers.length);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('leaves the version alone when a write rolls back', async () => {
    const store = await openPostgresStore(TEST_DATABASE_URL, { schema: newSchema() });
    try {
      const before = await store.changeVersion();
      const failed = store.db.transaction(async (tx) => {
        await writeArticle(tx, story('doomed').input, story('doomed').analysis, new Date());
        throw new Error('changed my mind');
      });
      await expect(failed).rejects.toThrow('changed my mind');
      expect(await store.changeVersion()).toBe(before);
      expect(await store.get('doomed')).toBeUndefined();
    } finally {
      await store.close();
    }
  });

  it('gives a store an older build wrote a version when opened, which moves with the older build’s later writes too', async () => {
    const schema = newSchema();
    // The older build: migrations 1–2 only, writing articles with no version code at all, and only
    // the columns its schema had (later migrations add nullable columns it leaves out).
    const older = new PgDatabase(TEST_DATABASE_URL, { schema });
    await older.open((db) => migrate(db, ARTICLE_COMPONENT, ARTICLE_MIGRATIONS.slice(0, 2)).then(() => undefined));
    const olderWrite = (id: string) =>
      older.transaction(async (tx) => {
        const text = story(id).input.text;
        await tx.query(
          `INSERT INTO articles (id, title, source, published, ingested_at, updated_at, content_hash, body)
          VALUES ($1, $1, 'Wire', '2021-10-08', now(), now(), $1, $2)`,
          [id, text],
        );
        await tx.query(
          `INSERT INTO sentences (article_id, idx, body, start_offset, end_offset) VALUES ($1, 0, $2, 0, $3)`,
          [id, text, text.length],
        );
      });
    try {
      await olderWrite('old');

      const store = await openPostgresStore(TEST_DATABASE_URL, { schema });
      try {
        const opened = await store.changeVersion();
        expect(opened).toMatch(/\S/);
        expect(await store.countSentences(['harbour'], 10)).toBe(1);
        expect((await store.stats()).articles).toBe(1);
        // A replica still running the older build keeps writing: the trigger in the database counts it.
        await olderWrite('older-again');
        expect(await store.changeVersion()).not.toBe(opened);
        expect((await store.stats()).articles).toBe(2);
      } finally {
        await store.close();
      }
    } finally {
      await older.close();
    }
  });

  it('does not repeat the tokens of a schema that was dropped and made again', async () => {
    const schema = newSchema();
    const first = await openPostgresStore(TEST_DATABASE_URL, { schema });
    const before = await first.changeVersion();
    await first.close();
    await dropSchema(schema);
    const again = await openPostgresStore(TEST_DATABASE_URL, { schema });
    try {
      expect(await again.changeVersion()).not.toBe(before);
    } finally {
      await again.close();
    }
  });

  it('counts sentences for a term holding a NUL character without an error', async () => {
    const store = await openPostgresStore(TEST_DATABASE_URL, { schema: newSchema() });
    try {
      await store.upsert(story('nul').input, story('nul').analysis);
      expect(await store.countSentences(['harbour\u0000reopened'], 10)).toBe(1);
      expect(await store.countSentences(['\u0000'], 10)).toBe(0);
    } finally {
      await store.close();
    }
  });
});
