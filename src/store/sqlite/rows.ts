import type { ArticleMeta, SentenceHit } from '../article-store.js';
import type { EntityMention, ResolvedDate } from '../../text/types.js';
import { toDateSource } from '../date-source.js';

/** Article metadata columns (never the text), aliased so they can sit beside sentence columns. */
export const META_COLUMNS = `a.id AS a_id, a.title AS a_title, a.source AS a_source, a.url AS a_url,
  a.authors AS a_authors, a.published AS a_published, a.published_inferred AS a_published_inferred,
  a.ingested_at AS a_ingested_at, a.updated_at AS a_updated_at, a.content_hash AS a_content_hash,
  a.version AS a_version, a.published_from AS a_published_from`;

export interface MetaRow {
  a_id: string;
  a_title: string;
  a_source: string;
  a_url: string | null;
  a_authors: string;
  a_published: string | null;
  a_published_inferred: number;
  a_ingested_at: string;
  a_updated_at: string;
  a_content_hash: string;
  a_version: number;
  a_published_from: string | null;
}

export interface SentenceRow extends MetaRow {
  s_id: number;
  s_idx: number;
  s_text: string;
  s_entities: string;
  s_dates: string;
  s_has_number: number;
  score?: number;
}

/** Sentence columns with the aliases SentenceRow expects. */
export const SENTENCE_COLUMNS = `s.id AS s_id, s.idx AS s_idx, s.text AS s_text, s.entities AS s_entities,
  s.dates AS s_dates, s.has_number AS s_has_number`;

export function rowToMeta(row: MetaRow): ArticleMeta {
  const meta: ArticleMeta = {
    id: row.a_id,
    title: row.a_title,
    source: row.a_source,
    authors: parseJson<string[]>(row.a_authors, []),
    publishedInferred: row.a_published_inferred === 1,
    ingestedAt: row.a_ingested_at,
    updatedAt: row.a_updated_at,
    contentHash: row.a_content_hash,
    version: row.a_version,
  };
  if (row.a_url !== null) meta.url = row.a_url;
  if (row.a_published !== null) meta.published = row.a_published;
  const from = toDateSource(row.a_published_from);
  if (from) meta.publishedFrom = from;
  return meta;
}

/**
 * Turns sentence rows into hits. Rows of one article share one ArticleMeta object, so a page of
 * twenty hits from three articles parses three metadata rows, not twenty.
 */
export function rowsToHits(rows: SentenceRow[]): SentenceHit[] {
  const metas = new Map<string, ArticleMeta>();
  return rows.map((row) => {
    let article = metas.get(row.a_id);
    if (!article) {
      article = rowToMeta(row);
      metas.set(row.a_id, article);
    }
    return {
      sentenceId: row.s_id,
      articleId: row.a_id,
      idx: row.s_idx,
      text: row.s_text,
      score: row.score ?? 0,
      entities: parseJson<EntityMention[]>(row.s_entities, []),
      dates: parseJson<ResolvedDate[]>(row.s_dates, []),
      hasNumber: row.s_has_number === 1,
      article,
    };
  });
}

export function parseJson<T>(value: string | null, fallback: T): T {
  if (value === null || value === '') return fallback;
  try {
    return JSON.parse(value) as T;
  } catch {
    return fallback;
  }
}

/** A caller's ISO time in the stored form (toISOString), so text comparison orders correctly. */
export function canonicalTime(value: string | undefined): string | null {
  if (value === undefined) return null;
  const t = Date.parse(value);
  return Number.isNaN(t) ? value : new Date(t).toISOString();
}
