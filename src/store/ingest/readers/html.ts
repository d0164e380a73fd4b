import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { flatHtml } from '../flat-html.js';
import { removeHidden } from '../hidden-html.js';
import { domToText } from '../html-to-text.js';
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
 * Nesting beyond which the page is read as flat text: Readability walks the tree recursively (it
 * overflowed the stack at 10,000 nested divs) and linkedom's parse grows with the square of the
 * depth (25 s at 100,000). Real pages nest a few dozen levels.
 */
const MAX_TREE_DEPTH = 400;

const withNotes = (r: ReadResult, notes: { origin: string; note: string }[]): ReadResult =>
  notes.length ? { ...r, notes } : r;
const hiddenNote = (origin: string, n: number) => ({
  origin,
  note: `left out the text of ${n} hidden element${n === 1 ? '' : 's'}`,
});

/**
 * HTML: the main text through Mozilla Readability over a linkedom document (no regex scraping);
 * title, byline, date, url and site name from meta tags when present, else Readability's guesses.
 * A page Readability finds no article in, cannot read, or that nests too deeply for a tree, falls
 * back to the flat text of the whole page (flat-html.ts, a streaming pass). Text hidden from
 * readers (display:none, aria-hidden, off-screen classes) is never article text.
 */
export function readHtml(raw: string, origin: string): ReadResult {
  const flat = flatHtml(raw);
  const notes: { origin: string; note: string }[] = [];
  if (flat.depth > MAX_TREE_DEPTH) {
    notes.push({ origin, note: `elements nest ${flat.depth} deep; read as flat text, without article extraction` });
    if (flat.stats.hidden) notes.push(hiddenNote(origin, flat.stats.hidden));
    if (!flat.text) return withNotes(articles([], [{ origin, reason: 'no readable text in the HTML' }]), notes);
    return withNotes(articles([fromFields({}, flat.text, origin)]), notes);
  }
  const { document } = parseHTML(raw);
  const fields = pageMeta(document);
  const fallbackTitle = document.querySelector('title')?.textContent?.trim();
  const hidden = removeHidden(document as never);
  if (hidden) notes.push(hiddenNote(origin, hidden));
  let article: ReturnType<Readability<Node>['parse']> = null;
  try {
    article = new Readability(document as unknown as Document, { serializer: (node) => node }).parse();
  } catch (error) {
    notes.push({ origin, note: `article extraction failed (${(error as Error).message}); read as flat text` });
  }
  const text = (article?.content ? domToText(article.content as never) : '') || flat.text;
  if (!text.trim()) return withNotes(articles([], [{ origin, reason: 'no readable text in the HTML' }]), notes);
  fields.title ??= article?.title?.trim() || fallbackTitle || undefined;
  fields.author ??= article?.byline?.replace(/^by\s+/i, '').trim() || undefined;
  fields.published ??= article?.publishedTime ?? undefined;
  fields.source ??= article?.siteName ?? undefined;
  return withNotes(articles([fromFields(fields, text, origin)]), notes);
}
