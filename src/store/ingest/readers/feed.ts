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
 * A parser for one document. parseString never touches the network, but a parser is not reused:
 * after a parse error xml2js leaves the instance flagged as failed, and its next document's errors
 * are then swallowed (a malformed feed after another would be read as if it were well formed).
 */
const newParser = (): Parser<Record<string, unknown>, FeedItem> =>
  new Parser({ customFields: { item: ['id', 'author'] } });

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
  try {
    const { articles: found, skipped } = await parseFeedXml(raw, origin);
    return articles(found, skipped);
  } catch (error) {
    return articles(
      [],
      [{ origin, reason: `not a readable RSS/Atom feed: ${(error as Error).message.split('\n')[0]}` }],
    );
  }
}

/**
 * RSS 2.0, RSS 1.0 (RDF) or Atom as readFeed reads it, plus the feed's title; throws when the
 * text is not such a feed. The XML parser (xml2js over sax, strict) expands only XML's own and
 * HTML's named entities: an entity declared in a DOCTYPE, internal ("billion laughs") or external
 * (XXE, a SYSTEM file or URL), is never expanded or fetched, and its use is a parse error.
 */
export async function parseFeedXml(raw: string, origin: string): Promise<ReadResult & { title?: string }> {
  if (ENTITY_DECLARATION.test(raw.slice(0, 64 * 1024)))
    throw new Error('it declares XML entities (<!ENTITY>), which are never expanded');
  const feed = await newParser().parseString(raw);
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
  return { articles: found, skipped, title: feed.title };
}
