import { detectInjection } from '../../text/analysis/injection.js';
import type { Queryable } from './pg-database.js';

/** Sentences read per round trip while examining a store written before the flag existed. */
const PAGE = 5000;

/**
 * Article store migration 6: the per-sentence prompt-injection flag, as in the SQLite store's
 * migration 5. `injection` holds why a sentence was taken for text addressed to a model (NULL for
 * news); every read that feeds answers, briefs, digests and timelines filters on it. Sentences
 * stored before this step are examined once here, a page at a time; the quotes taken from flagged
 * ones are dropped (people found in them stay until the article is ingested again).
 */
export async function addInjectionFlag(tx: Queryable): Promise<void> {
  await tx.query('ALTER TABLE sentences ADD COLUMN injection text');
  await tx.query('CREATE INDEX sentences_injection ON sentences (article_id) WHERE injection IS NOT NULL');
  for (let after = 0; ; ) {
    const page = await tx.query<{ id: number; article_id: string; idx: number; body: string }>(
      'SELECT id, article_id, idx, body FROM sentences WHERE id > $1 ORDER BY id LIMIT $2',
      [after, PAGE],
    );
    if (!page.rows.length) return;
    after = page.rows[page.rows.length - 1].id;
    const flagged = page.rows.flatMap((r) => {
      const finding = detectInjection(r.body);
      return finding ? [{ ...r, reason: finding.reason }] : [];
    });
    if (!flagged.length) continue;
    await tx.query(
      'UPDATE sentences s SET injection = f.reason FROM unnest($1::int[], $2::text[]) AS f(id, reason) WHERE s.id = f.id',
      [flagged.map((f) => f.id), flagged.map((f) => f.reason)],
    );
    await tx.query(
      `DELETE FROM quotes q USING unnest($1::text[], $2::int[]) AS f(article_id, idx)
       WHERE q.article_id = f.article_id AND q.sentence_idx = f.idx`,
      [flagged.map((f) => f.article_id), flagged.map((f) => f.idx)],
    );
  }
}
