import { accessSync, constants as fsConstants, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { UserError } from '../../core/errors.js';
import type { Analysis } from '../../text/types.js';
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
  StoreStats,
  StoredArticle,
  UpsertResult,
} from '../article-store.js';
import { runMigrations, type Migration } from '../migrations.js';
import { ReadQueries } from './read-queries.js';
import { ARTICLE_STORE_COMPONENT, articleStoreMigrations } from './schema.js';
import { guarded, toStoreError } from './sqlite-errors.js';
import { StatementCache } from './statement-cache.js';
import { removeArticles } from './remove-articles.js';
import { writeArticle } from './write-article.js';

export interface SqliteStoreOptions {
  readonly?: boolean;
  /** How long a write waits for another writer before failing with STORE_LOCKED (default 5 s). */
  busyTimeoutMs?: number;
  clock?: () => Date;
}

/**
 * The SQLite article store: a better-sqlite3 connection (WAL, cached statements) for writes and
 * most reads, and a second, read-only one for the whole-store sentence searches of /ask.
 */
export class SqliteArticleStore implements ArticleStore {
  readonly kind = 'sqlite' as const;
  private readonly sql: StatementCache;
  private readonly reads: ReadQueries;
  private readonly sentenceReads: ReadQueries;
  private closed = false;
  /** Bumped by every write through this connection (PRAGMA data_version only sees other connections'). */
  private localWrites = 0;
  /** Whole-store reads that cost a scan at 100,000 articles, kept until the store changes. */
  private readonly memo = new Map<string, { version: string; value: unknown }>();

  constructor(
    /** The open connection, for components that keep their own tables in the same file. */
    readonly db: Db,
    readonly location: string,
    private readonly clock: () => Date,
    /** The connection for sentence searches (see openSentenceIndexReader); `db` itself when there is none. */
    private readonly sentenceDb: Db = db,
  ) {
    this.sql = new StatementCache(db);
    this.reads = new ReadQueries(this.sql);
    this.sentenceReads = sentenceDb === db ? this.reads : new ReadQueries(new StatementCache(sentenceDb));
  }

  /** Applies another component's migrations through the shared schema_migrations table. */
  migrate(component: string, migrations: readonly Migration[]): number[] {
    return this.run(() => runMigrations(this.db, component, migrations, this.clock));
  }

  /** Runs fn in one IMMEDIATE transaction, mapping lock and read-only failures to UserErrors. */
  transaction<T>(fn: () => T): T {
    this.localWrites++;
    return this.run(() => this.db.transaction(fn).immediate());
  }

  async upsert(input: ArticleInput, analysis: Analysis): Promise<UpsertResult> {
    return (await this.upsertMany([{ input, analysis }]))[0];
  }

  /**
   * Writes many articles in one transaction (bulk ingest: one fsync per batch, not per article).
   * Articles are written in order, so a later duplicate within the batch is skipped.
   */
  async upsertMany(items: readonly { input: ArticleInput; analysis: Analysis }[]): Promise<UpsertResult[]> {
    const now = this.clock().toISOString();
    return this.transaction(() => items.map(({ input, analysis }) => writeArticle(this.sql, input, analysis, now)));
  }

  async get(id: string): Promise<StoredArticle | undefined> {
    return this.run(() => this.reads.get(id));
  }

  async sentencesOf(articleId: string): Promise<SentenceHit[]> {
    return this.run(() => this.reads.sentencesOf(articleId));
  }

  async articleCount(): Promise<number> {
    return this.run(() => this.reads.articleCount());
  }

  /** Counts scan the sentence index (millions of rows at 100,000 articles): /ask asks each time, so they are remembered until the store changes. */
  async stats(): Promise<StoreStats> {
    return this.run(() => this.remembered('stats', () => this.reads.stats()));
  }

  async countSentences(terms: string[], cap: number): Promise<number> {
    return this.run(() => this.sentenceReads.countSentences(terms, cap));
  }

  async sentenceTexts(refs: readonly SentenceRef[]): Promise<(SentenceRef & { text: string })[]> {
    return this.run(() => this.reads.sentenceTexts(refs));
  }

