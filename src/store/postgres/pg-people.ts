import type { ArticleMeta, DatedSentence, PersonCard } from '../article-store.js';
import type { ResolvedDate } from '../../text/types.js';
import { foldPersonCards } from '../person-cards.js';
import type { Queryable } from './pg-database.js';
import { META_COLUMNS, toMeta, type MetaRow } from './pg-rows.js';

interface PersonRow extends MetaRow {
  key: string;
  name: string;
  role: string | null;
  affiliation: string | null;
  mentions: number;
}

interface QuoteRow extends MetaRow {
  speaker_key: string;
  body: string;
  sentence_idx: number;
  direct: boolean;
}

/** Every person across the store (or only `keys`): one card per key, built from each article's records. */
export async function loadPeople(db: Queryable, keys?: string[]): Promise<PersonCard[]> {
  const params: unknown[] = keys ? [keys] : [];
  const people = await db.query<PersonRow>(
    `SELECT p.key, p.name, p.role, p.affiliation, p.mentions, ${META_COLUMNS}
     FROM people p JOIN articles a ON a.id = p.article_id
     ${keys ? 'WHERE p.key = ANY($1::text[])' : ''}
     ORDER BY p.key, a.published NULLS LAST, a.pk`, params);
  const quotes = await db.query<QuoteRow>(
    `SELECT q.speaker_key, q.body, q.sentence_idx, q.direct, ${META_COLUMNS}
     FROM quotes q JOIN articles a ON a.id = q.article_id
     ${keys ? 'WHERE q.speaker_key = ANY($1::text[])' : ''}
     ORDER BY a.published NULLS LAST, a.pk, q.sentence_idx, q.id`, params);
  return buildCards(people.rows, quotes.rows);
}

/** The PostgreSQL rows, mapped onto the fold every backend shares; article metadata built once per article. */
function buildCards(people: PersonRow[], quotes: QuoteRow[]): PersonCard[] {
  const metaCache = new Map<string, ArticleMeta>();
  const metaOf = (r: MetaRow) => metaCache.get(r.a_id) ?? metaCache.set(r.a_id, toMeta(r)).get(r.a_id)!;
  return foldPersonCards(
    people.map((r) => ({ key: r.key, name: r.name, role: r.role, affiliation: r.affiliation, mentions: r.mentions, article: r.a_id })),
    quotes.map((q) => ({ speakerKey: q.speaker_key, text: q.body, articleId: q.a_id, sentenceIdx: q.sentence_idx, direct: q.direct, article: metaOf(q) })),
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
     WHERE s.dates <> '[]'::jsonb ${filter}
     ORDER BY d.value->>'date', a.published NULLS LAST, a.pk, s.idx, d.n`, params);
  const metaCache = new Map<string, ArticleMeta>();
  return r.rows.map((row) => {
    let article = metaCache.get(row.a_id);
    if (!article) metaCache.set(row.a_id, (article = toMeta(row)));
    return { articleId: row.s_article_id, idx: row.s_idx, text: row.s_body, date: row.d, article };
  });
}
