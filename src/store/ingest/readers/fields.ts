import type { ArticleInput } from '../../article-store.js';
import { inferTitle } from '../infer-title.js';
import { normalizeDate } from '../normalize-date.js';

/** Authors given as a string ("A, B and C" stays one string unless split by ";") or a list. */
export function toAuthors(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  const list = Array.isArray(value) ? value : String(value).split(';');
  const names = list
    .map((v) =>
      typeof v === 'object' && v !== null && 'name' in v ? String((v as { name: unknown }).name) : String(v),
    )
    .map((v) => v.trim())
    .filter(Boolean);
  return names.length ? names : undefined;
}

function toText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number') return String(value);
  return undefined;
}

/**
 * Builds an ArticleInput from loosely typed metadata (front matter, JSON) plus a body.
 * Field names: id, title, url|link, source, authors|author, published|publish_date|date.
 */
export function fromFields(meta: Record<string, unknown>, text: string, origin: string): ArticleInput {
  const input: ArticleInput = { title: toText(meta.title) ?? inferTitle(text), text, origin };
  const id = toText(meta.id);
  if (id) input.id = id;
  const url = toText(meta.url) ?? toText(meta.link);
  if (url) input.url = url;
  const source = toText(meta.source);
  if (source) input.source = source;
  const authors = toAuthors(meta.authors ?? meta.author);
  if (authors) input.authors = authors;
  const published = normalizeDate(meta.published ?? meta.publish_date ?? meta.date);
  if (published) input.published = published;
  return input;
}
