import { inferTitle } from '../infer-title.js';
import { articles, type ReadResult } from './reader.js';

/**
 * Lines that scraped pages leave after the article. Only a run of these at the very end is removed
 * (compared case-insensitively, ignoring punctuation), so the same words inside an article stay.
 */
export const TRAILING_DEBRIS: readonly string[] = [
  'leave a reply',
  'leave a comment',
  'post a comment',
  'add a comment',
  'comments',
  'comment',
  'share this',
  'share this article',
  'share this story',
  'share',
  'related articles',
  'related stories',
  'related',
  'read more',
  'advertisement',
  'print',
  'email',
  'tweet',
  'like this',
  'cancel reply',
];
const debris = new Set(TRAILING_DEBRIS);

/** Longer than any debris line ("Share this article", "12 comments"): such lines are never compared. */
const MAX_DEBRIS_LINE = 60;

function isDebris(line: string): boolean {
  if (line.length > MAX_DEBRIS_LINE && line.trim().length > MAX_DEBRIS_LINE) return false;
  const key = line
    .toLowerCase()
    .replace(/[^\p{L}\p{N} ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  // "12 comments", "0 Comments"
  return debris.has(key) || /^\d+ comments?$/.test(key);
}

/** Removes trailing page debris lines (and the blank lines around them) from scraped text. */
export function stripTrailingDebris(text: string): string {
  const lines = text.split('\n');
  let end = lines.length;
  for (;;) {
    while (end > 0 && lines[end - 1].trim() === '') end--;
    if (end > 0 && isDebris(lines[end - 1])) end--;
    else break;
  }
  return lines.slice(0, end).join('\n');
}

/** Longest first line still taken as a headline when a blank line follows it. */
const MAX_HEADLINE = 140;

/**
 * Plain text. A short first line followed by a blank line and without a closing full stop is the
 * headline; otherwise the title is inferred from the first sentence and the text is kept whole.
 */
export function readPlainText(raw: string, origin: string): ReadResult {
  const text = stripTrailingDebris(raw.replace(/\r\n?/g, '\n'))
    .replace(/^\s*\n/, '')
    .trimEnd();
  if (!text.trim()) return articles([], [{ origin, reason: 'no text' }]);
  const lines = text.split('\n');
  const first = lines[0].trim();
  const headline = lines.length > 2 && lines[1].trim() === '' && first.length <= MAX_HEADLINE && !/[.,;:]$/.test(first);
  if (headline) {
    const body = lines.slice(1).join('\n').trim();
    if (body) return articles([{ title: first, text: body, origin }]);
  }
  return articles([{ title: inferTitle(text), text, origin }]);
}
