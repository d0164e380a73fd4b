import type { ArticleInput, DateSource } from './article-store.js';

/** The date source a store records for an input: what the reader said, else what its flags imply. */
export function dateSourceOf(input: ArticleInput): DateSource {
  if (!input.published) return 'ingest-time';
  return input.publishedFrom ?? (input.publishedInferred ? 'file-time' : 'metadata');
}

const SOURCES: readonly string[] = ['metadata', 'text', 'file-time', 'ingest-time'] satisfies DateSource[];

/** A stored value read back: a known source, or undefined (rows from before it was recorded). */
export function toDateSource(value: unknown): DateSource | undefined {
  return typeof value === 'string' && SOURCES.includes(value) ? (value as DateSource) : undefined;
}
