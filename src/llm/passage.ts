import type { ArticleMeta } from '../store/article-store.js';

/** A passage retrieved from the store and offered to the model as numbered, untrusted material. */
export interface Passage {
  articleId: string;
  sentenceIdx: number;
  text: string;
  article: Pick<ArticleMeta, 'title' | 'url' | 'published'> &
    Partial<Pick<ArticleMeta, 'publishedFrom' | 'publishedInferred'>>;
}

/** Passages as sent: the number the model sees is the index + 1. */
export type NumberedPassages = readonly Passage[];
