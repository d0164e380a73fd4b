import type {
  ArticleHit,
  ArticleMeta,
  DatedSentence,
  PersonCard,
  PersonQuote,
  PersonTally,
  PeopleOptions,
  SearchOptions,
  SentenceHit,
  SentenceRef,
  StoreStats,
  StoredArticle,
} from '../article-store.js';
import { FLAGGED_ARTICLES_LISTED } from '../article-store.js';
import { ftsAnyOf } from '../fts-terms.js';
import {
  META_COLUMNS,
  SENTENCE_COLUMNS,
  canonicalTime,
  rowToMeta,
  rowsToHits,
  type MetaRow,
  type SentenceRow,
} from './rows.js';
import type { StatementCache } from './statement-cache.js';
import { aggregatePeople, personQuotes, personTallies, QUOTE_ORDER, type PersonRow, type QuoteRow } from './people.js';

/** A title match weighs this many times a body match. */
const TITLE_WEIGHT = 4.0;

/** Every read the store offers, as synchronous functions over the statement cache. */
export class ReadQueries {
  constructor(private readonly sql: StatementCache) {}

  get(id: string): StoredArticle | undefined {
    const row = this.sql
      .get<[string], MetaRow & { text: string }>(
        `SELECT ${META_COLUMNS}, a.text AS text FROM articles a WHERE a.id = ?`,
      )
      .get(id);
    return row ? { ...rowToMeta(row), text: row.text } : undefined;
  }

  sentencesOf(articleId: string): SentenceHit[] {
    const rows = this.sql
      .get<[string], SentenceRow>(
        `SELECT ${SENTENCE_COLUMNS}, ${META_COLUMNS}
         FROM articles a JOIN sentences s ON s.article_pk = a.pk WHERE a.id = ? AND s.injection IS NULL ORDER BY s.idx`,
      )
      .all(articleId);
    return rowsToHits(rows);
  }

  searchArticles(terms: string[], opts: SearchOptions = {}): ArticleHit[] {
    const match = ftsAnyOf(terms);
    if (!match) return [];
    const limit = clampLimit(opts.limit, 10);
    // The top `limit` articles are chosen first (by bm25, or by date for "newest"); snippet() then
    // runs for those few only, through a rowid-constrained MATCH. Computing snippets in the ranking
    // query would build one for every matching article before the sort.
    const top =
      opts.order === 'newest'
        ? `SELECT a.pk AS pk, a.published AS published, bm25(articles_fts, ${TITLE_WEIGHT}, 1.0) AS score
           FROM articles_fts JOIN articles a ON a.pk = articles_fts.rowid
           WHERE articles_fts MATCH @match ORDER BY a.published DESC, score LIMIT @limit`
        : `SELECT rowid AS pk, NULL AS published, bm25(articles_fts, ${TITLE_WEIGHT}, 1.0) AS score
           FROM articles_fts WHERE articles_fts MATCH @match ORDER BY score LIMIT @limit`;
    const order = opts.order === 'newest' ? 'hits.published DESC, hits.score' : 'hits.score';
    if (opts.snippet === false) {
      const plain = this.sql
        .get<[{ match: string; limit: number }], MetaRow & { score: number }>(
          `WITH hits AS MATERIALIZED (${top})
           SELECT ${META_COLUMNS}, hits.score AS score FROM hits JOIN articles a ON a.pk = hits.pk ORDER BY ${order}`,
        )
        .all({ match, limit });
      return plain.map((row) => ({ article: rowToMeta(row), snippet: '', score: -row.score }));
    }
    const rows = this.sql
      .get<[{ match: string; limit: number }], MetaRow & { snippet: string; score: number }>(
        `WITH hits AS MATERIALIZED (${top})
         SELECT ${META_COLUMNS}, snippet(articles_fts, 1, '**', '**', '…', 24) AS snippet, hits.score AS score
         FROM hits JOIN articles_fts ON articles_fts.rowid = hits.pk JOIN articles a ON a.pk = hits.pk
         WHERE articles_fts MATCH @match ORDER BY ${order}`,
      )
      .all({ match, limit });
    return rows.map((row) => ({ article: rowToMeta(row), snippet: row.snippet, score: -row.score }));
  }

