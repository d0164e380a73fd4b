import type { PersonCard, PersonQuote, PersonTally } from '../article-store.js';
import { cardOrder, foldPersonCards } from '../person-cards.js';
import { META_COLUMNS, rowToMeta, type MetaRow } from './rows.js';
import type { StatementCache } from './statement-cache.js';

export interface PersonRow {
  key: string;
  name: string;
  role: string | null;
  affiliation: string | null;
  mentions: number;
  article_pk: number;
}

export interface QuoteRow extends MetaRow {
  speaker_key: string;
  q_text: string;
  sentence_idx: number;
  direct: number;
}

/**
 * The order of a person's quotes on their card: by article date (undated first), article, sentence,
 * then insertion. people() and personQuotes() both use it, so a shortened list is a prefix.
 */
export const QUOTE_ORDER = 'a.published, a.pk, q.sentence_idx, q.rowid';

function rowToQuote(q: QuoteRow): PersonQuote {
  return {
    text: q.q_text,
    articleId: q.a_id,
    sentenceIdx: q.sentence_idx,
    direct: q.direct === 1,
    article: rowToMeta(q),
  };
}

/** The SQLite rows, mapped onto the fold every backend shares. */
export function aggregatePeople(people: PersonRow[], quotes: QuoteRow[]): PersonCard[] {
  return foldPersonCards(
    people.map((r) => ({ ...r, article: r.article_pk })),
    quotes.map((q) => ({ speakerKey: q.speaker_key, ...rowToQuote(q) })),
  );
}

/**
 * Every person's tally, counted in SQL. One pass over the people table groups it by key (the
 * table is read in order, not through the key index: 340,000 rows at 100,000 articles, and
 * looking each up from the index cost more than the sort). The name is the one foldPersonCards
 * picks: from the article with the most mentions, the earliest (as people() orders articles) on a
 * tie. Keys always written one way need no ranking; only those written several ways ("Jose",
 * "José") go through the window, which is what made a one-query version four times slower
 * (CROSS JOIN keeps SQLite from reading every person's rows first and filtering after).
 */
export function personTallies(sql: StatementCache): PersonTally[] {
  const rows = sql
    .get<[], PersonTally>(
      `WITH counted AS MATERIALIZED (
         SELECT key, count(DISTINCT article_pk) AS articleCount, sum(mentions) AS mentions, min(name) AS lo, max(name) AS hi
         FROM people NOT INDEXED GROUP BY key
       ),
       named AS (
         SELECT key, name FROM (
           SELECT p.key, p.name,
             row_number() OVER (PARTITION BY p.key ORDER BY p.mentions DESC, a.published, a.pk, p.rowid) AS nth
           FROM counted c CROSS JOIN people p ON p.key = c.key CROSS JOIN articles a ON a.pk = p.article_pk
           WHERE c.lo <> c.hi
         ) WHERE nth = 1
       ),
       said AS (SELECT speaker_key, count(*) AS n FROM quotes GROUP BY speaker_key)
       SELECT c.key AS key, coalesce(n.name, c.lo) AS name, c.articleCount AS articleCount, c.mentions AS mentions,
         coalesce(s.n, 0) AS quoteCount
       FROM counted c LEFT JOIN named n ON n.key = c.key LEFT JOIN said s ON s.speaker_key = c.key`,
    )
    .all();
  return rows.sort(cardOrder);
}

/** The first `limit` quotes of each key (all without a limit), numbered per speaker by a window. */
export function personQuotes(
  sql: StatementCache,
  keys: string[],
  limit?: number,
): { key: string; quotes: PersonQuote[] }[] {
  if (!keys.length) return [];
  const rows = sql
    .get<[{ list: string; limit: number }], QuoteRow>(
      `WITH numbered AS (
         SELECT q.speaker_key, q.text AS q_text, q.sentence_idx, q.direct, q.article_pk,
           row_number() OVER (PARTITION BY q.speaker_key ORDER BY ${QUOTE_ORDER}) AS nth
         FROM quotes q JOIN articles a ON a.pk = q.article_pk
         WHERE q.speaker_key IN (SELECT value FROM json_each(@list))
       )
       SELECT n.speaker_key, n.q_text, n.sentence_idx, n.direct, ${META_COLUMNS}
       FROM numbered n JOIN articles a ON a.pk = n.article_pk
       WHERE n.nth <= @limit
       ORDER BY n.speaker_key, n.nth`,
    )
    .all({
      list: JSON.stringify(keys),
      limit: limit !== undefined && Number.isFinite(limit) ? Math.max(0, Math.floor(limit)) : Number.MAX_SAFE_INTEGER,
    });
  const byKey = new Map<string, PersonQuote[]>();
  for (const row of rows) {
    const list = byKey.get(row.speaker_key);
    if (list) list.push(rowToQuote(row));
    else byKey.set(row.speaker_key, [rowToQuote(row)]);
  }
  return [...byKey].map(([key, quotes]) => ({ key, quotes }));
}
