import type { ArticleInput, UpsertResult } from '../article-store.js';
import type { Analysis } from '../../text/types.js';
import { dateSourceOf } from '../date-source.js';
import { contentHash, deriveArticleId } from '../ingest/identity.js';
import type { Queryable } from './pg-database.js';

/** PostgreSQL text cannot hold NUL; a space keeps every character offset where it was. */
export const clean = (s: string) => s.replace(/\u0000/g, ' ');
const opt = (s: string | undefined) => (s == null ? null : clean(s));
export const json = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === 'string' ? clean(x) : x));

interface ArticleRowValues {
  id: string;
  title: string;
  source: string;
  url: string | null;
  authors: string;
  published: string;
  inferred: boolean;
  hash: string;
  text: string;
  origin: string | null;
  publishedFrom: string;
  sourceFile: string | null;
  now: Date;
}

/**
 * Writes one article and its analysis, inside the caller's transaction, by the SQLite store's rules:
 * the same normalised content anywhere → skipped; the same id (or, failing that, the same url) with
 * new content → replaced in place (children rewritten, version + 1, first ingestion kept);
 * otherwise added.
 */
export async function writeArticle(
  tx: Queryable,
  input: ArticleInput,
  analysis: Analysis,
  now: Date,
): Promise<UpsertResult> {
  const text = clean(input.text ?? '');
  const givenId = input.id?.trim() || undefined;
  if (!text.trim()) return { status: 'skipped', id: givenId ?? '', reason: 'no text' };
  const hash = contentHash(text);
  const dup = await tx.query<{ id: string; source_file: string | null }>(
    'SELECT id, source_file FROM articles WHERE content_hash = $1',
    [hash],
  );
  if (dup.rows[0]) {
    // An article stored before files were recorded learns its file here, so deleting the file can remove it.
    if (dup.rows[0].source_file === null && input.file)
      await tx.query('UPDATE articles SET source_file = $2 WHERE id = $1', [dup.rows[0].id, clean(input.file)]);
    return { status: 'skipped', id: dup.rows[0].id, reason: `duplicate of ${dup.rows[0].id}` };
  }

  const url = input.url?.trim() || undefined;
  const candidateId = givenId ?? deriveArticleId({ url, text }, hash);
  const existing = await tx.query<{ id: string }>(
    `SELECT id FROM articles WHERE id = $1 OR ($2::text IS NOT NULL AND url = $2)
     ORDER BY (id = $1) DESC, pk LIMIT 1`,
    [candidateId, url ?? null],
  );
  const values: ArticleRowValues = {
    id: candidateId,
    title: clean(input.title?.trim() || fallbackTitle(text)),
    source: clean(input.source?.trim() || 'Unknown'),
    url: url ?? null,
    authors: json(input.authors ?? []),
    // An undated article gets the ingestion time, flagged as inferred, so date order has no holes.
    published: input.published ?? now.toISOString(),
    inferred: !input.published || input.publishedInferred === true,
    hash,
    text,
    origin: input.origin ?? null,
    publishedFrom: dateSourceOf(input),
    sourceFile: opt(input.file),
    now,
  };
  const found = existing.rows[0]?.id;
  if (found) {
    await replaceArticle(tx, found, values);
    await insertAnalysis(tx, found, analysis);
    return { status: 'updated', id: found };
  }
  await insertArticle(tx, values);
  await insertAnalysis(tx, candidateId, analysis);
  return { status: 'added', id: candidateId };
}

/** A title for an article that reached the store without one: its opening words. */
function fallbackTitle(text: string): string {
  const line = text.trim().split('\n')[0].trim();
  return line.length <= 90 ? line : `${line.slice(0, 90).replace(/\s+\S*$/, '')}…`;
}

/** $1..$13 of both the INSERT and the UPDATE of an article row, in the same order. */
function articleParams(id: string, v: ArticleRowValues): unknown[] {
  return [
    id,
    v.title,
    v.source,
    v.url,
    v.authors,
    v.published,
    v.inferred,
    v.now,
    v.hash,
    v.text,
    v.origin,
    v.publishedFrom,
    v.sourceFile,
  ];
}

async function insertArticle(tx: Queryable, v: ArticleRowValues): Promise<void> {
  await tx.query(
    `INSERT INTO articles (id, title, source, url, authors, published, published_inferred,
       ingested_at, updated_at, content_hash, version, body, origin, published_from, source_file)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $8, $9, 1, $10, $11, $12, $13)`,
    articleParams(v.id, v),
  );
}

/** Replaces an article's content in place: same id and first ingestion time, next version. */
async function replaceArticle(tx: Queryable, existingId: string, v: ArticleRowValues): Promise<void> {
  await tx.query(
    `UPDATE articles SET title = $2, source = $3, url = $4, authors = $5::jsonb, published = $6,
       published_inferred = $7, updated_at = $8, content_hash = $9, version = version + 1, body = $10, origin = $11,
       published_from = $12, source_file = $13
     WHERE id = $1`,
    articleParams(existingId, v),
  );
  await tx.query('DELETE FROM sentences WHERE article_id = $1', [existingId]);
  await tx.query('DELETE FROM people WHERE article_id = $1', [existingId]);
  await tx.query('DELETE FROM quotes WHERE article_id = $1', [existingId]);
}

/** Writes the ingest-time analysis with one statement per table (unnest of arrays), not one per row. */
export async function insertAnalysis(tx: Queryable, articleId: string, analysis: Analysis): Promise<void> {
  const s = analysis.sentences;
  if (s.length) {
    await tx.query(
      `INSERT INTO sentences (article_id, idx, body, start_offset, end_offset, entities, dates, has_number, injection)
       SELECT $1, * FROM unnest($2::int[], $3::text[], $4::int[], $5::int[], $6::jsonb[], $7::jsonb[], $8::bool[], $9::text[])`,
      [
        articleId,
        s.map((x) => x.idx),
        s.map((x) => clean(x.text)),
        s.map((x) => x.start),
        s.map((x) => x.end),
        s.map((x) => json(x.entities)),
        s.map((x) => json(x.dates)),
        s.map((x) => x.hasNumber),
        s.map((x) => opt(x.injection)),
      ],
    );
  }
  const p = analysis.people;
  if (p.length) {
    await tx.query(
      `INSERT INTO people (article_id, key, name, role, affiliation, mentions)
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::int[])`,
      [
        articleId,
        p.map((x) => clean(x.key)),
        p.map((x) => clean(x.name)),
        p.map((x) => opt(x.role)),
        p.map((x) => opt(x.affiliation)),
        p.map((x) => x.mentions),
      ],
    );
  }
  const q = analysis.quotes;
  if (q.length) {
    await tx.query(
      `INSERT INTO quotes (article_id, speaker_key, body, sentence_idx, direct)
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::int[], $5::bool[])`,
      [
        articleId,
        q.map((x) => clean(x.speakerKey)),
        q.map((x) => clean(x.text)),
        q.map((x) => x.sentenceIdx),
        q.map((x) => x.direct),
      ],
    );
  }
}
