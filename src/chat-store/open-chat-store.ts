import Database from 'better-sqlite3';
import type { ArticleStore } from '../store/article-store.js';
import { runMigrations, type Migration } from '../store/migrations.js';
import type { PgMigration } from '../store/postgres/pg-migrate.js';
import type { Queryable } from '../store/postgres/pg-database.js';
import type { ChatLimits, ChatStore } from './chat-store.js';
import { CHAT_COMPONENT, PG_CHAT_MIGRATIONS, SQLITE_CHAT_MIGRATIONS } from './chat-migrations.js';
import { sqlChatStore, type Sql } from './sql-chat-store.js';

/** What the SQLite article store offers other components: its connection and its migrator. */
interface SqliteHost {
  db: Database.Database;
  migrate?(component: string, migrations: readonly Migration[]): unknown;
}

/** What the PostgreSQL article store offers: a pool, its migrator, and when it is ready. */
interface PgHost {
  db: Queryable;
  migrate(component: string, migrations: readonly PgMigration[]): Promise<unknown>;
  ready?: Promise<void>;
}

const isSqliteHost = (s: ArticleStore): s is ArticleStore & SqliteHost => s.kind === 'sqlite' && 'db' in s;
const isPgHost = (s: ArticleStore): s is ArticleStore & PgHost => s.kind === 'postgres' && 'db' in s && 'migrate' in s;

export interface ChatStoreOptions {
  now?: () => number;
  /** Names this process in claims, for diagnostics. */
  replica?: string;
  /** Tighter lifetimes or caps (tests). */
  limits?: Partial<ChatLimits>;
}

/** The chat tables in the article store's database (SQLite or PostgreSQL), migrated on open. */
export async function openChatStore(store: ArticleStore, opts: ChatStoreOptions = {}): Promise<ChatStore> {
  if (isSqliteHost(store)) {
    if (store.migrate) await store.migrate(CHAT_COMPONENT, SQLITE_CHAT_MIGRATIONS);
    else runMigrations(store.db, CHAT_COMPONENT, SQLITE_CHAT_MIGRATIONS);
    return sqlChatStore(sqliteSql(store.db), opts);
  }
  if (isPgHost(store)) return sqlChatStore(pgSql(store), opts);
  throw new Error(`the ${store.kind} store cannot keep chat state`);
}

/**
 * A chat store in a private in-memory SQLite database: for an adapter started on its own (tests,
 * tools). It forgets everything on exit and is not shared; the bot passes the store's instead.
 */
export function memoryChatStore(opts: ChatStoreOptions = {}): ChatStore {
  const db = new Database(':memory:');
  runMigrations(db, CHAT_COMPONENT, SQLITE_CHAT_MIGRATIONS);
  return sqlChatStore(sqliteSql(db), opts);
}

function sqliteSql(db: Database.Database): Sql {
  const cache = new Map<string, Database.Statement>();
  const stmt = (sql: string) => {
    let s = cache.get(sql);
    if (!s) cache.set(sql, (s = db.prepare(sql)));
    return s;
  };
  return {
    run: async (sql, params = []) => stmt(sql).run(...params).changes,
    all: async <T>(sql: string, params: unknown[] = []) => stmt(sql).all(...params) as T[],
  };
}

/** `?` → `$1, $2, …`; the chat statements hold no literal question marks. */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

function pgSql(host: PgHost): Sql {
  // Migrated on first use, so opening never waits for the database (replicas start while it is down).
  let migrated: Promise<unknown> | undefined;
  const ready = () =>
    (migrated ??= (async () => {
      await host.ready;
      await host.migrate(CHAT_COMPONENT, PG_CHAT_MIGRATIONS);
    })().catch((e: unknown) => {
      migrated = undefined;
      throw e;
    }));
  return {
    async run(sql, params = []) {
      await ready();
      return (await host.db.query(numbered(sql), params)).rowCount ?? 0;
    },
    async all<T>(sql: string, params: unknown[] = []) {
      await ready();
      return (await host.db.query(numbered(sql), params)).rows as T[];
    },
  };
}
