import type { EntityMention, ResolvedDate } from '../../types.js';
import type { Question } from '../question.js';
import type { WordToken } from '../terms.js';

/** A sentence as the extractors read it: its text, word tokens and the analysis stored at ingest. */
export interface SentenceView {
  text: string;
  tokens: WordToken[];
  entities: EntityMention[];
  dates: ResolvedDate[];
  hasNumber: boolean;
}

/** The question as the extractors read it. */
export type QuestionView = Pick<
  Question,
  'text' | 'type' | 'terms' | 'keys' | 'tokens' | 'plural' | 'said' | 'whNoun' | 'opening'
>;

/** A short answer read from a sentence. */
export interface Extracted {
  text: string;
  /**
   * How directly the sentence gives it, 0–1: 1 for the phrase the question's own words lead to
   * ("3,000 troops" for "how many troops"), lower for the first of several same-type phrases.
   */
  quality: number;
}

/** A span without surrounding quotation marks, brackets that do not close, or trailing punctuation. */
export function cleanSpan(text: string): string {
  let t = text.trim().replace(/^[“”"'‘’\s]+|[“”"'‘’,;:.\s-]+$/g, '');
  if ((t.match(/\(/g) ?? []).length > (t.match(/\)/g) ?? []).length) t = t.slice(0, t.lastIndexOf('(')).trim();
  return t;
}
