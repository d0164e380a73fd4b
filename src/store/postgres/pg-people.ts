import type { ArticleMeta, DatedSentence, PersonCard } from '../article-store.js';
import type { ResolvedDate } from '../../text/types.js';
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

/**
 * The same folding as the SQLite store: the display name is the one from the article with the most
 * mentions (the earliest wins a tie); roles are distinct, in the order articles first gave them; the
 * affiliation is the one stated most often; cards go by article count, then mentions, then key.
 */
function buildCards(people: PersonRow[], quotes: QuoteRow[]): PersonCard[] {
  const metaCache = new Map<string, ArticleMeta>();
  const metaOf = (r: MetaRow) => metaCache.get(r.a_id) ?? metaCache.set(r.a_id, toMeta(r)).get(r.a_id)!;
  const cards = new Map<string, { card: PersonCard; best: number; articles: Set<string>; affiliations: Map<string, number> }>();
  for (const row of people) {
    let entry = cards.get(row.key);
    if (!entry) {
      entry = {
        card: { key: row.key, name: row.name, roles: [], articleCount: 0, mentions: 0, quotes: [] },
        best: -1, articles: new Set(), affiliations: new Map(),
      };
      cards.set(row.key, entry);
    }
    const { card } = entry;
    if (row.mentions > entry.best) {
      entry.best = row.mentions;
      card.name = row.name;
    }
    if (row.role && !card.roles.includes(row.role)) card.roles.push(row.role);
    if (row.affiliation) entry.affiliations.set(row.affiliation, (entry.affiliations.get(row.affiliation) ?? 0) + 1);
    entry.articles.add(row.a_id);
    card.mentions += row.mentions;
  }
  for (const q of quotes) {
    // A quote whose speaker the analysis did not list as a person has no card to go on.
    cards.get(q.speaker_key)?.card.quotes.push({
      text: q.body, articleId: q.a_id, sentenceIdx: q.sentence_idx, direct: q.direct, article: metaOf(q),
    });
  }
  const result: PersonCard[] = [];
  for (const { card, articles, affiliations } of cards.values()) {
    card.articleCount = articles.size;
    const affiliation = [...affiliations.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
    if (affiliation) card.affiliation = affiliation;
    result.push(card);
  }
  return result.sort((a, b) => b.articleCount - a.articleCount || b.mentions - a.mentions || a.key.localeCompare(b.key));
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