  searchSentences(terms: string[], opts: { limit?: number; articleIds?: string[] } = {}): SentenceHit[] {
    const match = ftsAnyOf(terms);
    if (!match) return [];
    const limit = clampLimit(opts.limit, 20);
    if (opts.articleIds) {
      if (opts.articleIds.length === 0) return [];
      // The rowid bounds are implied by the article filter (they are the least and greatest sentence
      // ids of those articles) but FTS5 can use them to skip the index's other entries: a digest's
      // window is the newest articles, so a topic common across 100,000 articles stays cheap.
      const ids = JSON.stringify(opts.articleIds);
      const rows = this.sql
        .get<[{ match: string; ids: string; limit: number }], SentenceRow>(
          `WITH bounds AS MATERIALIZED (
             SELECT min(s.id) AS lo, max(s.id) AS hi FROM articles a JOIN sentences s ON s.article_pk = a.pk
             WHERE a.id IN (SELECT value FROM json_each(@ids))
           )
           SELECT ${SENTENCE_COLUMNS}, ${META_COLUMNS}, -bm25(sentences_fts) AS score
           FROM sentences_fts JOIN sentences s ON s.id = sentences_fts.rowid JOIN articles a ON a.pk = s.article_pk
           WHERE sentences_fts MATCH @match
             AND sentences_fts.rowid >= (SELECT lo FROM bounds) AND sentences_fts.rowid <= (SELECT hi FROM bounds)
             AND a.id IN (SELECT value FROM json_each(@ids)) AND s.injection IS NULL
           ORDER BY bm25(sentences_fts) LIMIT @limit`,
        )
        .all({ match, ids, limit });
      return rowsToHits(rows);
    }
    // The top-k is taken on the FTS table alone (a materialised CTE), so the cost is the bare
    // bm25 query plus `limit` primary-key lookups, never a join over every match. ORDER BY bm25()
    // rather than ORDER BY rank: FTS5 serves "rank" ordering through a second internal query,
    // which measured about twice as slow here.
    const rows = this.sql
      .get<[string, number], SentenceRow>(
        `WITH hits AS MATERIALIZED (
           SELECT rowid AS sid, bm25(sentences_fts) AS score FROM sentences_fts
           WHERE sentences_fts MATCH ? ORDER BY score LIMIT ?
         )
         SELECT ${SENTENCE_COLUMNS}, ${META_COLUMNS}, -hits.score AS score
         FROM hits JOIN sentences s ON s.id = hits.sid JOIN articles a ON a.pk = s.article_pk
         WHERE s.injection IS NULL
         ORDER BY hits.score`,
      )
      .all(match, limit);
    return rowsToHits(rows);
  }

  listArticles(opts: { limit?: number; changedAfter?: string; changedUpTo?: string } = {}): ArticleMeta[] {
    const after = canonicalTime(opts.changedAfter);
    const upTo = canonicalTime(opts.changedUpTo);
    // Only the conditions in use are in the SQL (four cached shapes), so the planner can use the
    // updated_at index for a change window and the date index otherwise.
    const where = [after !== null ? 'a.updated_at > @after' : '', upTo !== null ? 'a.updated_at <= @upTo' : '']
      .filter(Boolean)
      .join(' AND ');
    const rows = this.sql
      .get<[Record<string, string | number>], MetaRow>(
        `SELECT ${META_COLUMNS} FROM articles a ${where ? `WHERE ${where}` : ''}
         ORDER BY a.published DESC, a.updated_at DESC LIMIT @limit`,
      )
      .all({
        ...(after !== null ? { after } : {}),
        ...(upTo !== null ? { upTo } : {}),
        limit: opts.limit === undefined ? -1 : clampLimit(opts.limit, 0),
      });
    return rows.map(rowToMeta);
  }

  countSentences(terms: string[], cap: number): number {
    const match = ftsAnyOf(terms);
    if (!match) return 0;
    // The inner LIMIT stops the FTS scan at `cap` matches; no bm25 is computed.
    return this.sql
      .get<[string, number], { n: number }>(
        'SELECT count(*) AS n FROM (SELECT 1 FROM sentences_fts WHERE sentences_fts MATCH ? LIMIT ?)',
      )
      .get(match, clampLimit(cap, 0))!.n;
  }

  sentenceTexts(refs: readonly SentenceRef[]): (SentenceRef & { text: string })[] {
    if (!refs.length) return [];
    // One statement for all positions: json_each drives, each position is two index lookups.
    return this.sql
      .get<[string], SentenceRef & { text: string }>(
        `SELECT a.id AS articleId, s.idx AS idx, s.text AS text
         FROM json_each(?) r
         JOIN articles a ON a.id = json_extract(r.value, '$[0]')
         JOIN sentences s ON s.article_pk = a.pk AND s.idx = json_extract(r.value, '$[1]') AND s.injection IS NULL`,
      )
      .all(JSON.stringify(refs.map((r) => [r.articleId, r.idx])));
  }

  personKeys(): string[] {
    return this.sql
      .get<[], { key: string }>('SELECT DISTINCT key FROM people ORDER BY key')
      .all()
      .map((r) => r.key);
  }

