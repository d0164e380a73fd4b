import { parse } from './nlp.js';
import { sentenceRanges } from './sentences.js';

/** A sentence with its character offsets in the source text. */
export interface Sentence {
  text: string;
  start: number;
  end: number;
}

/** Sentence splitting alone (the summarizer and eval need no entity passes). */
export function splitSentences(text: string): Sentence[] {
  if (!text || !/[\p{L}\p{N}]/u.test(text)) return [];
  const { tokens, sentenceSpans } = parse(text);
  return sentenceRanges(tokens, sentenceSpans).map((r) => ({
    text: text.slice(tokens[r.first].start, tokens[r.last].end),
    start: tokens[r.first].start,
    end: tokens[r.last].end,
  }));
}
