import type { ArticleInput } from '../../article-store.js';
import { isSkip, jsonRecordToArticle } from './json-record.js';
import { articles, type ReadResult } from './reader.js';

/** One JSON Lines line (1-based number) as an article or a "line N: reason" skip. */
export function readJsonLine(
  line: string,
  lineNumber: number,
  origin: string,
): ArticleInput | { reason: string } | undefined {
  const trimmed = line.trim();
  if (!trimmed) return undefined; // blank lines are allowed between records
  if (trimmed.includes('\u0000')) return { reason: `line ${lineNumber}: contains a NUL byte (binary data, not JSON)` };
  let record: unknown;
  try {
    record = JSON.parse(trimmed);
  } catch (error) {
    return { reason: `line ${lineNumber}: invalid JSON (${(error as Error).message})` };
  }
  const result = jsonRecordToArticle(record, `${origin} line ${lineNumber}`);
  return isSkip(result) ? { reason: `line ${lineNumber}: ${result.reason}` } : result;
}

/**
 * JSON Lines held in memory (the ingest pipeline streams large files line by line through
 * readJsonLine instead). A bad line is skipped with its number; the rest are read.
 */
export function readJsonLines(raw: string, origin: string): ReadResult {
  const result = articles([]);
  raw.split(/\r?\n/).forEach((line, i) => {
    const item = readJsonLine(line, i + 1, origin);
    if (!item) return;
    if (isSkip(item)) result.skipped.push({ origin, reason: item.reason });
    else result.articles.push(item);
  });
  return result;
}
