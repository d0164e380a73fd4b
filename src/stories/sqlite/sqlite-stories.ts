import type { Database } from 'better-sqlite3';
import type { Migration } from '../../store/migrations.js';
import { canonicalTime, META_COLUMNS, rowToMeta, type MetaRow } from '../../store/sqlite/rows.js';
import { StatementCache } from '../../store/sqlite/statement-cache.js';
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
import type { StoryBackend, StoryMember, StoryRecord, StoryRow } from '../story-backend.js';
import { rowToState, SIGNATURE_DIGITS, stateToRow } from '../story-rows.js';
import { vectorFromJson, vectorToJson } from '../vectors.js';
import { STORIES_COMPONENT, STORY_MIGRATIONS } from './story-migrations.js';

/** What the SQLite article store offers the story component (src/store/sqlite/sqlite-store.ts). */
export interface SqliteStoryHost {
  db: Database;
  migrate(component: string, migrations: readonly Migration[]): unknown;
  /** One IMMEDIATE transaction, counted as a write of the store (its changeVersion moves). */
  transaction<T>(fn: () => T): T;
}

const json = (v: unknown) => JSON.stringify(v);

/** Story tables in the SQLite store's file; grouping reads and writes in one IMMEDIATE transaction. */
export class SqliteStories implements StoryBackend {
  private readonly sql: StatementCache;

  constructor(
    private readonly host: SqliteStoryHost,
    private readonly params: GroupingParams,
  ) {
    host.migrate(STORIES_COMPONENT, STORY_MIGRATIONS);
    this.sql = new StatementCache(host.db);
  }

  async assignPending(limit: number): Promise<number> {
    // Read first: a store with nothing to group takes no write lock (readers call this too).
    if (this.host.db.readonly || !this.pendingKeys(1).length) return 0;
    return this.host.transaction(() => {
      const articles = this.pendingArticles(limit);
      if (!articles.length) return 0;
      this.save(this.group(articles));
      return articles.length;
    });
  }

  private group(articles: ArticleText[]): BatchResult {
    const p = this.params;
    const features = articles.map((a) => articleFeatures(a, p.titleWeight));
    const counters = this.sql
      .get<[], { docs: number; last_seq: number }>('SELECT docs, last_seq FROM story_counters')
      .get()!;
    const df = new Map<string, number>();
    const dfRows = this.sql.get<[string], { term: string; df: number }>(
      'SELECT term, df FROM story_terms WHERE term IN (SELECT value FROM json_each(?))',
    );
    for (const r of dfRows.all(json(batchTerms(features)))) df.set(r.term, r.df);
    const snap = { docs: counters.docs, lastSeq: counters.last_seq, df };
    const { prepared, dfDelta } = prepareBatch(features, snap, p);
    const postings = new Map<string, Posting[]>();
    const postingRows = this.sql.get<[string], { term: string; seq: number; story_id: number }>(
      'SELECT term, seq, story_id FROM story_postings WHERE term IN (SELECT value FROM json_each(?))',
    );
    for (const r of postingRows.all(json(lookupTerms(prepared)))) {
      const list = postings.get(r.term) ?? [];
      list.push({ seq: r.seq, story: r.story_id });
      postings.set(r.term, list);
    }
    const ids = [...new Set([...postings.values()].flatMap((l) => l.map((x) => x.story)))];
    const stories = new Map<number, StoryState>();
    const storyRows = this.sql.get<[string], StoryRow>(
      'SELECT * FROM stories WHERE id IN (SELECT value FROM json_each(?))',
    );
    for (const r of storyRows.all(json(ids))) stories.set(r.id, rowToState(r));
    return decideBatch(prepared, postings, stories, snap, dfDelta, p);
  }

  private save(result: BatchResult): void {
    const realId = new Map<number, number>();
    const insertStory = this.sql.get<[Omit<StoryRow, 'id'>]>(
      `INSERT INTO stories (first_seq, size, centroid, first_time, last_time, last_dated)
       VALUES (@first_seq, @size, @centroid, @first_time, @last_time, @last_dated)`,
    );
    const updateStory = this.sql.get<[StoryRow]>(
      `UPDATE stories SET size = @size, centroid = @centroid, first_time = @first_time, last_time = @last_time, last_dated = @last_dated WHERE id = @id`,
    );
    for (const s of result.stories) {
      if (s.id < 0) realId.set(s.id, Number(insertStory.run(stateToRow(s)).lastInsertRowid));
      else updateStory.run({ id: s.id, ...stateToRow(s) });
    }
    const insertMember = this.sql.get(
      'INSERT INTO story_articles (article_pk, story_id, seq, signature) VALUES (?, ?, ?, ?)',
    );
    const insertPosting = this.sql.get('INSERT INTO story_postings (term, seq, story_id) VALUES (?, ?, ?)');
    for (const d of result.decisions) {
      const story = realId.get(d.story) ?? d.story;
      insertMember.run(d.key, story, d.seq, vectorToJson(d.signature, SIGNATURE_DIGITS));
      for (const term of d.postings) insertPosting.run(term, d.seq, story);
    }
    const bumpDf = this.sql.get(
      'INSERT INTO story_terms (term, df) VALUES (?, ?) ON CONFLICT (term) DO UPDATE SET df = df + excluded.df',
    );
    for (const [term, n] of result.dfDelta) bumpDf.run(term, n);
    this.sql.get('UPDATE story_counters SET docs = ?, last_seq = ?').run(result.docs, result.lastSeq);
  }

