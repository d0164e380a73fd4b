import type { Database } from 'better-sqlite3';
import type { EntityMention, ResolvedDate } from '../../text/types.js';
import { META_COLUMNS, parseJson, rowToMeta, type MetaRow } from '../sqlite/rows.js';
import type { ExportedArticle } from './pg-import.js';

interface ArticleRow extends MetaRow {
  pk: number;
  text: string;
  source_file: string | null;
}
interface SentenceRow {
  idx: number;
  text: string;
  entities: string;
  dates: string;
  has_number: number;
  injection: string | null;
}
interface PersonRow {
  key: string;
  name: string;
  role: string | null;
  affiliation: string | null;
  mentions: number;
}
interface QuoteRow {
  speaker_key: string;
  text: string;
  sentence_idx: number;
  direct: number;
}

/**
 * Reads every article of a SQLite store with its stored analysis, in insertion order, a batch at a
 * time so a large store never sits in memory whole. It reads the tables rather than the
 * ArticleStore interface because the interface only offers people aggregated across articles,
 * and a copy must keep each article's own records.
 */
export function* readSqliteArticles(db: Database, batchSize = 200): Generator<ExportedArticle[]> {
  const page = db.prepare(
    `SELECT a.pk, a.text, a.source_file, ${META_COLUMNS} FROM articles a WHERE a.pk > ? ORDER BY a.pk LIMIT ?`,
  );
  const sentences = db.prepare(
    'SELECT idx, text, entities, dates, has_number, injection FROM sentences WHERE article_pk = ? ORDER BY idx',
  );
  const people = db.prepare(
    'SELECT key, name, role, affiliation, mentions FROM people WHERE article_pk = ? ORDER BY rowid',
  );
  const quotes = db.prepare(
    'SELECT speaker_key, text, sentence_idx, direct FROM quotes WHERE article_pk = ? ORDER BY rowid',
  );
  let after = 0;
  for (;;) {
    const rows = page.all(after, batchSize) as ArticleRow[];
    if (!rows.length) return;
    after = rows[rows.length - 1].pk;
    yield rows.map((a) => {
      // SQLite keeps no sentence offsets; they are found again in the text, in order.
      let cursor = 0;
      const analysed = (sentences.all(a.pk) as SentenceRow[]).map((s) => {
        const at = a.text.indexOf(s.text, cursor);
        const start = at >= 0 ? at : cursor;
        cursor = at >= 0 ? at + s.text.length : cursor;
        return {
          idx: s.idx,
          text: s.text,
          start,
          end: start + s.text.length,
          entities: parseJson<EntityMention[]>(s.entities, []),
          dates: parseJson<ResolvedDate[]>(s.dates, []),
          hasNumber: s.has_number === 1,
          ...(s.injection !== null ? { injection: s.injection } : {}),
        };
      });
      return {
        meta: rowToMeta(a),
        text: a.text,
        sourceFile: a.source_file ?? undefined,
        analysis: {
          sentences: analysed,
          people: (people.all(a.pk) as PersonRow[]).map((p) => ({
            key: p.key,
            name: p.name,
            mentions: p.mentions,
            ...(p.role !== null ? { role: p.role } : {}),
            ...(p.affiliation !== null ? { affiliation: p.affiliation } : {}),
          })),
          quotes: (quotes.all(a.pk) as QuoteRow[]).map((q) => ({
            speakerKey: q.speaker_key,
            text: q.text,
            sentenceIdx: q.sentence_idx,
            direct: q.direct === 1,
          })),
        },
      };
    });
  }
}

/** Row counts of a SQLite store, for verifying a copy. */
export function sqliteCounts(db: Database): { articles: number; sentences: number; people: number; quotes: number } {
  const n = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return { articles: n('articles'), sentences: n('sentences'), people: n('people'), quotes: n('quotes') };
}
