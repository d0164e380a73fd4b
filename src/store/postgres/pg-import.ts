import type { ArticleMeta } from '../article-store.js';
import type { Analysis } from '../../text/types.js';
import type { Queryable } from './pg-database.js';
import { clean } from './pg-write.js';

/** An article exactly as another store holds it: metadata (times, version, hash), text and analysis. */
export interface ExportedArticle {
  meta: ArticleMeta;
  text: string;
  analysis: Analysis;
  /** The file it was read from, when known. */
  sourceFile?: string;
}

const json = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === 'string' ? clean(x) : x));

/**
 * Writes a batch of articles as they are, keeping ids, ingestion and update times, versions and
 * content hashes (so digest watermarks stay meaningful after a move). An id or content already in
 * the target is left alone, which makes a re-run after an interruption safe. Returns the ids written.
 */
export async function importArticles(tx: Queryable, batch: readonly ExportedArticle[]): Promise<string[]> {
  const written: string[] = [];
  for (const { meta, text, analysis, sourceFile } of batch) {
    const r = await tx.query(
      `INSERT INTO articles (id, title, source, url, authors, published, published_inferred, ingested_at, updated_at,
         content_hash, version, body, published_from, source_file)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9, $10, $11, $12, $13, $14)
       ON CONFLICT DO NOTHING`,
      [
        meta.id,
        clean(meta.title),
        clean(meta.source),
        meta.url ?? null,
        json(meta.authors),
        meta.published ?? null,
        meta.publishedInferred,
        meta.ingestedAt,
        meta.updatedAt,
        meta.contentHash,
        meta.version,
        clean(text),
        meta.publishedFrom ?? null,
        sourceFile ?? null,
      ],
    );
    if (r.rowCount !== 1) continue;
    written.push(meta.id);
    const s = analysis.sentences;
    if (s.length) {
      await tx.query(
        `INSERT INTO sentences (article_id, idx, body, start_offset, end_offset, entities, dates, has_number, injection)
         SELECT $1, * FROM unnest($2::int[], $3::text[], $4::int[], $5::int[], $6::jsonb[], $7::jsonb[], $8::bool[], $9::text[])`,
        [
          meta.id,
          s.map((x) => x.idx),
          s.map((x) => clean(x.text)),
          s.map((x) => x.start),
          s.map((x) => x.end),
          s.map((x) => json(x.entities)),
          s.map((x) => json(x.dates)),
          s.map((x) => x.hasNumber),
          s.map((x) => x.injection ?? null),
        ],
      );
    }
    const p = analysis.people;
    if (p.length) {
      await tx.query(
        `INSERT INTO people (article_id, key, name, role, affiliation, mentions)
         SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::int[])`,
        [
          meta.id,
          p.map((x) => x.key),
          p.map((x) => x.name),
          p.map((x) => x.role ?? null),
          p.map((x) => x.affiliation ?? null),
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
          meta.id,
          q.map((x) => x.speakerKey),
          q.map((x) => clean(x.text)),
          q.map((x) => x.sentenceIdx),
          q.map((x) => x.direct),
        ],
      );
    }
  }
  return written;
}
