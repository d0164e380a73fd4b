import type { ArticleHit, SearchOptions, SentenceHit } from '../article-store.js';
import { TS_CONFIG } from './article-migrations.js';
import type { Queryable } from './pg-database.js';
import { META_COLUMNS, SENTENCE_COLUMNS, toMeta, toSentenceHit, type MetaRow, type SentenceRow } from './pg-rows.js';
import { buildTermQuery, type TermQuery } from './term-query.js';

// ts_headline options matching the SQLite store's snippet(…, '**', '**', '…', 24): one fragment of
// about 24 words from the body around the matches, matched words wrapped in **.
const HEADLINE = `StartSel=**, StopSel=**, MaxWords=24, MinWords=12, ShortWord=2, MaxFragments=1`;

/**
 * A BM25-like score from PostgreSQL's parts: ts_rank (term frequency, normalised by length) of each
 * term, weighted by the term's inverse document frequency, summed over the terms that match. Plain
 * ts_rank has no IDF, so a common word would outrank a rare name; the SQLite store's bm25() does
 * not let that happen and the two backends should rank alike.
 *
 * The rows matching any term are found once through the GIN index (`m`); document frequencies and
 * scores are then computed over those rows only. The row total is exact for small tables and the
 * planner's estimate for large ones, where an exact count would cost a full scan per query.
 */
function rankedSql(table: 'articles' | 'sentences', q: TermQuery, extraColumns = ''): string {
  // Sentences flagged at ingest as addressed to a model are never found (see injection-migration.ts).
  const kept = table === 'sentences' ? ' AND x.injection IS NULL' : '';
  return `terms(i, q) AS MATERIALIZED (VALUES ${q.valuesSql}),
  m AS MATERIALIZED (SELECT x.id, x.search ${extraColumns} FROM ${table} x WHERE x.search @@ ${q.anySql}${kept}),
  total AS MATERIALIZED (
    SELECT CASE WHEN c.reltuples >= 10000 THEN c.reltuples::float8
                ELSE greatest((SELECT count(*) FROM ${table}), 1)::float8 END AS n
    FROM pg_class c WHERE c.oid = '${table}'::regclass),
  weights AS MATERIALIZED (
    SELECT t.q, ln(1 + (total.n - d.df + 0.5) / (d.df + 0.5)) AS idf
    FROM terms t CROSS JOIN total
    CROSS JOIN LATERAL (SELECT count(*)::float8 AS df FROM m WHERE m.search @@ t.q) d
    WHERE numnode(t.q) > 0)`;
}

const SCORE = `(SELECT coalesce(sum(w.idf * ts_rank(m.search, w.q, 1)), 0) FROM weights w WHERE m.search @@ w.q)`;

export async function searchSentences(
  db: Queryable,
  terms: string[],
  opts: { limit?: number; articleIds?: string[] } = {},
): Promise<SentenceHit[]> {
  const q = buildTermQuery(terms);
  if (!q) return [];
  const params: unknown[] = [...q.params];
  let filter = '';
  if (opts.articleIds) {
    if (!opts.articleIds.length) return [];
    params.push(opts.articleIds);
    filter = `WHERE m.article_id = ANY($${params.length}::text[])`;
  }
  params.push(clampLimit(opts.limit, 20));
  const sql = `WITH ${rankedSql('sentences', q, ', x.article_id')},
  hits AS (
    SELECT m.id, ${SCORE} AS score FROM m
    ${filter}
    ORDER BY score DESC, m.id LIMIT $${params.length})
  SELECT ${SENTENCE_COLUMNS}, ${META_COLUMNS}, h.score
  FROM hits h JOIN sentences s ON s.id = h.id JOIN articles a ON a.id = s.article_id
  ORDER BY h.score DESC, s.id`;
  const r = await db.query<SentenceRow & { score: number }>(sql, params);
  return r.rows.map((row) => toSentenceHit(row, Number(row.score)));
}

/**
 * How many sentences match any of the terms (the same tsquery searchSentences uses), counting no
 * further than `cap`: the inner LIMIT stops the scan there, and nothing is ranked or loaded.
 */
export async function countSentences(db: Queryable, terms: string[], cap: number): Promise<number> {
  const q = buildTermQuery(terms);
  const limit = clampLimit(cap, 0);
  if (!q || limit === 0) return 0;
  const r = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (SELECT 1 FROM sentences s WHERE s.search @@ ${q.anySql} AND s.injection IS NULL LIMIT $${q.params.length + 1}) hits`,
    [...q.params, limit],
  );
  return r.rows[0].n;
}

export async function searchArticles(db: Queryable, terms: string[], opts: SearchOptions = {}): Promise<ArticleHit[]> {
  const q = buildTermQuery(terms);
  if (!q) return [];
  const params: unknown[] = [...q.params, clampLimit(opts.limit, 10)];
  const order =
    opts.order === 'newest'
      ? 'a.published DESC NULLS LAST, score DESC, a.pk'
      : 'score DESC, a.published DESC NULLS LAST, a.pk';
  // Headlines are costly, so they are made only for the rows that survive the limit.
  const sql = `WITH ${rankedSql('articles', q, ', x.published, x.pk')},
  hits AS (
    SELECT m.id, ${SCORE} AS score FROM m
    ORDER BY ${order.replace(/a\./g, 'm.')} LIMIT $${params.length})
  SELECT ${META_COLUMNS}, h.score,
    ${opts.snippet === false ? "''" : `ts_headline('${TS_CONFIG}', a.body, ${q.anySql}, '${HEADLINE}')`} AS snippet,
    left(a.body, 300) AS body_head, right(a.body, 300) AS body_tail
  FROM hits h JOIN articles a ON a.id = h.id
  ORDER BY ${order}`;
  const r = await db.query<MetaRow & { score: number; snippet: string; body_head: string; body_tail: string }>(
    sql,
    params,
  );
  return r.rows.map((row) => ({
    article: toMeta(row),
    snippet: withEllipses(row.snippet, row.body_head, row.body_tail),
    score: Number(row.score),
  }));
}

/** Marks a cut at either end with "…", as FTS5's snippet() does, so readers know text was left out. */
function withEllipses(snippet: string, head: string, tail: string): string {
  const flat = (s: string) => s.replace(/\*\*/g, '').replace(/\s+/g, ' ').trim();
  const plain = flat(snippet);
  const text = snippet.replace(/\s+/g, ' ').trim();
  if (!plain) return text;
  const startsBody = flat(head).startsWith(plain.slice(0, Math.min(plain.length, 40)));
  const endsBody = flat(tail).endsWith(plain.slice(-Math.min(plain.length, 40)));
  return `${startsBody ? '' : '…'}${text}${endsBody ? '' : '…'}`;
}

export function clampLimit(limit: number | undefined, fallback: number): number {
  if (limit === undefined || !Number.isFinite(limit)) return fallback;
  return Math.max(0, Math.min(1000, Math.floor(limit)));
}
