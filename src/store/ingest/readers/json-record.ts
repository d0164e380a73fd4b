import type { ArticleInput } from '../../article-store.js';
import { fromFields } from './fields.js';

/**
 * One JSON article record: id, title, text, url, source, authors (string or list),
 * published or publish_date. Returns the article or the reason it cannot be one.
 */
export function jsonRecordToArticle(record: unknown, origin: string): ArticleInput | { reason: string } {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) {
    return { reason: 'not a JSON object' };
  }
  const fields = record as Record<string, unknown>;
  const text = typeof fields.text === 'string' ? fields.text.replace(/\r\n?/g, '\n').trim() : '';
  if (!text) return { reason: typeof fields.text === 'string' ? 'empty "text"' : 'no "text" field' };
  // A bare `date` is not a documented JSON field, but a common one; `published` wins when both exist.
  return fromFields(fields, text, origin);
}

export function isSkip(value: ArticleInput | { reason: string }): value is { reason: string } {
  return !('text' in value);
}
