import type { Logger } from 'pino';
import type { ArticleInput } from '../store/article-store.js';
import { decodeBody } from './decode-body.js';
import { isFeedError } from './feed-error.js';
import type { FeedHttpClient } from './net/http-client.js';

export const PAGE_ACCEPT = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.1';

/**
 * A teaser item with the main text of the page it links to, read by the same Readability reader
 * the HTML ingest uses and fetched under the same limits, gate and address checks as feeds. The
 * item keeps its own title, link, date and id. When the page cannot be fetched or holds less text
 * than the teaser, the teaser is kept: a missing full text never loses the item.
 */
export async function withFullText(
  item: ArticleInput,
  deps: { http: FeedHttpClient; logger: Logger; signal?: AbortSignal },
): Promise<ArticleInput> {
  if (!item.url) return item;
  try {
    const page = await deps.http.get(item.url, { accept: PAGE_ACCEPT, signal: deps.signal });
    if (page.status === 304 || !/html|xml/i.test(page.contentType ?? 'text/html')) return item;
    const decoded = decodeBody(page.body, page.contentType);
    if (!decoded.ok) return item;
    const { readHtml } = await import('../store/ingest/readers/html.js');
    const [article] = readHtml(decoded.text, page.finalUrl).articles;
    const words = (s: string) => s.split(/\s+/).filter(Boolean).length;
    if (!article || words(article.text) <= words(item.text)) return item;
    return {
      ...item,
      text: article.text,
      authors: item.authors ?? article.authors,
      published: item.published ?? article.published,
    };
  } catch (e) {
    if (deps.signal?.aborted) throw e;
    deps.logger.info(
      { url: item.url, reason: isFeedError(e) ? e.message : (e as Error).message },
      'feed: teaser kept, full text not fetched',
    );
    return item;
  }
}
