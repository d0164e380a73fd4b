/** A passage retrieved from the store and offered to the model as numbered, untrusted material. */
export interface Passage {
  articleId: string;
  sentenceIdx: number;
  text: string;
  article: { title: string; url?: string; published?: string };
}

/** Passages as sent: the number the model sees is the index + 1. */
export type NumberedPassages = readonly Passage[];
