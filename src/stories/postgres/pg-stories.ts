import type { Queryable } from '../../store/postgres/pg-database.js';
import type { PgMigration } from '../../store/postgres/pg-migrate.js';
import { META_COLUMNS, toMeta, type MetaRow } from '../../store/postgres/pg-rows.js';
import { canonicalTime } from '../../store/sqlite/rows.js';
import { articleFeatures, type ArticleText } from '../features.js';
import {
  batchTerms,
  decideBatch,
  lookupTerms,
  prepareBatch,
  type BatchResult,
  type Posting,
  type StoryState,
} from '../group-batch.js';
import type { GroupingParams } from '../params.js';
import type { StoryBackend, StoryRecord, StoryRow } from '../story-backend.js';
import { rowToState, SIGNATURE_DIGITS, stateToRow } from '../story-rows.js';
import { vectorFromJson, vectorToJson } from '../vectors.js';
import { STORIES_COMPONENT } from '../sqlite/story-migrations.js';
import { PG_STORY_MIGRATIONS } from './pg-story-migrations.js';

/** What the PostgreSQL store offers the story component (src/store/postgres/postgres-store.ts). */
export interface PgStoryHost {
  db: Queryable & { transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>; schema: string };
  migrate(component: string, migrations: readonly PgMigration[]): Promise<unknown>;
  ready?: Promise<void>;
}

/**
 * Story tables in the PostgreSQL store. Replicas group under one advisory lock, so two never
 * group the same article or interleave their document frequencies.
 */
export class PgStories implements StoryBackend {
  private migrated?: Promise<unknown>;

  constructor(
    private readonly host: PgStoryHost,
    private readonly params: GroupingParams,
  ) {}

  /**
   * The database once the story tables exist. Migrated on first use; a migration that failed (the
   * server was away) is tried again by the next call instead of failing every later one.
   */
  private async db(): Promise<PgStoryHost['db']> {
    this.migrated ??= (this.host.ready ?? Promise.resolve()).then(() =>
      this.host.migrate(STORIES_COMPONENT, PG_STORY_MIGRATIONS),
    );
    const attempt = this.migrated;
    try {
      await attempt;
    } catch (e) {
      if (this.migrated === attempt) this.migrated = undefined;
      throw e;
    }
    return this.host.db;
  }

