import { createReadStream, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import type { BenchArticle } from './corpus.js';

/** Sentences without analysis: a split after . ! ? before a capital or quote (good enough for a floor). */
export function roughSentences(text: string): string[] {
  return text
    .split(/(?<=[.!?]["”’']?)\s+(?=["“‘']?[A-Z0-9])/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Articles per transaction, as `briefbot ingest` writes them (src/app/open-app.ts). */
const BATCH = 1000;

/**
 * The ingest floor: the same articles and sentences written with plain INSERTs into the same kind
 * of tables and external-content FTS5 indexes as the store (same tokenizer, same batch size and
 * pragmas), with no analysis, no entities, no dates and no duplicate checks.
 */
export async function floorIngest(
  corpusPath: string,
  dbPath: string,
): Promise<{ articles: number; sentences: number; ms: number }> {
  for (const suffix of ['', '-wal', '-shm']) rmSync(dbPath + suffix, { force: true });
  const db = new Database(dbPath);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('cache_size = -32768');
  db.exec(`
    CREATE TABLE articles (pk INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, title TEXT NOT NULL, source TEXT, url TEXT, published TEXT, text TEXT NOT NULL);
    CREATE TABLE sentences (id INTEGER PRIMARY KEY, article_pk INTEGER NOT NULL, idx INTEGER NOT NULL, text TEXT NOT NULL);
    CREATE VIRTUAL TABLE articles_fts USING fts5 (title, text, content = 'articles', content_rowid = 'pk', tokenize = 'porter unicode61 remove_diacritics 2');
    CREATE VIRTUAL TABLE sentences_fts USING fts5 (text, content = 'sentences', content_rowid = 'id', tokenize = 'porter unicode61 remove_diacritics 2');`);
  const insArticle = db.prepare(
    'INSERT INTO articles (id, title, source, url, published, text) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const insArticleFts = db.prepare('INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)');
  const insSentence = db.prepare('INSERT INTO sentences (article_pk, idx, text) VALUES (?, ?, ?)');
  const insSentenceFts = db.prepare('INSERT INTO sentences_fts (rowid, text) VALUES (?, ?)');
  let sentences = 0;
  const write = db.transaction((batch: BenchArticle[]) => {
    for (const a of batch) {
      const pk = Number(insArticle.run(a.id, a.title, a.source, a.url, a.published, a.text).lastInsertRowid);
      insArticleFts.run(pk, a.title, a.text);
      roughSentences(a.text).forEach((s, idx) => {
        const sid = insSentence.run(pk, idx, s).lastInsertRowid;
        insSentenceFts.run(sid, s);
        sentences++;
      });
    }
  });
  // Timed from the first line read to the last commit, as the real ingest is (minus its process start).
  const start = performance.now();
  let batch: BenchArticle[] = [];
  let articles = 0;
  for await (const line of createInterface({ input: createReadStream(corpusPath), crlfDelay: Infinity })) {
    if (!line) continue;
    batch.push(JSON.parse(line) as BenchArticle);
    articles++;
    if (batch.length === BATCH) {
      write(batch);
      batch = [];
    }
  }
  write(batch);
  const ms = performance.now() - start;
  db.close();
  return { articles, sentences, ms };
}
