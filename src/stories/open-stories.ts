import type { ArticleStore } from '../store/article-store.js';
import { DEFAULT_GROUPING, type GroupingParams } from './params.js';
import { PgStories, type PgStoryHost } from './postgres/pg-stories.js';
import { SqliteStories, type SqliteStoryHost } from './sqlite/sqlite-stories.js';
import { StoryService } from './story-service.js';

const isSqliteHost = (s: ArticleStore): s is ArticleStore & SqliteStoryHost =>
  s.kind === 'sqlite' && 'db' in s && 'transaction' in s && 'migrate' in s;
const isPgHost = (s: ArticleStore): s is ArticleStore & PgStoryHost =>
  s.kind === 'postgres' && 'db' in s && 'migrate' in s;

/**
 * Stories over the store's own database (its story tables are migrated here), or undefined for a
 * store that keeps none. Several openers of one store share the tables: grouping is serialised
 * by the database (SQLite's write lock, a PostgreSQL advisory lock), never by this object.
 */
export function openStories(store: ArticleStore, params: GroupingParams = DEFAULT_GROUPING): StoryService | undefined {
  if (isSqliteHost(store)) return new StoryService(new SqliteStories(store, params), store);
  if (isPgHost(store)) return new StoryService(new PgStories(store, params), store);
  return undefined;
}
