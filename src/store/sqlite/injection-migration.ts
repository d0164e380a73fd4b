import type { Database } from 'better-sqlite3';
import { detectInjection } from '../../text/analysis/injection.js';

/**
 * Article store migration 5: a per-sentence prompt-injection flag. `injection` holds why a sentence
 * was taken for text addressed to a model (NULL for news); such sentences are never put in the
 * sentence index and every read that feeds answers, briefs, digests and timelines leaves them out.
 * Sentences stored before this step are examined once here: flagged ones leave the index and their
 * quotes are dropped (people found in them stay until the article is ingested again).
 */
export function addInjectionFlag(db: Database): void {
  db.exec(`ALTER TABLE sentences ADD COLUMN injection TEXT;
    CREATE INDEX sentences_injection ON sentences (article_pk) WHERE injection IS NOT NULL;`);
  // Collected first: better-sqlite3 cannot write while a statement is still iterating.
  const flagged: { id: number; article_pk: number; idx: number; text: string; reason: string }[] = [];
  const rows = db.prepare('SELECT id, article_pk, idx, text FROM sentences').iterate() as Iterable<{
    id: number;
    article_pk: number;
    idx: number;
    text: string;
  }>;
  for (const row of rows) {
    const finding = detectInjection(row.text);
    if (finding) flagged.push({ ...row, reason: finding.reason });
  }
  const mark = db.prepare('UPDATE sentences SET injection = ? WHERE id = ?');
  const unindex = db.prepare("INSERT INTO sentences_fts (sentences_fts, rowid, text) VALUES ('delete', ?, ?)");
  const dropQuotes = db.prepare('DELETE FROM quotes WHERE article_pk = ? AND sentence_idx = ?');
  for (const s of flagged) {
    mark.run(s.reason, s.id);
    unindex.run(s.id, s.text);
    dropQuotes.run(s.article_pk, s.idx);
  }
}
