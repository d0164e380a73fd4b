import type { ArticleInput } from '../../article-store.js';

/** Something that could not be ingested, and why. */
export interface Skip {
  origin: string;
  reason: string;
}

/** What a reader makes of one file's text: articles, and the parts it had to skip. */
export interface ReadResult {
  articles: ArticleInput[];
  skipped: Skip[];
  /** Things worth knowing that did not stop anything (hidden text left out, a fallback used). */
  notes?: { origin: string; note: string }[];
}

/** A format reader: decoded text in, articles out. Throwing means the whole file is skipped. */
export type Reader = (text: string, origin: string) => ReadResult | Promise<ReadResult>;

export function articles(list: ArticleInput[], skipped: Skip[] = []): ReadResult {
  return { articles: list, skipped };
}
