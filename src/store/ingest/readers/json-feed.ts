import { z } from 'zod';
import type { ArticleInput } from '../../article-store.js';
import { htmlToText } from '../html-to-text.js';
import { fromFields } from './fields.js';
import type { ReadResult, Skip } from './reader.js';

/** The version URL every JSON Feed names ("https://jsonfeed.org/version/1.1"). */
export const JSON_FEED_VERSION = /^https?:\/\/jsonfeed\.org\/version\/1(\.\d+)?$/;

const text = z.string().optional().catch(undefined);
const author = z.object({ name: text }).loose();

/**
 * JSON Feed 1.1 (and 1.0's single `author`), read leniently: a field of the wrong type is dropped
 * rather than losing the item, and fields the spec does not name are ignored.
 */
const itemSchema = z
  .object({
    id: z.union([z.string(), z.number()]).optional().catch(undefined),
    url: text,
    external_url: text,
    title: text,
    content_html: text,
    content_text: text,
    summary: text,
    date_published: text,
    date_modified: text,
    authors: z.array(author).optional().catch(undefined),
    author: author.optional().catch(undefined),
  })
  .loose();

const feedSchema = z
  .object({
    version: z.string().regex(JSON_FEED_VERSION),
    title: text,
    items: z.array(z.unknown()),
  })
  .loose();

export function isJsonFeed(data: unknown): boolean {
  return feedSchema.safeParse(data).success;
}

/**
 * A parsed JSON Feed: each item becomes an article with its id, url, title, authors and date; the
 * text is content_html (made plain), else content_text, else summary. An item without any is
 * skipped with its title. Throws when the value is not a JSON Feed at all.
 */
export function readJsonFeedValue(data: unknown, origin: string): ReadResult & { title?: string } {
  const feed = feedSchema.safeParse(data);
  if (!feed.success) throw new Error('not a JSON Feed (no "version": "https://jsonfeed.org/version/1.1" with "items")');
  const found: ArticleInput[] = [];
  const skipped: Skip[] = [];
  feed.data.items.forEach((raw, i) => {
    const parsed = itemSchema.safeParse(raw);
    if (!parsed.success) {
      skipped.push({ origin, reason: `item ${i + 1}: not a JSON object` });
      return;
    }
    const item = parsed.data;
    const body = item.content_html ? htmlToText(item.content_html) : (item.content_text ?? item.summary ?? '').trim();
    if (!body) {
      skipped.push({ origin, reason: `item ${i + 1} (${item.title ?? 'untitled'}): no text` });
      return;
    }
    const authors = item.authors ?? (item.author ? [item.author] : undefined);
    found.push(
      fromFields(
        {
          id: item.id === undefined ? undefined : String(item.id),
          title: item.title,
          url: item.url ?? item.external_url,
          source: feed.data.title,
          authors: authors?.map((a) => a.name).filter(Boolean),
          published: item.date_published ?? item.date_modified,
        },
        body,
        `${origin} item ${i + 1}`,
      ),
    );
  });
  return { articles: found, skipped, title: feed.data.title };
}
