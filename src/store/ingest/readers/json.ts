import type { ArticleInput } from '../../article-store.js';
import { isJsonFeed, readJsonFeedValue } from './json-feed.js';
import { isSkip, jsonRecordToArticle } from './json-record.js';
import { articles, type ReadResult, type Skip } from './reader.js';

/**
 * A JSON file: one article object, an array of them, or an object whose `articles` or `items`
 * property is such an array, or a JSON Feed. A bad element is skipped as "item N: reason"; the
 * others are kept.
 */
export function readJson(raw: string, origin: string): ReadResult {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (error) {
    return articles([], [{ origin, reason: `invalid JSON: ${(error as Error).message}` }]);
  }
  if (isJsonFeed(data)) {
    const feed = readJsonFeedValue(data, origin);
    return articles(feed.articles, feed.skipped);
  }
  const container = data as { articles?: unknown; items?: unknown } | null;
  const list = Array.isArray(data)
    ? data
    : Array.isArray(container?.articles)
      ? container.articles
      : Array.isArray(container?.items)
        ? container.items
        : undefined;
  if (!list) {
    const one = jsonRecordToArticle(data, origin);
    return isSkip(one) ? articles([], [{ origin, reason: one.reason }]) : articles([one]);
  }
  const found: ArticleInput[] = [];
  const skipped: Skip[] = [];
  list.forEach((item: unknown, i: number) => {
    const result = jsonRecordToArticle(item, `${origin} item ${i + 1}`);
    if (isSkip(result)) skipped.push({ origin, reason: `item ${i + 1}: ${result.reason}` });
    else found.push(result);
  });
  return articles(found, skipped);
}
