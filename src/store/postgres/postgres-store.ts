import type { Logger } from 'pino';
import { FLAGGED_ARTICLES_LISTED } from '../article-store.js';
import type {
  ArticleHit,
  ArticleInput,
  ArticleMeta,
  ArticleStore,
  DatedSentence,
  PeopleOptions,
  PersonCard,
  PersonQuote,
  PersonTally,
  RemoveMatch,
  SearchOptions,
  SentenceHit,
  SentenceRef,
  StoredArticle,
  StoreStats,
  UpsertResult,
} from '../article-store.js';
import type { Analysis } from '../../text/types.js';
import { UserError } from '../../core/errors.js';
import { storeUnavailable } from './unavailable.js';
import { PgDatabase, type PgDatabaseOptions, type Queryable } from './pg-database.js';
import { migrate, type PgMigration } from './pg-migrate.js';
import { ARTICLE_MIGRATIONS, CHANGE_VERSION_SQL } from './article-migrations.js';
import { META_COLUMNS, SENTENCE_COLUMNS, toMeta, toSentenceHit, type MetaRow, type SentenceRow } from './pg-rows.js';
import { clampLimit, countSentences, searchArticles, searchSentences } from './pg-search.js';
import { loadDatedSentences, loadPeople, loadPersonKeys, loadPersonQuotes, loadPersonTallies } from './pg-people.js';
import { removeArticles } from './pg-remove.js';
import { writeArticle } from './pg-write.js';

/** The article store's component name in schema_migrations (the same name the SQLite store uses). */
export const ARTICLE_COMPONENT = 'article-store';

export interface PostgresStoreOptions extends PgDatabaseOptions {
  /** Source of ingestion times; tests pass a fake clock. */
  clock?: () => Date;
}

/**
 * The article store on PostgreSQL, for teams running several replicas against one database.
 * Behaves like the SQLite store: same dedupe and replace rules, ids, stats and snippet marks.
 * Construction never blocks: `ready` settles once the server is reached and migrated, and until
 * then (or while the server is gone) `isReady()` is false and queries fail with STORE_UNAVAILABLE.
 */
export class PostgresStore implements ArticleStore {
  readonly kind = 'postgres' as const;
  readonly location: string;
  readonly db: PgDatabase;
  /** Settles when the store is usable; rejects when the retries run out or setup fails. */
  readonly ready: Promise<void>;
  private readonly clock: () => Date;
  private readonly logger?: Logger;
  /** Whole-store reads that scan at 100,000 articles, kept until the change version moves. */
  private readonly memo = new Map<string, { version: string; value: Promise<unknown> }>();

  constructor(url: string, opts: PostgresStoreOptions = {}) {
    this.db = new PgDatabase(url, opts);
    this.location =
      this.db.schema === 'public' ? this.db.url.display : `${this.db.url.display} (schema ${this.db.schema})`;
    this.clock = opts.clock ?? (() => new Date());
    this.logger = opts.logger;
    this.ready = this.db.open((db) => migrate(db, ARTICLE_COMPONENT, ARTICLE_MIGRATIONS).then(() => undefined));
    // Callers that only poll isReady() must not crash the process with an unhandled rejection.
    // An expected failure (unreachable, refused) is its message, not a stack trace.
    this.ready.catch((e) =>
      e instanceof UserError
        ? this.logger?.warn({ code: e.code, reason: e.message }, 'PostgreSQL store failed to open')
        : this.logger?.error({ err: e }, 'PostgreSQL store failed to open'),
    );
  }

  /** For /readyz: connected, migrated, and the last contact with the server succeeded. */
  isReady(): boolean {
    return this.db.isReady();
  }

  notReadyReason(): string | undefined {
    return this.db.notReadyReason();
  }

  /** Lets other components (the digest ledger) keep their own versioned tables in this database. */
  migrate(component: string, migrations: readonly PgMigration[]): Promise<number[]> {
    return migrate(this.db, component, migrations);
  }

  async upsert(input: ArticleInput, analysis: Analysis): Promise<UpsertResult> {
    return (await this.upsertMany([{ input, analysis }]))[0];
  }

