import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { domToText, htmlToText } from '../html-to-text.js';
import { fromFields } from './fields.js';
import { articles, type ReadResult } from './reader.js';

type Doc = ReturnType<typeof parseHTML>['document'];

function meta(doc: Doc, selectors: string[]): string | undefined {
  for (const selector of selectors) {
    const el = doc.querySelector(selector);
    const value = el?.getAttribute('content') ?? el?.getAttribute('datetime') ?? el?.getAttribute('href');
    if (value && value.trim()) return value.trim();
  }
  return undefined;
}

/** Metadata from <meta>, <link> and <time>, read before Readability rewrites the document. */
function pageMeta(doc: Doc): Record<string, unknown> {
  return {
    title: meta(doc, ['meta[property="og:title"]', 'meta[name="twitter:title"]', 'meta[name="title"]']),
    url: meta(doc, ['link[rel="canonical"]', 'meta[property="og:url"]']),
    source: meta(doc, ['meta[property="og:site_name"]', 'meta[name="application-name"]']),
    author: meta(doc, ['meta[name="author"]', 'meta[property="article:author"]', 'meta[name="byl"]']),
    // Declared dates first, then JSON-LD, then a <time> element (pages also date comments with those).
    published:
      meta(doc, [
        'meta[property="article:published_time"]',
        'meta[name="article:published_time"]',
        'meta[property="og:published_time"]',
        'meta[name="pubdate"]',
        'meta[name="publish-date"]',
        'meta[name="dc.date.issued"]',
        'meta[name="DC.date.issued"]',
        'meta[name="dcterms.created"]',
        'meta[name="date"]',
        'meta[itemprop="datePublished"]',
        '[itemprop="datePublished"][datetime]',
      ]) ??
      jsonLdDatePublished(doc) ??
      meta(doc, ['article time[datetime]', 'time[pubdate]', 'time[datetime]']),
  };
}

/** `datePublished` from the page's JSON-LD (schema.org NewsArticle and kin), at any depth or in an @graph. */
function jsonLdDatePublished(doc: Doc): string | undefined {
  for (const script of doc.querySelectorAll('script[type="application/ld+json"]')) {
    let data: unknown;
    try {
      data = JSON.parse(script.textContent ?? '');
    } catch {
      continue; // a broken block on the page says nothing about the article
    }
    const found = findDatePublished(data, 0);
    if (found) return found;
  }
  return undefined;
}

function findDatePublished(node: unknown, depth: number): string | undefined {
  if (depth > 6 || node === null || typeof node !== 'object') return undefined;
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = findDatePublished(item, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  const record = node as Record<string, unknown>;
  if (typeof record.datePublished === 'string' && record.datePublished.trim()) return record.datePublished.trim();
  for (const value of Object.values(record)) {
    const found = findDatePublished(value, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/**
 * HTML: the main text through Mozilla Readability over a linkedom document (no regex scraping);
 * title, byline, date, url and site name from meta tags when present, else Readability's guesses.
 * A page Readability finds no article in falls back to the text of <body>.
 */
export function readHtml(raw: string, origin: string): ReadResult {
  const { document } = parseHTML(raw);
  const fields = pageMeta(document);
  const fallbackTitle = document.querySelector('title')?.textContent?.trim();
  const article = new Readability(document as unknown as Document, { serializer: (node) => node }).parse();
  let text = article?.content ? domToText(article.content as never) : '';
  if (!text) {
    text = htmlToText(raw);
  }
  if (!text.trim()) return articles([], [{ origin, reason: 'no readable text in the HTML' }]);
  fields.title ??= article?.title?.trim() || fallbackTitle || undefined;
  fields.author ??= article?.byline?.replace(/^by\s+/i, '').trim() || undefined;
  fields.published ??= article?.publishedTime ?? undefined;
  fields.source ??= article?.siteName ?? undefined;
  return articles([fromFields(fields, text, origin)]);
}
