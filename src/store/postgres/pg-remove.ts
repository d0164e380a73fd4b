import type { RemoveMatch } from '../article-store.js';
import { fileArticleId } from '../ingest/identity.js';
import { folderPattern } from '../remove-match.js';
import type { Queryable } from './pg-database.js';

/**
 * Removes the matching articles inside the caller's transaction; sentences, people and quotes go
 * with them (ON DELETE CASCADE) and so do their tsvector entries. Returns the ids removed.
 */
export async function removeArticles(tx: Queryable, match: RemoveMatch): Promise<string[]> {
  const [where, params] =
    'id' in match
      ? ['id = $1', [match.id]]
      : 'url' in match
        ? ['url = $1', [match.url]]
        : 'source' in match
          ? ['lower(source) = lower($1)', [match.source]]
          : 'folder' in match
            ? [`source_file LIKE $1 ESCAPE '\\'`, [folderPattern(match.folder)]]
            : // An article stored before files were recorded is still found by the id ingest derived from its path.
              ['source_file = $1 OR (source_file IS NULL AND id = $2)', [match.file, fileArticleId(match.file)]];
  const r = await tx.query<{ id: string }>(`DELETE FROM articles WHERE ${where} RETURNING id`, params);
  return r.rows.map((row) => row.id);
}