  async personKeys(): Promise<string[]> {
    return this.run(() => this.remembered('personKeys', () => this.reads.personKeys()));
  }

  async searchArticles(terms: string[], opts?: SearchOptions): Promise<ArticleHit[]> {
    return this.run(() => this.reads.searchArticles(terms, opts));
  }

  /** A search of the whole store goes to the sentence-index connection; one within some articles (digests) does not need it. */
  async searchSentences(terms: string[], opts?: { limit?: number; articleIds?: string[] }): Promise<SentenceHit[]> {
    return this.run(() => (opts?.articleIds ? this.reads : this.sentenceReads).searchSentences(terms, opts));
  }

  async listArticles(opts?: { limit?: number; changedAfter?: string; changedUpTo?: string }): Promise<ArticleMeta[]> {
    return this.run(() => this.reads.listArticles(opts));
  }

  async people(opts?: PeopleOptions): Promise<PersonCard[]> {
    return this.run(() => this.reads.people(opts));
  }

  async personTallies(): Promise<PersonTally[]> {
    return this.run(() => this.reads.personTallies());
  }

  async personQuotes(keys: string[], limit?: number): Promise<{ key: string; quotes: PersonQuote[] }[]> {
    return this.run(() => this.reads.personQuotes(keys, limit));
  }

  async datedSentences(opts?: { articleIds?: string[] }): Promise<DatedSentence[]> {
    return this.run(() => this.reads.datedSentences(opts));
  }

  async removeArticles(match: RemoveMatch): Promise<string[]> {
    return this.transaction(() => removeArticles(this.sql, match));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.sentenceDb !== this.db) this.sentenceDb.close();
    this.db.close();
  }

  async changeVersion(): Promise<string> {
    return this.run(() => this.version());
  }

  /** PRAGMA data_version moves on other connections' commits; localWrites on this one's article writes. */
  private version(): string {
    return `${this.db.pragma('data_version', { simple: true })}:${this.localWrites}`;
  }

  /** fn's value, recomputed only after a write by this or another connection (WAL readers see commits). */
  private remembered<T>(name: string, fn: () => T): T {
    const version = this.version();
    const hit = this.memo.get(name);
    if (hit && hit.version === version) return hit.value as T;
    const value = fn();
    this.memo.set(name, { version, value });
    return value;
  }

  private run<T>(fn: () => T): T {
    if (this.closed) throw new UserError('STORE_CLOSED', `The store ${this.location} is closed.`);
    return guarded(this.location, fn);
  }
}

/**
 * Opens (creating when needed) the SQLite store at `path` and brings its schema up to date.
 * Any problem a user can fix (not a database, locked, read-only, a folder) is a UserError that
 * names the path; the file is left exactly as it was.
 */
