import { copyFileSync, readFileSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { article } from './analysis-fixture.js';
import { storeSuite } from './store-suite.js';
import { tempDir } from './temp-dir.js';

const dir = tempDir('briefbot-sqlite-');
let n = 0;
const freshPath = () => join(dir, `store-${++n}.db`);

storeSuite(
  'sqlite',
  () => openSqliteStore(freshPath()),
  (store) => openSqliteStore(store.location),
);

async function expectUserError(promise: Promise<unknown>, code: string, path: string): Promise<UserError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserError);
  expect((error as UserError).code).toBe(code);
  expect((error as UserError).message).toContain(path);
  expect((error as UserError).message).not.toMatch(/\n\s+at /); // a sentence, not a stack
  return error as UserError;
}

describe('SQLite store specifics', () => {
  it('opens in WAL mode with foreign keys on', async () => {
    const store = await openSqliteStore(freshPath());
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.kind).toBe('sqlite');
    await store.close();
  });

  it('creates the folder of a new store path', async () => {
    const path = join(dir, 'nested', 'deeper', 'store.db');
    const store = await openSqliteStore(path);
    expect(existsSync(path)).toBe(true);
    await store.close();
  });

  it('finds accented names by their unaccented spelling and plural words by their singular', async () => {
    const store = await openSqliteStore(freshPath());
    const a = article(['President Andrés Manuel López Obrador met the officials.']);
    await store.upsert({ id: 'amlo', title: 'Meeting', text: a.text }, a.analysis);
    expect((await store.searchSentences(['Lopez'])).map((h) => h.articleId)).toEqual(['amlo']);
    expect((await store.searchSentences(['official'])).map((h) => h.articleId)).toEqual(['amlo']);
    await store.close();
  });

  it('keeps ingestion time and moves the change time on replacement, by the injected clock', async () => {
    let now = new Date('2024-01-01T10:00:00Z');
    const store = await openSqliteStore(freshPath(), { clock: () => now });
    const a = article(['The first version of the story.']);
    await store.upsert({ id: 's', title: 'S', text: a.text }, a.analysis);
    now = new Date('2024-01-02T10:00:00Z');
    const b = article(['The second version of the story.']);
    await store.upsert({ id: 's', title: 'S', text: b.text }, b.analysis);
    expect(await store.get('s')).toMatchObject({
      ingestedAt: '2024-01-01T10:00:00.000Z',
      updatedAt: '2024-01-02T10:00:00.000Z',
      version: 2,
    });
    expect((await store.listArticles({ changedAfter: '2024-01-01T12:00:00Z' })).map((x) => x.id)).toEqual(['s']);
    await store.close();
  });

  it('keeps both full-text indexes exactly in step with the tables through adds and replacements', async () => {
    const store = await openSqliteStore(freshPath());
    for (let v = 1; v <= 3; v++) {
      const a = article([`Version ${v} of the harbour story.`, `The ferry ran ${v} times.`]);
      await store.upsert({ id: 'harbour', title: `Harbour v${v}`, text: a.text }, a.analysis);
      const b = article([`Unrelated story number ${v} about gardens.`]);
      await store.upsert({ url: `https://news.example/garden-${v}`, title: `Garden ${v}`, text: b.text }, b.analysis);
    }
    // integrity-check compares each external-content index with its table, row by row.
    expect(() =>
      store.db.exec("INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)"),
    ).not.toThrow();
    expect(() =>
      store.db.exec("INSERT INTO sentences_fts (sentences_fts, rank) VALUES ('integrity-check', 1)"),
    ).not.toThrow();
    expect((await store.searchSentences(['version'])).map((h) => h.text)).toEqual(['Version 3 of the harbour story.']);
    // The check can fail: an index entry without its row is reported as corruption.
    store.db.prepare("INSERT INTO sentences_fts (rowid, text) VALUES (999999, 'orphan entry')").run();
    expect(() =>
      store.db.exec("INSERT INTO sentences_fts (sentences_fts, rank) VALUES ('integrity-check', 1)"),
    ).toThrow();
    await store.close();
  });

  it('writes a batch in one transaction and skips a duplicate within the batch', async () => {
    const store = await openSqliteStore(freshPath());
    const a = article(['One story about rivers.']);
    const b = article(['Another story about mountains.']);
    const results = await store.upsertMany([
      { input: { id: 'a', title: 'A', text: a.text }, analysis: a.analysis },
      { input: { id: 'b', title: 'B', text: b.text }, analysis: b.analysis },
      { input: { id: 'c', title: 'C', text: a.text }, analysis: a.analysis },
    ]);
    expect(results.map((r) => r.status)).toEqual(['added', 'added', 'skipped']);
    expect(results[2].reason).toBe('duplicate of a');
    await store.close();
  });

  it('keeps its data across close and reopen', async () => {
    const path = freshPath();
    const store = await openSqliteStore(path);
    const a = article(['A durable story.']);
    await store.upsert({ id: 'd', title: 'D', text: a.text }, a.analysis);
    await store.close();
    const again = await openSqliteStore(path);
    expect((await again.get('d'))!.text).toBe('A durable story.');
    expect((await again.searchSentences(['durable'])).length).toBe(1);
    await again.close();
  });

  it('refuses a file that is not a database with STORE_NOT_DATABASE naming the path, leaving the file unchanged', async () => {
    const path = join(dir, 'notes.txt');
    const content = 'These are my notes, not a database.\n'.repeat(50);
    writeFileSync(path, content);
    await expectUserError(openSqliteStore(path), 'STORE_NOT_DATABASE', path);
    await expectUserError(openSqliteStore(path, { readonly: true }), 'STORE_NOT_DATABASE', path);
    expect(readFileSync(path, 'utf8')).toBe(content);
    expect(existsSync(`${path}-wal`)).toBe(false);
    expect(existsSync(`${path}-journal`)).toBe(false);
  });

  it('refuses a folder given as the store path', async () => {
    const path = join(dir, 'a-folder');
    mkdirSync(path);
    await expectUserError(openSqliteStore(path), 'STORE_CANTOPEN', path);
  });

  it('refuses a database locked by another connection with STORE_LOCKED, leaving the file unchanged', async () => {
    const path = freshPath();
    const a = article(['A story stored before the lock.']);
    const first = await openSqliteStore(path);
    await first.upsert({ id: 'kept', title: 'Kept', text: a.text }, a.analysis);
    await first.close();
    // Another program switches the file to a rollback journal and holds an exclusive lock with a
    // pending write: even reading must wait.
    const other = new Database(path);
    other.pragma('journal_mode = DELETE');
    other.exec('BEGIN EXCLUSIVE');
    other.exec("UPDATE articles SET title = 'changed by the other program'");
    const before = readFileSync(path);
    await expectUserError(openSqliteStore(path, { busyTimeoutMs: 50 }), 'STORE_LOCKED', path);
    expect(readFileSync(path).equals(before)).toBe(true);
    other.exec('ROLLBACK');
    other.close();
    // Once the lock is gone the same file opens with its article intact.
    const store = await openSqliteStore(path);
    expect((await store.get('kept'))!.title).toBe('Kept');
    await store.close();
  });

  it("refuses another program's SQLite database with STORE_FOREIGN, leaving the file unchanged", async () => {
    const path = join(dir, 'places.sqlite');
    const other = new Database(path);
    other.exec("CREATE TABLE bookmarks (url TEXT); INSERT INTO bookmarks VALUES ('https://example.org')");
    other.close();
    const before = readFileSync(path);
    await expectUserError(openSqliteStore(path), 'STORE_FOREIGN', path);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('fails a write with STORE_LOCKED while another writer holds the lock, losing nothing', async () => {
    const path = freshPath();
    const store = await openSqliteStore(path, { busyTimeoutMs: 50 });
    const a = article(['A story written before the lock.']);
    await store.upsert({ id: 'first', title: 'First', text: a.text }, a.analysis);
    const other = new Database(path);
    other.exec('BEGIN EXCLUSIVE');
    const b = article(['A story written during the lock.']);
    await expectUserError(
      store.upsert({ id: 'second', title: 'Second', text: b.text }, b.analysis),
      'STORE_LOCKED',
      path,
    );
    // Readers still read beside the writer (WAL).
    expect((await store.stats()).articles).toBe(1);
    other.exec('COMMIT');
    other.close();
    expect((await store.upsert({ id: 'second', title: 'Second', text: b.text }, b.analysis)).status).toBe('added');
    expect((await store.stats()).articles).toBe(2);
    await store.close();
  });

  it('reads a store opened read-only and refuses writes with STORE_READONLY', async () => {
    const path = freshPath();
    const writer = await openSqliteStore(path);
    const a = article(['A story for readers only.']);
    await writer.upsert({ id: 'r', title: 'R', text: a.text }, a.analysis);
    await writer.close();
    const reader = await openSqliteStore(path, { readonly: true });
    expect((await reader.get('r'))!.title).toBe('R');
    const b = article(['A story that cannot be written.']);
    await expectUserError(reader.upsert({ id: 'w', title: 'W', text: b.text }, b.analysis), 'STORE_READONLY', path);
    await reader.close();
  });

  it('refuses to open a missing store read-only instead of creating it', async () => {
    const path = join(dir, 'missing.db');
    await expectUserError(openSqliteStore(path, { readonly: true }), 'STORE_MISSING', path);
    expect(existsSync(path)).toBe(false);
  });

  it('opens a copy of a store made by this version without migrating it again', async () => {
    const path = freshPath();
    const store = await openSqliteStore(path);
    const rows = store.db.prepare('SELECT component, version FROM schema_migrations').all();
    await store.close();
    const copy = join(dir, 'copy.db');
    copyFileSync(path, copy);
    const reopened = await openSqliteStore(copy);
    expect(reopened.db.prepare('SELECT component, version FROM schema_migrations').all()).toEqual(rows);
    await reopened.close();
  });

  it('lets another component add its tables through the same migrations table', async () => {
    const store = await openSqliteStore(freshPath());
    const ledger = [
      { version: 1, up: 'CREATE TABLE ledger (id INTEGER PRIMARY KEY, note TEXT)' },
      { version: 2, up: (db: Database.Database) => db.exec('ALTER TABLE ledger ADD COLUMN sent_at TEXT') },
    ];
    expect(store.migrate('digest-ledger', ledger)).toEqual([1, 2]);
    expect(store.migrate('digest-ledger', ledger)).toEqual([]);
    store.db.prepare("INSERT INTO ledger (note, sent_at) VALUES ('x', 'now')").run();
    const components = store.db.prepare('SELECT DISTINCT component FROM schema_migrations ORDER BY component').all();
    expect(components).toEqual([{ component: 'article-store' }, { component: 'digest-ledger' }]);
    await store.close();
  });

  it('fails calls on a closed store with STORE_CLOSED', async () => {
    const store = await openSqliteStore(freshPath());
    await store.close();
    await store.close(); // closing twice is harmless
    await expect(store.stats()).rejects.toMatchObject({ code: 'STORE_CLOSED' });
  });
});
