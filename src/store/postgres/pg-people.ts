import type { ArticleMeta, DatedSentence, PersonCard, PersonQuote, PersonTally } from '../article-store.js';
import type { ResolvedDate } from '../../text/types.js';
import { cardOrder, foldPersonCards } from '../person-cards.js';
import type { Queryable } from './pg-database.js';
import { META_COLUMNS, toMeta, type MetaRow } from './pg-rows.js';

interface PersonRow {
  key: string;
  name: string;
  role: string | null;
  affiliation: string | null;
  mentions: number;
  a_id: string;
}

interface QuoteRow extends MetaRow {
  speaker_key: string;
  body: string;
  sentence_idx: number;
  direct: boolean;
}

/** The order of a person's quotes on their card; loadPeople and loadPersonQuotes share it, so a shortened list is a prefix. */
const QUOTE_ORDER = 'a.published NULLS LAST, a.pk, q.sentence_idx, q.id';

/**
 * Every person across the store (or only `keys`): one card per key, built from each article's
 * records; `quotes: false` leaves the quotes out (and unread).
 */
export async function loadPeople(
  db: Queryable,
  keys?: string[],
  opts: { quotes?: boolean; newestQuotes?: number } = {},
): Promise<PersonCard[]> {
  const params: unknown[] = keys ? [keys] : [];
  const people = await db.query<PersonRow>(
    `SELECT p.key, p.name, p.role, p.affiliation, p.mentions, a.id AS a_id
     FROM people p JOIN articles a ON a.id = p.article_id
     ${keys ? 'WHERE p.key = ANY($1::text[])' : ''}
     ORDER BY p.key, a.published NULLS LAST, a.pk, p.ctid`,
    params,
  );
  if (opts.quotes === false) return buildCards(people.rows, []);
  const where = keys ? 'WHERE q.speaker_key = ANY($1::text[])' : '';
  const read = `SELECT q.speaker_key, q.body, q.sentence_idx, q.direct, ${META_COLUMNS},
      a.published AS o1, a.pk AS o2, q.id AS o4
    FROM quotes q JOIN articles a ON a.id = q.article_id ${where}`;
  // The newest n, taken by the database, then back in card order (QUOTE_ORDER).
  const quotes = await db.query<QuoteRow>(
    opts.newestQuotes === undefined
      ? `${read} ORDER BY ${QUOTE_ORDER}`
      : `SELECT * FROM (${read}
           ORDER BY o1 DESC NULLS FIRST, o2 DESC, sentence_idx DESC, o4 DESC
           LIMIT $${params.length + 1}) newest
         ORDER BY o1 NULLS LAST, o2, sentence_idx, o4`,
    opts.newestQuotes === undefined ? params : [...params, Math.max(0, Math.floor(opts.newestQuotes))],
  );
  return buildCards(people.rows, quotes.rows);
}

/** Every distinct person key, in byte order (as the SQLite store sorts them). */
export async function loadPersonKeys(db: Queryable): Promise<string[]> {
  const r = await db.query<{ key: string }>('SELECT DISTINCT key COLLATE "C" AS key FROM people ORDER BY 1');
  return r.rows.map((row) => row.key);
}

/**
 * Every person's tally, counted by the server. The name is the one foldPersonCards picks: from the
 * article with the most mentions, the earliest (as loadPeople orders articles) on a tie.
 */
export async function loadPersonTallies(db: Queryable): Promise<PersonTally[]> {
  const r = await db.query<PersonTally>(
    `WITH ranked AS (
       SELECT p.key, p.name, p.mentions, p.article_id,
         row_number() OVER (PARTITION BY p.key ORDER BY p.mentions DESC, a.published NULLS LAST, a.pk, p.ctid) AS nth
       FROM people p JOIN articles a ON a.id = p.article_id
     ),
     said AS (SELECT speaker_key, count(*) AS n FROM quotes GROUP BY speaker_key)
     SELECT r.key, max(r.name) FILTER (WHERE r.nth = 1) AS name, count(DISTINCT r.article_id)::int AS "articleCount",
       sum(r.mentions)::int AS mentions, coalesce(max(s.n), 0)::int AS "quoteCount"
     FROM ranked r LEFT JOIN said s ON s.speaker_key = r.key
     GROUP BY r.key`,
  );
  return r.rows.sort(cardOrder);
}

