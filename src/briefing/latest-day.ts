import type { ArticleStore } from '../store/article-store.js';

const DAY_MS = 86_400_000;

/**
 * The start of the latest day of coverage: 24 hours before the newest publication time in the
 * store. "Today's stories" of a store fed live is the last 24 hours; of an archive (or a store
 * whose newest article is a week old) it is the last day the archive covers, not an empty page.
 */
export async function latestDayStart(store: ArticleStore): Promise<string | undefined> {
  const [newest] = await store.listArticles({ limit: 1 });
  const at = Date.parse(newest?.published ?? newest?.ingestedAt ?? '');
  return Number.isNaN(at) ? undefined : new Date(at - DAY_MS).toISOString();
}
