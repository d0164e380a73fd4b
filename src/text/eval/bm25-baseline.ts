import type { Database } from 'better-sqlite3';
import { ftsAnyOf } from '../../store/fts-terms.js';
import { STOP_WORDS } from '../stopwords.js';
import { fold } from '../fold.js';

/**
 * The baseline /ask must beat: a plain FTS5 bm25() search over the store's sentences with the
 * question's words (stop words dropped, any of them may match), answering with its top sentence
 * and declining only when nothing matches. Reads the SQLite store's own FTS index directly.
 */
export function bm25TopSentence(db: Database, question: string): { text: string; articleId: string } | undefined {
  const words = (question.match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu) ?? []).filter((w) => !STOP_WORDS.has(fold(w)));
  const match = ftsAnyOf(words);
  if (!match) return undefined;
  return db
    .prepare(
      `SELECT s.text AS text, a.id AS articleId FROM sentences_fts JOIN sentences s ON s.id = sentences_fts.rowid
       JOIN articles a ON a.pk = s.article_pk WHERE sentences_fts MATCH ? ORDER BY bm25(sentences_fts) LIMIT 1`,
    )
    .get(match) as { text: string; articleId: string } | undefined;
}