  /** Writes many articles in one transaction; a later duplicate within the batch is skipped. */
  async upsertMany(items: readonly { input: ArticleInput; analysis: Analysis }[]): Promise<UpsertResult[]> {
    this.assertOpen();
    const now = this.clock();
    return this.db.transaction(async (tx) => {
      await this.lockArticles(tx);
      const results: UpsertResult[] = [];
      for (const { input, analysis } of items) results.push(await writeArticle(tx, input, analysis, now));
      return results;
    });
  }

  async removeArticles(match: RemoveMatch): Promise<string[]> {
    this.assertOpen();
    return this.db.transaction(async (tx) => {
      await this.lockArticles(tx);
      return removeArticles(tx, match);
    });
  }

  /** Writers queue here, so two replicas ingesting the same file cannot both add it. */
  private async lockArticles(tx: Queryable): Promise<void> {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`briefbot:articles:${this.db.schema}`]);
  }

  async get(id: string): Promise<StoredArticle | undefined> {
    this.assertOpen();
    const r = await this.db.query<MetaRow & { body: string }>(
      `SELECT ${META_COLUMNS}, a.body FROM articles a WHERE a.id = $1`,
      [id],
    );
    const row = r.rows[0];
    return row ? { ...toMeta(row), text: row.body } : undefined;
  }

  async sentencesOf(articleId: string): Promise<SentenceHit[]> {
    this.assertOpen();
    const r = await this.db.query<SentenceRow>(
      `SELECT ${SENTENCE_COLUMNS}, ${META_COLUMNS} FROM sentences s JOIN articles a ON a.id = s.article_id
       WHERE s.article_id = $1 AND s.injection IS NULL ORDER BY s.idx`,
      [articleId],
    );
    const article = r.rows[0] ? toMeta(r.rows[0]) : undefined;
    return r.rows.map((row) => toSentenceHit(row, 0, article));
  }

  async articleCount(): Promise<number> {
    this.assertOpen();
    return (await this.db.query<{ n: number }>('SELECT count(*)::int AS n FROM articles')).rows[0].n;
  }

  /** Counts scan every sentence and /ask asks each time, so they are remembered until the store changes. */
  async stats(): Promise<StoreStats> {
    this.assertOpen();
    return this.remembered('stats', () => this.loadStats());
  }

  private async loadStats(): Promise<StoreStats> {
    const counts = await this.db.query<{ articles: number; sentences: number }>(
      'SELECT (SELECT count(*) FROM articles)::int AS articles, (SELECT count(*) FROM sentences)::int AS sentences',
    );
    const ends = await this.db.query<MetaRow & { which: string }>(
      `(SELECT 'oldest' AS which, ${META_COLUMNS} FROM articles a WHERE a.published IS NOT NULL ORDER BY a.published ASC, a.pk LIMIT 1)
       UNION ALL
       (SELECT 'newest' AS which, ${META_COLUMNS} FROM articles a WHERE a.published IS NOT NULL ORDER BY a.published DESC, a.pk LIMIT 1)`,
    );
    const perSource = await this.db.query<{ source: string; count: number }>(
      'SELECT source, count(*)::int AS count FROM articles GROUP BY source ORDER BY count DESC, source',
    );
    const flagged = await this.db.query<{ id: string; title: string; sentences: number; total: number }>(
      `SELECT a.id, a.title, f.sentences, count(*) OVER ()::int AS total
       FROM (SELECT article_id, count(*)::int AS sentences FROM sentences WHERE injection IS NOT NULL GROUP BY article_id) f
       JOIN articles a ON a.id = f.article_id
       ORDER BY a.published DESC NULLS LAST, a.pk LIMIT ${FLAGGED_ARTICLES_LISTED}`,
    );
    const injected = {
      articles: flagged.rows[0]?.total ?? 0,
      listed: flagged.rows.map(({ id, title, sentences }) => ({ id, title, sentences })),
    };
    const stats: StoreStats = { ...counts.rows[0], perSource: perSource.rows, injected };
    for (const row of ends.rows) stats[row.which as 'oldest' | 'newest'] = toMeta(row);
    return stats;
  }

  async searchArticles(terms: string[], opts?: SearchOptions): Promise<ArticleHit[]> {
    this.assertOpen();
    return searchArticles(this.db, terms, opts);
  }

  async countSentences(terms: string[], cap: number): Promise<number> {
    this.assertOpen();
    return countSentences(this.db, terms, cap);
  }

  async searchSentences(terms: string[], opts?: { limit?: number; articleIds?: string[] }): Promise<SentenceHit[]> {
    this.assertOpen();
    return searchSentences(this.db, terms, opts);
  }

  async listArticles(
    opts: { limit?: number; changedAfter?: string; changedUpTo?: string } = {},
  ): Promise<ArticleMeta[]> {
    this.assertOpen();
    const params: unknown[] = [];
    const where: string[] = [];
    if (opts.changedAfter) where.push(`a.updated_at > $${params.push(instant(opts.changedAfter))}::timestamptz`);
    if (opts.changedUpTo) where.push(`a.updated_at <= $${params.push(instant(opts.changedUpTo))}::timestamptz`);
    const limit = opts.limit !== undefined ? `LIMIT $${params.push(clampLimit(opts.limit, 0))}` : '';
    const r = await this.db.query<MetaRow>(
      `SELECT ${META_COLUMNS} FROM articles a ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY a.published DESC NULLS LAST, a.updated_at DESC, a.pk ${limit}`,
      params,
    );
    return r.rows.map(toMeta);
  }

  async people(opts: PeopleOptions = {}): Promise<PersonCard[]> {
    this.assertOpen();
    return loadPeople(this.db, opts.keys, { quotes: opts.quotes, newestQuotes: opts.newestQuotes });
  }

  async personKeys(): Promise<string[]> {
    this.assertOpen();
    return this.remembered('personKeys', () => loadPersonKeys(this.db));
  }

  async personTallies(): Promise<PersonTally[]> {
    this.assertOpen();
    return loadPersonTallies(this.db);
  }

  async personQuotes(keys: string[], limit?: number): Promise<{ key: string; quotes: PersonQuote[] }[]> {
    this.assertOpen();
    return loadPersonQuotes(this.db, keys, limit);
  }

  async sentenceTexts(refs: readonly SentenceRef[]): Promise<(SentenceRef & { text: string })[]> {
    this.assertOpen();
    if (!refs.length) return [];
    const r = await this.db.query<SentenceRef & { text: string }>(
      `SELECT s.article_id AS "articleId", s.idx, s.body AS text
       FROM unnest($1::text[], $2::int[]) AS r(article_id, idx)
       JOIN sentences s ON s.article_id = r.article_id AND s.idx = r.idx AND s.injection IS NULL`,
      [refs.map((ref) => ref.articleId), refs.map((ref) => ref.idx)],
    );
    return r.rows;
  }

  async datedSentences(opts: { articleIds?: string[] } = {}): Promise<DatedSentence[]> {
    this.assertOpen();
    return loadDatedSentences(this.db, opts.articleIds);
  }

  /**
   * The article_changes counter (migration 3): every transaction that writes an article table,
   * from any process or build, bumps it in the database, so replicas see each other's writes.
   */
  async changeVersion(): Promise<string> {
    this.assertOpen();
    return (await this.db.query<{ version: string }>(CHANGE_VERSION_SQL)).rows[0].version;
  }

  /**
   * fn's value, read again only once the change version has moved. The version is read before fn
   * runs, so a write that commits meanwhile leaves the value filed under the older version and the
   * next call reads again. Concurrent callers share one read; a failed read is not kept.
   */
  private async remembered<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const version = await this.changeVersion();
    const hit = this.memo.get(name);
    if (hit && hit.version === version) return hit.value as Promise<T>;
    const value = fn();
    this.memo.set(name, { version, value });
    value.catch(() => this.memo.get(name)?.value === value && this.memo.delete(name));
    return value;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.memo.clear();
    await this.db.close();
    await this.ready.catch(() => undefined);
  }

  private closed = false;

  private assertOpen(): void {
    if (this.closed) throw new UserError('STORE_CLOSED', `The store ${this.location} is closed.`);
    if (!this.db.isOpen()) throw storeUnavailable();
  }
}

/** A caller's ISO time as a Date; a malformed one is a clear error rather than a SQL failure. */
function instant(value: string): Date {
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new UserError('BAD_TIME', `"${value}" is not an ISO date-time.`);
  return new Date(t);
}

/** Opens the PostgreSQL store and waits until it is reachable and migrated (retrying with backoff). */
export async function openPostgresStore(url: string, opts: PostgresStoreOptions = {}): Promise<PostgresStore> {
  const store = new PostgresStore(url, opts);
  try {
    await store.ready;
  } catch (e) {
    await store.close();
    throw e;
  }
  return store;
}
