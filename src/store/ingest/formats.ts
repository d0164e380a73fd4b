import { extname } from 'node:path';
import { readJsonLines } from './readers/jsonl.js';
import { readPlainText } from './readers/plain-text.js';
import type { Reader } from './readers/reader.js';

export type Format = 'text' | 'markdown' | 'html' | 'json' | 'jsonl' | 'feed';

const byExtension: Record<string, Format> = {
  '.txt': 'text',
  '.text': 'text',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
  '.json': 'json',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.rss': 'feed',
  '.atom': 'feed',
  '.xml': 'feed',
};

/**
 * The feed, HTML, Markdown and JSON readers pull in rss-parser, linkedom, readability, gray-matter and
 * marked (about 1 s of module loading together on a busy 2-core machine): they are imported on
 * the first file that needs them, so the bot starts without them.
 */
export const readers: Record<Format, Reader> = {
  text: readPlainText,
  markdown: async (text, origin) => (await import('./readers/markdown.js')).readMarkdown(text, origin),
  html: async (text, origin) => (await import('./readers/html.js')).readHtml(text, origin),
  // JSON may be a JSON Feed, whose reader brings linkedom: loaded with the first JSON file.
  json: async (text, origin) => (await import('./readers/json.js')).readJson(text, origin),
  jsonl: readJsonLines,
  feed: async (text, origin) => (await import('./readers/feed.js')).readFeed(text, origin),
};

/** The format a file name announces, if it announces one. */
export function formatOfName(path: string): Format | undefined {
  return byExtension[extname(path).toLowerCase()];
}

/**
 * The format of a file: by extension, else by its first characters (an XML or feed root, an HTML
 * document, JSON, front matter), else plain text. Only the first characters are examined.
 */
export function detectFormat(path: string, text: string): Format {
  const named = formatOfName(path);
  if (named) return named;
  const head = text.slice(0, 512).trimStart().toLowerCase();
  if (head.startsWith('<?xml') || head.startsWith('<rss') || head.startsWith('<feed')) return 'feed';
  if (head.startsWith('<!doctype html') || head.startsWith('<html')) return 'html';
  if (head.startsWith('{') || head.startsWith('[')) return 'json';
  if (head.startsWith('---\n')) return 'markdown';
  return 'text';
}
