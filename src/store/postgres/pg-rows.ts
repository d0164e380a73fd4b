import type { ArticleMeta, SentenceHit } from '../article-store.js';
import type { EntityMention, ResolvedDate } from '../../text/types.js';
import { toDateSource } from '../date-source.js';

/** Article metadata columns of `articles a`, prefixed so they can sit beside sentence columns. */
export const META_COLUMNS = `a.id AS a_id, a.title AS a_title, a.source AS a_source, a.url AS a_url,
  a.authors AS a_authors, a.published AS a_published, a.published_inferred AS a_published_inferred,
  a.ingested_at AS a_ingested_at, a.updated_at AS a_updated_at, a.content_hash AS a_content_hash,
  a.version AS a_version, a.published_from AS a_published_from`;

/** Sentence columns of `sentences s`. */
export const SENTENCE_COLUMNS = `s.id AS s_id, s.article_id AS s_article_id, s.idx AS s_idx, s.body AS s_body,
  s.entities AS s_entities, s.dates AS s_dates, s.has_number AS s_has_number`;

export interface MetaRow {
  a_id: string;
  a_title: string;
  a_source: string;
  a_url: string | null;
  a_authors: string[];
  a_published: string | null;
  a_published_inferred: boolean;
  a_ingested_at: Date;
  a_updated_at: Date;
  a_content_hash: string;
  a_version: number;
  a_published_from: string | null;
}

export interface SentenceRow extends MetaRow {
  s_id: number;
  s_article_id: string;
  s_idx: number;
  s_body: string;
  s_entities: EntityMention[];
  s_dates: ResolvedDate[];
  s_has_number: boolean;
}

export function toMeta(r: MetaRow): ArticleMeta {
  const meta: ArticleMeta = {
    id: r.a_id,
    title: r.a_title,
    source: r.a_source,
    authors: r.a_authors ?? [],
    publishedInferred: r.a_published_inferred,
    ingestedAt: r.a_ingested_at.toISOString(),
    updatedAt: r.a_updated_at.toISOString(),
    contentHash: r.a_content_hash,
    version: r.a_version,
  };
  if (r.a_url !== null) meta.url = r.a_url;
  if (r.a_published !== null) meta.published = r.a_published;
  const from = toDateSource(r.a_published_from);
  if (from) meta.publishedFrom = from;
  return meta;
}

export function toSentenceHit(r: SentenceRow, score: number, article = toMeta(r)): SentenceHit {
  return {
    sentenceId: r.s_id,
    articleId: r.s_article_id,
    idx: r.s_idx,
    text: r.s_body,
    score,
    entities: r.s_entities ?? [],
    dates: r.s_dates ?? [],
    hasNumber: r.s_has_number,
    article,
  };
}