export async function openSqliteStore(path: string, opts: SqliteStoreOptions = {}): Promise<SqliteArticleStore> {
  const memory = path === ':memory:';
  const file = memory ? path : resolve(path);
  const readonly = opts.readonly === true;
  if (!memory) checkPath(path, file, readonly);
  let db: Db | undefined;
  let sentenceDb: Db;
  try {
    db = new Database(file, { readonly, fileMustExist: readonly, timeout: opts.busyTimeoutMs ?? 5000 });
    // The first statement reads the header: a non-database file fails here, before any write.
    db.pragma('schema_version');
    refuseForeignDatabase(db, path);
    if (!readonly) {
      db.pragma('journal_mode = WAL');
      // NORMAL is durable across application crashes in WAL mode and saves an fsync per commit.
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    db.pragma(`cache_size = -${memory ? SENTENCE_INDEX_CACHE_KIB : MAIN_CACHE_KIB}`);
    db.pragma('temp_store = MEMORY');
    runMigrations(db, ARTICLE_STORE_COMPONENT, articleStoreMigrations, opts.clock);
    sentenceDb = memory ? db : openSentenceIndexReader(file, opts.busyTimeoutMs);
  } catch (error) {
    db?.close();
    throw toStoreError(error, path);
  }
  return new SqliteArticleStore(db, path, opts.clock ?? (() => new Date()), sentenceDb);
}

/**
 * Page caches, in KiB. Ranking an /ask's sentences with bm25() reads the size of every matching
 * sentence (sentences_fts_docsize, 21 MB at 100,000 articles) and the doclists of common words:
 * with 32 MiB these stay cached and the search runs about 1.5× faster than from the OS cache.
 * /search and /brief read article texts and the article index, far more than any cache holds,
 * and on a shared cache they pushed those pages out between questions; so sentence searches get
 * their own connection and cache, and the other reads a small one.
 */
export const SENTENCE_INDEX_CACHE_KIB = 32_768;
const MAIN_CACHE_KIB = 8_192;

/** A read-only connection for the whole-store sentence searches (WAL: it sees every commit). */
function openSentenceIndexReader(file: string, busyTimeoutMs = 5000): Db {
  const reader = new Database(file, { readonly: true, fileMustExist: true, timeout: busyTimeoutMs });
  try {
    reader.pragma(`cache_size = -${SENTENCE_INDEX_CACHE_KIB}`);
    reader.pragma('temp_store = MEMORY');
  } catch (error) {
    reader.close();
    throw error;
  }
  return reader;
}

/**
 * A SQLite file that holds tables but no schema_migrations belongs to another program (a browser
 * history, another app's data): adding tables to it, or even switching it to WAL, would change it.
 */
function refuseForeignDatabase(db: Db, given: string): void {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .all() as { name: string }[];
  if (tables.length > 0 && !tables.some((t) => t.name === 'schema_migrations')) {
    throw new UserError(
      'STORE_FOREIGN',
      `The store ${given} is a SQLite database of another program (it has tables, none of them briefbot's); choose another --store path.`,
    );
  }
}

function checkPath(given: string, file: string, readonly: boolean): void {
  let isDirectory = false;
  let exists = true;
  try {
    isDirectory = statSync(file).isDirectory();
  } catch {
    exists = false;
  }
  if (isDirectory) throw new UserError('STORE_CANTOPEN', `The store ${given} is a folder, not a database file.`);
  if (!exists && readonly) throw new UserError('STORE_MISSING', `The store ${given} does not exist.`);
  if (!exists) makeFolders(given, dirname(file));
  if (!readonly) checkWritable(given, file, exists);
}

/**
 * Creates the store's folder and any missing parents, one level at a time. Not mkdirSync's
 * `recursive`: on a file system that refuses folders with ENOENT though the parent exists
 * (/proc), Node 20's recursive mkdir retries for ever at full CPU.
 */
function makeFolders(given: string, dir: string): void {
  const missing: string[] = [];
  let at = dir;
  for (;;) {
    let found: ReturnType<typeof statSync> | undefined;
    try {
      found = statSync(at);
    } catch {
      found = undefined;
    }
    if (found) {
      if (!found.isDirectory())
        throw new UserError('STORE_CANTOPEN', `The store ${given} cannot be created: ${at} is not a folder.`);
      break;
    }
    missing.unshift(at);
    const parent = dirname(at);
    if (parent === at) break;
    at = parent;
  }
  for (const folder of missing) {
    try {
      mkdirSync(folder);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw new UserError('STORE_CANTOPEN', `The store ${given} cannot be created: ${(error as Error).message}`);
    }
  }
}

/**
 * A read-only volume (docker -v data:/data:ro) or folder makes SQLite fail later with a vague
 * CANTOPEN; checked up front it gets a message that says what to fix. WAL mode writes -wal and
 * -shm files beside the store, so the folder must be writable too, not only the file.
 */
function checkWritable(given: string, file: string, exists: boolean): void {
  for (const target of exists ? [file, dirname(file)] : [dirname(file)]) {
    try {
      accessSync(target, fsConstants.W_OK);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EROFS' && code !== 'EACCES' && code !== 'EPERM') return;
      const why =
        code === 'EROFS'
          ? 'its volume is mounted read-only'
          : `${target === file ? 'the file' : 'its folder'} is not writable by this user`;
      throw new UserError(
        'STORE_READONLY',
        `The store ${given} is read-only: ${why}. The bot needs to write the file and its folder (for the journal); mount the volume read-write or set BRIEFBOT_STORE to a writable path.`,
      );
    }
  }
}