/** The first `limit` quotes of each key (all without a limit), numbered per speaker by a window. */
export async function loadPersonQuotes(
  db: Queryable,
  keys: string[],
  limit?: number,
): Promise<{ key: string; quotes: PersonQuote[] }[]> {
  if (!keys.length) return [];
  const cap = limit !== undefined && Number.isFinite(limit) ? Math.max(0, Math.floor(limit)) : null;
  const r = await db.query<QuoteRow>(
    `WITH numbered AS (
       SELECT q.speaker_key, q.body, q.sentence_idx, q.direct, q.article_id,
         row_number() OVER (PARTITION BY q.speaker_key ORDER BY ${QUOTE_ORDER}) AS nth
       FROM quotes q JOIN articles a ON a.id = q.article_id
       WHERE q.speaker_key = ANY($1::text[])
     )
     SELECT n.speaker_key, n.body, n.sentence_idx, n.direct, ${META_COLUMNS}
     FROM numbered n JOIN articles a ON a.id = n.article_id
     WHERE $2::bigint IS NULL OR n.nth <= $2::bigint
     ORDER BY n.speaker_key, n.nth`,
    [keys, cap],
  );
  const metaOf = metaReader();
  const byKey = new Map<string, PersonQuote[]>();
  for (const q of r.rows) {
    const quote = {
      text: q.body,
      articleId: q.a_id,
      sentenceIdx: q.sentence_idx,
      direct: q.direct,
      article: metaOf(q),
    };
    const list = byKey.get(q.speaker_key);
    if (list) list.push(quote);
    else byKey.set(q.speaker_key, [quote]);
  }
  return [...byKey].map(([key, quotes]) => ({ key, quotes }));
}

/** Article metadata built once per article. */
function metaReader(): (r: MetaRow) => ArticleMeta {
  const cache = new Map<string, ArticleMeta>();
  return (r) => cache.get(r.a_id) ?? cache.set(r.a_id, toMeta(r)).get(r.a_id)!;
}

/** The PostgreSQL rows, mapped onto the fold every backend shares; article metadata built once per article. */
function buildCards(people: PersonRow[], quotes: QuoteRow[]): PersonCard[] {
  const metaOf = metaReader();
  return foldPersonCards(
    people.map((r) => ({
      key: r.key,
      name: r.name,
      role: r.role,
      affiliation: r.affiliation,
      mentions: r.mentions,
      article: r.a_id,
    })),
    quotes.map((q) => ({
      speakerKey: q.speaker_key,
      text: q.body,
      articleId: q.a_id,
      sentenceIdx: q.sentence_idx,
      direct: q.direct,
      article: metaOf(q),
    })),
  );
}

interface DatedRow extends MetaRow {
  s_article_id: string;
  s_idx: number;
  s_body: string;
  d: ResolvedDate;
}

/** One entry per date stated in a sentence, in date order, for timelines. */
export async function loadDatedSentences(db: Queryable, articleIds?: string[]): Promise<DatedSentence[]> {
  if (articleIds && !articleIds.length) return [];
  const params: unknown[] = [];
  let filter = '';
  if (articleIds) {
    params.push(articleIds);
    filter = 'AND s.article_id = ANY($1::text[])';
  }
  const r = await db.query<DatedRow>(
    `SELECT s.article_id AS s_article_id, s.idx AS s_idx, s.body AS s_body, d.value AS d, ${META_COLUMNS}
     FROM sentences s JOIN articles a ON a.id = s.article_id
     CROSS JOIN LATERAL jsonb_array_elements(s.dates) WITH ORDINALITY AS d(value, n)
     WHERE s.dates <> '[]'::jsonb AND s.injection IS NULL ${filter}
     ORDER BY d.value->>'date', a.published NULLS LAST, a.pk, s.idx, d.n`,
    params,
  );
  const metaCache = new Map<string, ArticleMeta>();
  return r.rows.map((row) => {
    let article = metaCache.get(row.a_id);
    if (!article) metaCache.set(row.a_id, (article = toMeta(row)));
    return { articleId: row.s_article_id, idx: row.s_idx, text: row.s_body, date: row.d, article };
  });
}
