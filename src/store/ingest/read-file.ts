import { readFile } from 'node:fs/promises';
import type { ArticleInput } from '../article-store.js';
import { decodeBuffer } from './decode.js';
import { detectFormat, readers, type Format } from './formats.js';
import { fileArticleId } from './identity.js';
import type { Skip } from './readers/reader.js';
import { readFailure } from './read-failure.js';
import type { FoundFile } from './walk.js';

/** Formats in which one file is one article, so the file path can identify it. */
const ONE_ARTICLE_PER_FILE = new Set<Format>(['text', 'markdown', 'html']);

export interface FileReadResult {
  articles: ArticleInput[];
  skipped: Skip[];
  notes: { origin: string; note: string }[];
}

/**
 * Fills what a file gives even when its content does not: a date from the file's modification
 * time (flagged as inferred), and for one-article formats without id or url an id from the path,
 * so editing the file later replaces the article instead of adding a second one.
 */
export function completeFromFile(input: ArticleInput, file: FoundFile, format: Format): ArticleInput {
  const done: ArticleInput = { ...input, origin: input.origin ?? file.path };
  if (!done.published) {
    done.published = file.mtime.toISOString();
    done.publishedInferred = true;
  }
  if (!done.id && !done.url && ONE_ARTICLE_PER_FILE.has(format)) done.id = fileArticleId(file.path);
  return done;
}

/**
 * Reads, decodes and parses one file. Never throws: an unreadable, binary or malformed file
 * comes back as a skip with its reason.
 */
export async function readArticleFile(file: FoundFile): Promise<FileReadResult> {
  const origin = file.path;
  const result: FileReadResult = { articles: [], skipped: [], notes: [] };
  let bytes: Buffer;
  try {
    bytes = await readFile(file.path);
  } catch (error) {
    result.skipped.push({ origin, reason: readFailure(error) });
    return result;
  }
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
  const format = detectFormat(file.path, decoded.text);
  try {
    const read = await readers[format](decoded.text, origin);
    result.articles = read.articles.map((a) => completeFromFile(a, file, format));
    result.skipped.push(...read.skipped);
  } catch (error) {
    result.skipped.push({ origin, reason: `unreadable ${format}: ${(error as Error).message.split('\n')[0]}` });
  }
  return result;
}
