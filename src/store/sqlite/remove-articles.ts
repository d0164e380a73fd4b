import type { RemoveMatch } from '../article-store.js';
import { fileArticleId } from '../ingest/identity.js';
import { folderPattern } from '../remove-match.js';
import type { StatementCache } from './statement-cache.js';
import { removeIndexed } from './write-article.js';

interface Row {
  pk: number;
  id: string;
}

function matching(sql: StatementCache, match: RemoveMatch): Row[] {
  if ('id' in match) return sql.get<[string], Row>('SELECT pk, id FROM articles WHERE id = ?').all(match.id);
  if ('url' in match) return sql.get<[string], Row>('SELECT pk, id FROM articles WHERE url = ?').all(match.url);
  if ('source' in match)
    return sql.get<[string], Row>('SELECT pk, id FROM articles WHERE source = ? COLLATE NOCASE').all(match.source);
  if ('folder' in match)
    return sql
      .get<[string], Row>("SELECT pk, id FROM articles WHERE source_file LIKE ? ESCAPE '\\'")
      .all(folderPattern(match.folder));
  // An article stored before files were recorded is still found by the id ingest derived from its path.
  return sql
    .get<[string, string], Row>('SELECT pk, id FROM articles WHERE source_file = ? OR (source_file IS NULL AND id = ?)')
    .all(match.file, fileArticleId(match.file));
}

/** Removes the matching articles, their search entries and analysis rows; the caller wraps it in a transaction. */
export function removeArticles(sql: StatementCache, match: RemoveMatch): string[] {
  const rows = matching(sql, match).sort((a, b) => a.pk - b.pk);
  for (const row of rows) {
    removeIndexed(sql, row.pk);
    sql.get('DELETE FROM articles WHERE pk = ?').run(row.pk);
  }
  return rows.map((r) => r.id);
}
