import type { ArticleMeta } from '../article-store.js';
import type { Analysis } from '../../text/types.js';
import type { Queryable } from './pg-database.js';
import { clean, insertAnalysis, json } from './pg-write.js';

/** An article exactly as another store holds it: metadata (times, version, hash), text and analysis. */
export interface ExportedArticle {
  meta: ArticleMeta;
  text: string;
  analysis: Analysis;
  /** The file it was read from, when known. */
  sourceFile?: string;
}

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
    await insertAnalysis(tx, meta.id, analysis);
  }
  return written;
}
