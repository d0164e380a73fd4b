import type { ArticleInput } from '../store/article-store.js';
import type { Skip } from '../store/ingest/readers/reader.js';
import { FeedError } from './feed-error.js';

/** What a feed body holds: its title and items as article inputs (not yet identified or stored). */
export interface ParsedFeed {
  title?: string;
  items: ArticleInput[];
  skipped: Skip[];
  format: 'json-feed' | 'xml';
}

const looksHtml = (head: string) =>
  /^(?:<!--[\s\S]*?-->\s*)*<!doctype html|^(?:<!--[\s\S]*?-->\s*)*<html[\s>]/i.test(head);
const looksXml = (head: string) => /^<(\?xml|rss[\s>]|feed[\s>]|rdf:rdf[\s>])/i.test(head);

/**
 * A fetched body as a feed, through the ingest's own readers: RSS 2.0, RSS 1.0 (RDF) and Atom by
 * the feed reader, JSON Feed by the JSON Feed reader. Anything else is a FeedError of kind
 * not_feed that says what arrived instead (an HTML page, malformed XML, entities, plain JSON).
 */
export async function parseFeedBody(text: string, origin: string, contentType?: string): Promise<ParsedFeed> {
  const head = text
    .slice(0, 2048)
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (head.startsWith('{')) {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (e) {
      throw new FeedError('not_feed', `not a feed: invalid JSON (${(e as Error).message.split('\n')[0]})`);
    }
    const { readJsonFeedValue } = await import('../store/ingest/readers/json-feed.js');
    try {
      const feed = readJsonFeedValue(data, origin);
      return { title: feed.title, items: feed.articles, skipped: feed.skipped, format: 'json-feed' };
    } catch {
      throw new FeedError('not_feed', 'not a feed: JSON without a JSON Feed "version" and "items"');
    }
  }
  if (looksHtml(head) || (!looksXml(head) && /^text\/html\b/i.test(contentType ?? ''))) {
    throw new FeedError('not_feed', 'not a feed: the server sent an HTML page');
  }
  if (!head.startsWith('<')) {
    throw new FeedError(
      'not_feed',
      `not a feed: the server sent ${contentType ? `${contentType.split(';')[0]} ` : ''}content that is neither XML nor JSON`,
    );
  }
  // Declared entities are never expanded (see parseFeedXml); naming them says why such a feed fails.
  if (/<!ENTITY/i.test(text.slice(0, 64 * 1024))) {
    throw new FeedError(
      'not_feed',
      'not a feed: the XML declares entities (<!ENTITY>), which are never expanded or fetched',
    );
  }
  const { parseFeedXml } = await import('../store/ingest/readers/feed.js');
  try {
    const feed = await parseFeedXml(text, origin);
    return { title: feed.title, items: feed.articles, skipped: feed.skipped, format: 'xml' };
  } catch (e) {
    const message = (e as Error).message.split('\n');
    const line = message.find((l) => /^Line:/.test(l));
    throw new FeedError(
      'not_feed',
      `not a feed: malformed XML (${message[0]}${line ? `, ${line.toLowerCase().replace(':', '')}` : ''})`,
    );
  }
}
