import type { ArticleInput, UpsertResult } from '../article-store.js';
import type { Analysis } from '../../text/types.js';
import { dateSourceOf } from '../date-source.js';
import { contentHash, deriveArticleId } from '../ingest/identity.js';
import type { StatementCache } from './statement-cache.js';

interface Existing {
  pk: number;
  id: string;
}

/**
 * Writes one article and its analysis; the caller wraps it in a transaction.
 * Same normalised content anywhere in the store → skipped; same id (or, failing that, same url)
 * with new content → replaced in place (children rewritten, version + 1, ingested_at kept);
 * otherwise added.
 */
export function writeArticle(sql: StatementCache, input: ArticleInput, analysis: Analysis, now: string): UpsertResult {
  const text = input.text ?? '';
  const hash = analysis.contentHash ?? contentHash(text);
  const givenId = input.id?.trim() || undefined;
  if (!text.trim()) {
    return { status: 'skipped', id: givenId ?? '', reason: 'no text' };
  }
  const duplicate = sql
    .get<[string], { id: string; source_file: string | null }>(
      'SELECT id, source_file FROM articles WHERE content_hash = ?',
    )
    .get(hash);
  if (duplicate) {
    // An article stored before files were recorded learns its file here, so deleting the file can remove it.
    if (duplicate.source_file === null && input.file)
      sql.get('UPDATE articles SET source_file = ? WHERE id = ?').run(input.file, duplicate.id);
    return { status: 'skipped', id: duplicate.id, reason: `duplicate of ${duplicate.id}` };
  }

  const url = input.url?.trim() || undefined;
  const candidateId = givenId ?? deriveArticleId({ url, text }, hash);
  const byId = sql.get<[string], Existing>('SELECT pk, id FROM articles WHERE id = ?');
  const byUrl = sql.get<[string], Existing>('SELECT pk, id FROM articles WHERE url = ? ORDER BY pk LIMIT 1');
  const existing = byId.get(candidateId) ?? (url ? byUrl.get(url) : undefined);

  const inferred = !input.published || input.publishedInferred === true;
  const fields = {
    title: input.title?.trim() || fallbackTitle(text),
    source: input.source?.trim() || 'Unknown',
    url: url ?? null,
    authors: JSON.stringify(input.authors ?? []),
    // An article without a date gets the ingestion time, flagged as inferred, so ordering by date
    // never has holes.
    published: input.published ?? now,
    published_inferred: inferred ? 1 : 0,
    published_from: dateSourceOf(input),
    source_file: input.file ?? null,
    content_hash: hash,
    text,
    now,
  };

  let pk: number;
  let id: string;
  let status: 'added' | 'updated';
  if (existing) {
    pk = existing.pk;
    id = existing.id;
    status = 'updated';
    removeIndexed(sql, pk);
    sql
      .get(
        `UPDATE articles SET title = @title, source = @source, url = @url, authors = @authors,
           published = @published, published_inferred = @published_inferred, published_from = @published_from,
           source_file = @source_file, content_hash = @content_hash, text = @text, updated_at = @now, version = version + 1
         WHERE pk = @pk`,
      )
      .run({ ...fields, pk });
  } else {
    const info = sql
      .get(
        `INSERT INTO articles (id, title, source, url, authors, published, published_inferred, published_from,
           source_file, ingested_at, updated_at, content_hash, version, text)
         VALUES (@id, @title, @source, @url, @authors, @published, @published_inferred, @published_from,
           @source_file, @now, @now, @content_hash, 1, @text)`,
      )
      .run({ ...fields, id: candidateId });
    pk = Number(info.lastInsertRowid);
    id = candidateId;
    status = 'added';
  }
  sql.get('INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)').run(pk, fields.title, text);
  writeAnalysis(sql, pk, analysis);
  return { status, id };
}

/**
 * Removes an article's old version from both FTS indexes and its child rows. External-content
 * FTS5 tables need the old text to delete their entries, so the index goes before the rows.
 * sentence_dates follow their sentences (ON DELETE CASCADE).
 */
export function removeIndexed(sql: StatementCache, pk: number): void {
  sql
    .get(
      "INSERT INTO articles_fts (articles_fts, rowid, title, text) SELECT 'delete', pk, title, text FROM articles WHERE pk = ?",
    )
    .run(pk);
  sql
    // Flagged sentences were never indexed; deleting an absent entry would corrupt the FTS5 index.
    .get(
      "INSERT INTO sentences_fts (sentences_fts, rowid, text) SELECT 'delete', id, text FROM sentences WHERE article_pk = ? AND injection IS NULL",
    )
    .run(pk);
  sql.get('DELETE FROM sentences WHERE article_pk = ?').run(pk);
  sql.get('DELETE FROM people WHERE article_pk = ?').run(pk);
  sql.get('DELETE FROM quotes WHERE article_pk = ?').run(pk);
}

function writeAnalysis(sql: StatementCache, pk: number, analysis: Analysis): void {
  const insertSentence = sql.get(
    'INSERT INTO sentences (article_pk, idx, text, entities, dates, has_number, injection) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const indexSentence = sql.get('INSERT INTO sentences_fts (rowid, text) VALUES (?, ?)');
  const insertDate = sql.get(
    'INSERT INTO sentence_dates (sentence_id, article_pk, date, text, inferred) VALUES (?, ?, ?, ?, ?)',
  );
  for (const s of analysis.sentences) {
    const info = insertSentence.run(
      pk,
      s.idx,
      s.text,
      JSON.stringify(s.entities ?? []),
      JSON.stringify(s.dates ?? []),
      s.hasNumber ? 1 : 0,
      s.injection ?? null,
    );
    const sentenceId = Number(info.lastInsertRowid);
    // A sentence addressed to a model is kept with its article but never found by a search.
    if (s.injection) continue;
    indexSentence.run(sentenceId, s.text);
    for (const d of s.dates ?? []) insertDate.run(sentenceId, pk, d.date, d.text, d.inferred ? 1 : 0);
  }
  const insertPerson = sql.get(
    'INSERT INTO people (article_pk, key, name, role, affiliation, mentions) VALUES (?, ?, ?, ?, ?, ?)',
  );
  for (const p of analysis.people) {
    insertPerson.run(pk, p.key, p.name, p.role ?? null, p.affiliation ?? null, p.mentions);
  }
  const insertQuote = sql.get(
    'INSERT INTO quotes (article_pk, speaker_key, sentence_idx, text, direct) VALUES (?, ?, ?, ?, ?)',
  );
  for (const q of analysis.quotes) insertQuote.run(pk, q.speakerKey, q.sentenceIdx, q.text, q.direct ? 1 : 0);
}

/** A title for an article that reached the store without one: its opening words. */
function fallbackTitle(text: string): string {
  const line = text.trim().split('\n')[0].trim();
  return line.length <= 90 ? line : `${line.slice(0, 90).replace(/\s+\S*$/, '')}…`;
}