  people(opts: PeopleOptions = {}): PersonCard[] {
    const list = opts.keys ? JSON.stringify(opts.keys) : null;
    // Two SQL shapes, not "@list IS NULL OR key IN (…)": with the OR the planner cannot use the
    // key index and reads every person (and every quote) in the store for a handful of keys.
    const onlyPeople = list === null ? '' : 'WHERE p.key IN (SELECT value FROM json_each(@list))';
    const people = this.sql
      .get<[{ list?: string }], PersonRow>(
        `SELECT p.key, p.name, p.role, p.affiliation, p.mentions, p.article_pk
         FROM people p JOIN articles a ON a.pk = p.article_pk ${onlyPeople}
         ORDER BY p.key, a.published, a.pk`,
      )
      .all(list === null ? {} : { list });
    if (opts.quotes === false) return aggregatePeople(people, []);
    const onlyQuotes = list === null ? '' : 'WHERE q.speaker_key IN (SELECT value FROM json_each(@list))';
    const params: { list?: string; newest?: number } = list === null ? {} : { list };
    if (opts.newestQuotes !== undefined) params.newest = clampLimit(opts.newestQuotes, 0);
    const read = `SELECT q.speaker_key, q.text AS q_text, q.sentence_idx, q.direct, ${META_COLUMNS},
        a.published AS o1, a.pk AS o2, q.sentence_idx AS o3, q.rowid AS o4
      FROM quotes q JOIN articles a ON a.pk = q.article_pk ${onlyQuotes}`;
    // The newest n, taken by the database, then back in card order (QUOTE_ORDER).
    const quotes = this.sql
      .get<[typeof params], QuoteRow>(
        opts.newestQuotes === undefined
          ? `${read} ORDER BY ${QUOTE_ORDER}`
          : `SELECT * FROM (${read} ORDER BY o1 DESC, o2 DESC, o3 DESC, o4 DESC LIMIT @newest)
             ORDER BY o1, o2, o3, o4`,
      )
      .all(params);
    return aggregatePeople(people, quotes);
  }

  articleCount(): number {
    return this.sql.get<[], { n: number }>('SELECT count(*) AS n FROM articles').get()!.n;
  }

  personTallies(): PersonTally[] {
    return personTallies(this.sql);
  }

  personQuotes(keys: string[], limit?: number): { key: string; quotes: PersonQuote[] }[] {
    return personQuotes(this.sql, keys, limit);
  }

  datedSentences(opts: { articleIds?: string[] } = {}): DatedSentence[] {
    const list = opts.articleIds ? JSON.stringify(opts.articleIds) : null;
    // As in people(): a separate shape for a list, so the planner looks the articles up instead of
    // scanning every dated sentence in the store.
    const only = list === null ? '' : 'WHERE a.id IN (SELECT value FROM json_each(@list))';
    const rows = this.sql
      .get<
        [{ list?: string }],
        MetaRow & { d_date: string; d_text: string; d_inferred: number; s_idx: number; s_text: string }
      >(
        `SELECT d.date AS d_date, d.text AS d_text, d.inferred AS d_inferred, s.idx AS s_idx, s.text AS s_text,
           ${META_COLUMNS}
         FROM sentence_dates d JOIN sentences s ON s.id = d.sentence_id AND s.injection IS NULL JOIN articles a ON a.pk = d.article_pk
         ${only}
         ORDER BY d.date, a.published, a.pk, s.idx`,
      )
      .all(list === null ? {} : { list });
    const metas = new Map<string, ArticleMeta>();
    return rows.map((row) => {
      const article = metas.get(row.a_id) ?? rowToMeta(row);
      metas.set(row.a_id, article);
      return {
        articleId: row.a_id,
        idx: row.s_idx,
        text: row.s_text,
        date: { text: row.d_text, date: row.d_date, inferred: row.d_inferred === 1 },
        article,
      };
    });
  }

  stats(): StoreStats {
    const counts = this.sql
      .get<[], { articles: number; sentences: number }>(
        'SELECT (SELECT count(*) FROM articles) AS articles, (SELECT count(*) FROM sentences) AS sentences',
      )
      .get()!;
    const edge = (dir: 'ASC' | 'DESC') =>
      this.sql
        .get<[], MetaRow>(
          `SELECT ${META_COLUMNS} FROM articles a WHERE a.published IS NOT NULL ORDER BY a.published ${dir}, a.updated_at ${dir} LIMIT 1`,
        )
        .get();
    const oldest = edge('ASC');
    const newest = edge('DESC');
    const perSource = this.sql
      .get<[], { source: string; count: number }>(
        'SELECT source, count(*) AS count FROM articles GROUP BY source ORDER BY count DESC, source',
      )
      .all();
    const flagged = this.sql
      .get<[], { id: string; title: string; sentences: number }>(
        `SELECT a.id AS id, a.title AS title, count(*) AS sentences
         FROM sentences s JOIN articles a ON a.pk = s.article_pk WHERE s.injection IS NOT NULL
         GROUP BY a.pk ORDER BY a.published DESC, a.pk LIMIT ${FLAGGED_ARTICLES_LISTED}`,
      )
      .all();
    const flaggedCount = this.sql
      .get<[], { n: number }>('SELECT count(DISTINCT article_pk) AS n FROM sentences WHERE injection IS NOT NULL')
      .get()!.n;
    const stats: StoreStats = {
      articles: counts.articles,
      sentences: counts.sentences,
      perSource,
      injected: { articles: flaggedCount, listed: flagged },
    };
    if (oldest) stats.oldest = rowToMeta(oldest);
    if (newest) stats.newest = rowToMeta(newest);
    return stats;
  }
}

function clampLimit(limit: number | undefined, fallback: number): number {
  if (limit === undefined || !Number.isFinite(limit)) return fallback;
  return Math.max(0, Math.min(1000, Math.floor(limit)));
}
