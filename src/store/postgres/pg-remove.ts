import type { RemoveMatch } from '../article-store.js';
import { fileArticleId } from '../ingest/identity.js';
import { folderPattern } from '../remove-match.js';
import type { Queryable } from './pg-database.js';

/**
 * Removes the matching articles inside the caller's transaction; sentences, people and quotes go
 * with them (ON DELETE CASCADE) and so do their tsvector entries. Returns the ids removed.
 */
export async function removeArticles(tx: Queryable, match: RemoveMatch): Promise<string[]> {
  const [where, params] = whereOf(match);
  const r = await tx.query<{ id: string }>(`DELETE FROM articles WHERE ${where} RETURNING id`, params);
  return r.rows.map((row) => row.id);
}

function whereOf(match: RemoveMatch): [string, unknown[]] {
  if ('id' in match) return ['id = $1', [match.id]];
  if ('url' in match) return ['url = $1', [match.url]];
  if ('source' in match) return ['lower(source) = lower($1)', [match.source]];
  if ('folder' in match) return [`source_file LIKE $1 ESCAPE '\\'`, [folderPattern(match.folder)]];
  // An article stored before files were recorded is still found by the id ingest derived from its path.
  return ['source_file = $1 OR (source_file IS NULL AND id = $2)', [match.file, fileArticleId(match.file)]];
}