  async assignPending(limit: number): Promise<number> {
    const db = await this.db();
    if (!(await this.pendingKeys(db, 1)).length) return 0;
    return db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`briefbot:stories:${db.schema}`]);
      const articles = await this.pendingArticles(tx, limit);
      if (!articles.length) return 0;
      await this.save(tx, await this.group(tx, articles));
      return articles.length;
    });
  }

  private async group(tx: Queryable, articles: ArticleText[]): Promise<BatchResult> {
    const p = this.params;
    const features = articles.map((a) => articleFeatures(a, p.titleWeight));
    const counters = (await tx.query<{ docs: string; last_seq: string }>('SELECT docs, last_seq FROM story_counters'))
      .rows[0];
    const df = new Map<string, number>();
    const dfRows = await tx.query<{ term: string; df: number }>(
      'SELECT term, df FROM story_terms WHERE term = ANY($1::text[])',
      [batchTerms(features)],
    );
    for (const r of dfRows.rows) df.set(r.term, r.df);
    const snap = { docs: Number(counters.docs), lastSeq: Number(counters.last_seq), df };
    const { prepared, dfDelta } = prepareBatch(features, snap, p);
    const postings = new Map<string, Posting[]>();
    const postingRows = await tx.query<{ term: string; seq: string; story_id: string }>(
      'SELECT term, seq, story_id FROM story_postings WHERE term = ANY($1::text[])',
      [lookupTerms(prepared)],
    );
    for (const r of postingRows.rows) {
      const list = postings.get(r.term) ?? [];
      list.push({ seq: Number(r.seq), story: Number(r.story_id) });
      postings.set(r.term, list);
    }
    const ids = [...new Set([...postings.values()].flatMap((l) => l.map((x) => x.story)))];
    const stories = new Map<number, StoryState>();
    for (const r of (await tx.query<StoryRow>('SELECT * FROM stories WHERE id = ANY($1::bigint[])', [ids])).rows)
      stories.set(Number(r.id), rowToState(r));
    return decideBatch(prepared, postings, stories, snap, dfDelta, p);
  }

  private async save(tx: Queryable, result: BatchResult): Promise<void> {
    const realId = new Map<number, number>();
    for (const s of result.stories) {
      const r = stateToRow(s);
      const values = [r.first_seq, r.size, r.centroid, r.first_time, r.last_time, r.last_dated];
      if (s.id < 0) {
        const inserted = await tx.query<{ id: string }>(
          'INSERT INTO stories (first_seq, size, centroid, first_time, last_time, last_dated) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
          values,
        );
        realId.set(s.id, Number(inserted.rows[0].id));
      } else {
        await tx.query(
          'UPDATE stories SET first_seq = $1, size = $2, centroid = $3, first_time = $4, last_time = $5, last_dated = $6 WHERE id = $7',
          [...values, s.id],
        );
      }
    }
    const members = result.decisions.map((d) => ({ ...d, story: realId.get(d.story) ?? d.story }));
    await tx.query(
      `INSERT INTO story_articles (article_pk, story_id, seq, signature)
       SELECT * FROM unnest($1::int[], $2::bigint[], $3::bigint[], $4::text[])`,
      [
        members.map((d) => d.key),
        members.map((d) => d.story),
        members.map((d) => d.seq),
        members.map((d) => vectorToJson(d.signature, SIGNATURE_DIGITS)),
      ],
    );
    const postings = members.flatMap((d) => d.postings.map((term) => [term, d.seq, d.story] as const));
    await tx.query(
      'INSERT INTO story_postings (term, seq, story_id) SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[])',
      [postings.map((x) => x[0]), postings.map((x) => x[1]), postings.map((x) => x[2])],
    );
    const terms = [...result.dfDelta];
    await tx.query(
      `INSERT INTO story_terms (term, df) SELECT * FROM unnest($1::text[], $2::int[])
       ON CONFLICT (term) DO UPDATE SET df = story_terms.df + excluded.df`,
      [terms.map((t) => t[0]), terms.map((t) => t[1])],
    );
    await tx.query('UPDATE story_counters SET docs = $1, last_seq = $2', [result.docs, result.lastSeq]);
  }

  private async pendingKeys(db: Queryable, limit: number): Promise<number[]> {
    const r = await db.query<{ pk: number }>(
      'SELECT a.pk FROM articles a WHERE NOT EXISTS (SELECT 1 FROM story_articles s WHERE s.article_pk = a.pk) ORDER BY a.pk LIMIT $1',
      [limit],
    );
    return r.rows.map((x) => x.pk);
  }

  private async pendingArticles(tx: Queryable, limit: number): Promise<ArticleText[]> {
    const keys = await this.pendingKeys(tx, limit);
    const heads = await tx.query<{
      pk: number;
      title: string;
      published: string | null;
      ingested_at: Date;
      published_inferred: boolean;
    }>(
      'SELECT pk, title, published, ingested_at, published_inferred FROM articles WHERE pk = ANY($1::int[]) ORDER BY pk',
      [keys],
    );
    const byKey = new Map<number, ArticleText>(
      heads.rows.map((h) => [
        h.pk,
        {
          key: h.pk,
          title: h.title,
          published: h.published ?? h.ingested_at.toISOString(),
          dated: h.published !== null && !h.published_inferred,
          sentences: [],
        },
      ]),
    );
    const sentences = await tx.query<{ pk: number; body: string; entities: { text: string }[] }>(
      `SELECT a.pk, s.body, s.entities FROM sentences s JOIN articles a ON a.id = s.article_id
       WHERE a.pk = ANY($1::int[]) ORDER BY a.pk, s.idx`,
      [keys],
    );
    for (const s of sentences.rows) byKey.get(s.pk)?.sentences.push({ text: s.body, entities: s.entities ?? [] });
    return [...byKey.values()];
  }

  async storyIdsOf(articleIds: readonly string[]): Promise<Map<string, number>> {
    const r = await (await this.db()).query<{ id: string; story_id: string }>(
      'SELECT a.id, s.story_id FROM articles a JOIN story_articles s ON s.article_pk = a.pk WHERE a.id = ANY($1::text[])',
      [articleIds],
    );
    return new Map(r.rows.map((x) => [x.id, Number(x.story_id)]));
  }

  async stories(ids: readonly number[]): Promise<StoryRecord[]> {
    const r = await (await this.db()).query<MetaRow & { story_id: string; signature: string; centroid: string }>(
      `SELECT s.story_id, s.signature, st.centroid, ${META_COLUMNS}
       FROM story_articles s JOIN stories st ON st.id = s.story_id JOIN articles a ON a.pk = s.article_pk
       WHERE s.story_id = ANY($1::bigint[]) ORDER BY s.story_id, s.seq`,
      [ids],
    );
    const out = new Map<number, StoryRecord>();
    for (const row of r.rows) {
      const id = Number(row.story_id);
      let record = out.get(id);
      if (!record) out.set(id, (record = { id, centroid: vectorFromJson(row.centroid), members: [] }));
      record.members.push({ meta: toMeta(row), signature: vectorFromJson(row.signature) });
    }
    return [...out.values()];
  }

  async storyIdsSince(since?: string): Promise<number[]> {
    const from = canonicalTime(since);
    const db = await this.db();
    const r = from
      ? await db.query<{ story_id: string }>(
          `SELECT DISTINCT s.story_id FROM articles a JOIN story_articles s ON s.article_pk = a.pk
           WHERE a.published >= $1 OR a.published = substr($1, 1, 10)`,
          [from],
        )
      : await db.query<{ story_id: string }>('SELECT DISTINCT story_id FROM story_articles');
    return r.rows.map((x) => Number(x.story_id));
  }
}