  /** Articles without a story, in insertion order: the order they reached the store. */
  private pendingKeys(limit: number): number[] {
    return this.sql
      .get<[number], { pk: number }>(
        'SELECT a.pk FROM articles a WHERE NOT EXISTS (SELECT 1 FROM story_articles s WHERE s.article_pk = a.pk) ORDER BY a.pk LIMIT ?',
      )
      .all(limit)
      .map((r) => r.pk);
  }

  private pendingArticles(limit: number): ArticleText[] {
    const keys = this.pendingKeys(limit);
    const heads = this.sql
      .get<
        [string],
        { pk: number; title: string; published: string | null; ingested_at: string; published_inferred: number }
      >(
        'SELECT pk, title, published, ingested_at, published_inferred FROM articles WHERE pk IN (SELECT value FROM json_each(?)) ORDER BY pk',
      )
      .all(json(keys));
    const byKey = new Map<number, ArticleText>(
      heads.map((h) => [
        h.pk,
        {
          key: h.pk,
          title: h.title,
          published: h.published ?? h.ingested_at,
          dated: h.published !== null && h.published_inferred === 0,
          sentences: [],
        },
      ]),
    );
    const sentences = this.sql
      .get<[string], { article_pk: number; text: string; entities: string }>(
        'SELECT article_pk, text, entities FROM sentences WHERE article_pk IN (SELECT value FROM json_each(?)) ORDER BY article_pk, idx',
      )
      .all(json(keys));
    for (const s of sentences)
      byKey.get(s.article_pk)?.sentences.push({ text: s.text, entities: JSON.parse(s.entities) as { text: string }[] });
    return [...byKey.values()];
  }

  async storyIdsOf(articleIds: readonly string[]): Promise<Map<string, number>> {
    const rows = this.sql
      .get<[string], { id: string; story_id: number }>(
        `SELECT a.id, s.story_id FROM articles a JOIN story_articles s ON s.article_pk = a.pk
         WHERE a.id IN (SELECT value FROM json_each(?))`,
      )
      .all(json(articleIds));
    return new Map(rows.map((r) => [r.id, r.story_id]));
  }

  async stories(ids: readonly number[]): Promise<StoryRecord[]> {
    const rows = this.sql
      .get<[string], MetaRow & { story_id: number; signature: string; centroid: string }>(
        `SELECT s.story_id, s.signature, st.centroid, ${META_COLUMNS}
         FROM story_articles s JOIN stories st ON st.id = s.story_id JOIN articles a ON a.pk = s.article_pk
         WHERE s.story_id IN (SELECT value FROM json_each(?)) ORDER BY s.story_id, s.seq`,
      )
      .all(json(ids));
    const out = new Map<number, StoryRecord>();
    for (const r of rows) {
      let record = out.get(r.story_id);
      if (!record)
        out.set(r.story_id, (record = { id: r.story_id, centroid: vectorFromJson(r.centroid), members: [] }));
      const member: StoryMember = { meta: rowToMeta(r), signature: vectorFromJson(r.signature) };
      record.members.push(member);
    }
    return [...out.values()];
  }

  async storyIdsSince(since?: string): Promise<number[]> {
    const from = canonicalTime(since);
    // A day-only date ("2005-01-14") falls in a window that starts during that day.
    const rows = from
      ? this.sql
          .get<[{ from: string }], { story_id: number }>(
            `SELECT DISTINCT s.story_id FROM articles a JOIN story_articles s ON s.article_pk = a.pk
             WHERE a.published >= @from OR a.published = substr(@from, 1, 10)`,
          )
          .all({ from })
      : this.sql.get<[], { story_id: number }>('SELECT DISTINCT story_id FROM story_articles').all();
    return rows.map((r) => r.story_id);
  }
}
