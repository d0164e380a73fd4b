import { createHash } from 'node:crypto';
import type { ArticleInput } from '../store/article-store.js';
import { contentHash, slugify } from '../store/ingest/identity.js';

/** Longest item key kept as it is; longer guids are kept as their hash. */
const MAX_KEY = 500;

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * An item's identity inside its feed: the guid (Atom id, JSON Feed id), else the link, else its
 * text's hash (so an item with neither is at least recognised when it comes back unchanged).
 */
export function itemKey(item: ArticleInput): string {
  const key = item.id?.trim() || item.url?.trim() || `content:${contentHash(item.text)}`;
  return key.length > MAX_KEY ? `sha256:${sha(key)}` : key;
}

/** What the item looked like in the feed: a new hash means the item changed and is read again. */
export function itemHash(item: ArticleInput): string {
  return sha([item.title, item.url ?? '', item.published ?? '', item.text].join('\n'));
}

/**
 * The store id of a feed item's article: a readable slug (from the link's last segment, else the
 * title) and a hash of the feed id and item key. Scoped to the feed, since two feeds may both
 * number their items "1"; stable, so an updated item replaces its article.
 */
export function feedArticleId(feedId: number, key: string, item: Pick<ArticleInput, 'url' | 'title'>): string {
  let tail = '';
  try {
    tail = item.url ? (new URL(item.url).pathname.split('/').filter(Boolean).pop() ?? '') : '';
  } catch {
    // Not an absolute link: the title gives the slug.
  }
  const slug = slugify(tail.replace(/\.[a-z0-9]{1,5}$/i, ''), 40) || slugify(item.title ?? '', 40) || 'item';
  return `${slug}-${sha(`${feedId}\n${key}`).slice(0, 10)}`;
}

/** Word count below which an item is a teaser whose linked page is read for the full text. */
export const TEASER_WORDS = 80;

export function isTeaser(text: string): boolean {
  return text.split(/\s+/).filter(Boolean).length < TEASER_WORDS;
}
