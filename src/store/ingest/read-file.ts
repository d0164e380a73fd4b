import { readFile } from 'node:fs/promises';
import type { ArticleInput } from '../article-store.js';
import { datelineDate } from './dateline.js';
import { decodeBuffer } from './decode.js';
import { detectFormat, readers, type Format } from './formats.js';
import { fileArticleId } from './identity.js';
import type { Skip } from './readers/reader.js';
import { readFailure } from './read-failure.js';
import { inferTitle } from './infer-title.js';
import { cut, dropLongTokens, limitNote, limitProse } from './prose-limits.js';
import type { FoundFile } from './walk.js';

/**
 * How much of a one-article file is parsed, in characters: well above the article limit of
 * prose-limits.ts (markup and scripts come with the text), well below what makes a parser stall.
 * Files holding many articles (JSON, feeds) cannot be cut and rely on the time budget instead.
 */
const RAW_LIMITS: Partial<Record<Format, number>> = { markdown: 1_000_000, html: 5_000_000 };

/** Formats in which one file is one article, so the file path can identify it. */
const ONE_ARTICLE_PER_FILE = new Set<Format>(['text', 'markdown', 'html']);

export interface FileReadResult {
  articles: ArticleInput[];
  skipped: Skip[];
  notes: { origin: string; note: string }[];
}

/**
 * Fills what a file gives even when its content does not. The date, best first: the reader's
 * metadata (front matter, JSON fields, feed dates, HTML meta, time and JSON-LD), a dateline or date
 * line at the top of the text, else the file's modification time (flagged as inferred); each
 * article records which. The file's path is kept so deleting the file removes its articles, and
 * one-article formats without id or url get an id from the path, so editing the file later
 * replaces the article instead of adding a second one.
 */
export function completeFromFile(input: ArticleInput, file: FoundFile, format: Format): ArticleInput {
  const done: ArticleInput = { ...input, origin: input.origin ?? file.path, file: input.file ?? file.path };
  if (done.published) {
    done.publishedFrom ??= done.publishedInferred ? 'file-time' : 'metadata';
  } else {
    // A headline the reader split off the text may carry the date ("Oct. 12, 2021: …"); an inferred title is the text's own start.
    const split = !done.text.trimStart().startsWith(done.title.replace(/…$/, '').slice(0, 40));
    const stated = datelineDate(split ? `${done.title}\n${done.text}` : done.text);
    if (stated) {
      done.published = stated;
      done.publishedFrom = 'text';
    } else {
      done.published = file.mtime.toISOString();
      done.publishedInferred = true;
      done.publishedFrom = 'file-time';
    }
  }
  if (!done.id && !done.url && ONE_ARTICLE_PER_FILE.has(format)) done.id = fileArticleId(file.path);
  return done;
}

/**
 * Reads, decodes and parses one file. Never throws: an unreadable, binary or malformed file
 * comes back as a skip with its reason.
 */
export async function readArticleFile(file: FoundFile): Promise<FileReadResult> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file.path);
  } catch (error) {
    return { articles: [], skipped: [{ origin: file.path, reason: readFailure(error) }], notes: [] };
  }
  const read = await parseArticleBytes(bytes, file.path);
  return { ...read, articles: read.format ? read.articles.map((a) => completeFromFile(a, file, read.format!)) : [] };
}

/**
 * Decodes one file's bytes and reads them with the reader for its format (by name, else by its
 * first characters), as ingest does; `briefbot summarize` reads its input the same way. Never
 * throws: binary, empty or malformed input comes back as a skip with its reason.
 */
export async function parseArticleBytes(
  bytes: Uint8Array,
  path: string,
): Promise<FileReadResult & { format?: Format }> {
  const origin = path;
  const result: FileReadResult & { format?: Format } = { articles: [], skipped: [], notes: [] };
  const decoded = decodeBuffer(bytes);
  if (!decoded.ok) {
    result.skipped.push({ origin, reason: decoded.reason });
    return result;
  }
  if (decoded.note) result.notes.push({ origin, note: decoded.note });
  if (!decoded.text.trim()) {
    result.skipped.push({ origin, reason: 'empty file' });
    return result;
  }
  const format = detectFormat(path, decoded.text);
  result.format = format;
  let text = decoded.text;
  if (format === 'markdown') {
    // Markdown has no use for a 200-character word, and removing them first keeps the cut below
    // from leaving nothing but a blob (HTML keeps them: 10,000 nested tags are one "word").
    const tokens = dropLongTokens(text);
    if (tokens.dropped) result.notes.push({ origin, note: limitNote(tokens) });
    text = tokens.text;
  }
  const rawLimit = RAW_LIMITS[format];
  if (rawLimit !== undefined && text.length > rawLimit) {
    // A parser given megabytes of one paragraph can recurse past the stack (marked) or take
    // seconds (linkedom); an article never needs that much, so the file is cut before parsing.
    text = cut(text, rawLimit);
    result.notes.push({
      origin,
      note: `read only its first ${text.length.toLocaleString('en')} of ${decoded.text.length.toLocaleString('en')} characters (one article file is read up to ${rawLimit.toLocaleString('en')})`,
    });
  }
  try {
    const read = await readers[format](text, origin);
    result.articles = read.articles;
    result.skipped.push(...read.skipped);
    result.notes.push(...(read.notes ?? []));
  } catch (error) {
    result.skipped.push({ origin, reason: `unreadable ${format}: ${(error as Error).message.split('\n')[0]}` });
  }
  return result;
}

/**
 * Applies the prose limits (prose-limits.ts) to every article of a file: text that cannot be prose
 * is removed and overlong text cut, each noted; an article left with no text is skipped. A title
 * inferred from text that was removed (a 100-character run without a space) is inferred again.
 */
export function limitArticles(read: FileReadResult): FileReadResult {
  const out: FileReadResult = { articles: [], skipped: [...read.skipped], notes: [...read.notes] };
  for (const article of read.articles) {
    const limited = limitArticle(article);
    out.notes.push(...limited.notes);
    if (limited.article) out.articles.push(limited.article);
    else if (limited.skip) out.skipped.push(limited.skip);
  }
  return out;
}

export function limitArticle(article: ArticleInput): {
  article?: ArticleInput;
  skip?: Skip;
  notes: { origin: string; note: string }[];
} {
  const origin = article.origin ?? article.id ?? article.title;
  const limited = limitProse(article.text);
  const notes = limited.notes.map((note) => ({ origin, note }));
  if (!limited.notes.length) return { article, notes };
  if (!limited.text.trim()) return { skip: { origin, reason: `no prose: ${limited.notes.join('; ')}` }, notes: [] };
  const title = /\S{60,}/.test(article.title) ? inferTitle(limited.text) : article.title;
  return { article: { ...article, title, text: limited.text }, notes };
}
