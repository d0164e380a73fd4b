import Parser from 'rss-parser';
import type { ArticleInput } from '../../article-store.js';
import { flatHtml } from '../flat-html.js';
import { fromFields } from './fields.js';
import { articles, type ReadResult, type Skip } from './reader.js';

type FeedItem = Parser.Item & {
  id?: string;
  author?: string | { name?: string };
  'content:encoded'?: string;
  'dc:creator'?: string;
};

/**
 * A new parser for every feed: rss-parser's instance keeps its XML parser's state after an error,
 * so a shared one accepted, after a bad feed, a feed it refused on its own (with an unexpanded
 * entity left in the text). parseString never touches the network.
 */
const newParser = (): Parser<Record<string, unknown>, FeedItem> => new Parser({ customFields: { item: ['id', 'author'] } });

/**
 * An internal DTD subset declaring entities: the vehicle of XXE and "billion laughs". Feeds never
 * need one, and none is ever expanded; the feed is refused rather than read with the entities left raw.
 */
const ENTITY_DECLARATION = /<!DOCTYPE[^>[]*\[[^\]]*<!ENTITY/i;

/**
 * Feed bodies are usually HTML; plain text is kept as it is. They are read by the streaming reader
 * (flat-html.ts): linear however the markup nests, and blind to hidden elements like the page reader.
 */
function bodyText(value: string): string {
  const looksHtml = /<\/?[a-z][\s\S]*>/i.test(value) || /&[a-z#0-9]+;/i.test(value);
  return looksHtml ? flatHtml(value).text : value.trim();
}

/**
 * RSS or Atom through rss-parser. The item text is the fullest body offered
 * (content:encoded, then content, then summary), turned into text when it is HTML.
 * The feed's title is the source; an item without any body is skipped with its title.
 */
export async function readFeed(raw: string, origin: string): Promise<ReadResult> {
  if (ENTITY_DECLARATION.test(raw.slice(0, 64 * 1024))) {
    return articles([], [{ origin, reason: 'not a readable RSS/Atom feed: it declares XML entities (<!ENTITY>), which are never expanded' }]);
  }
  let feed: Parser.Output<FeedItem>;
  try {
    feed = await newParser().parseString(raw);
  } catch (error) {
    return articles([], [{ origin, reason: `not a readable RSS/Atom feed: ${(error as Error).message.split('\n')[0]}` }]);
  }
  const found: ArticleInput[] = [];
  const skipped: Skip[] = [];
  feed.items.forEach((item, i) => {
    const body = item['content:encoded'] || item.content || item.summary || item.contentSnippet || '';
    const text = bodyText(body);
    if (!text) {
      skipped.push({ origin, reason: `item ${i + 1} (${item.title ?? 'untitled'}): no text` });
      return;
    }
    const author = typeof item.author === 'object' ? item.author?.name : item.author;
    found.push(
      fromFields(
        {
          id: item.guid || item.id || undefined,
          title: item.title,
          url: item.link,
          source: feed.title,
          authors: item.creator || item['dc:creator'] || author,
          published: item.isoDate || item.pubDate,
        },
        text,
        `${origin} item ${i + 1}`,
      ),
    );
  });
  return articles(found, skipped);
}
