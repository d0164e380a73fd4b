import type { ArticleMeta } from '../../store/article-store.js';
import type { Citation } from '../../core/reply.js';
import type { AnswerType } from './answer-types.js';

/** A sentence the reply quotes and cites (compose numbers it). */
export type Cite = Omit<Citation, 'n'>;

/** A strategy found an answer the store supports. */
export interface Found {
  kind: 'found';
  /** What the reply shows first: a short answer, or the supporting sentence itself. */
  headline: string;
  /** True when the headline is a short answer cut from the first cite's sentence. */
  short: boolean;
  /** The supporting sentences, best first; the first one states the headline. */
  cites: Cite[];
  type: AnswerType;
  /** 0–1, the calibrated confidence (decide.ts), or 1 for answers read from the store's structure. */
  confidence: number;
  /** For yes/no questions: what the sentence says, when it clearly states it. */
  verdict?: 'yes' | 'no' | 'unstated';
  /** Further answers under a heading ("Sources differ", "Also"), each with its own cite. */
  more?: { heading: string; items: { text: string; cite: Cite }[] };
  /** The person the answer is about (who-is, said). */
  person?: string;
}

/** A strategy decided the store cannot answer. */
export interface Refusal {
  kind: 'refused';
  message: string;
  /** The closest articles, for the reader to look at instead. */
  closest: ArticleMeta[];
}

/** A model wrote the answer from the passages it was sent; every claim verified against them (src/llm). */
export interface Written {
  kind: 'written';
  /** The claims in order, each with the passages that state it. */
  claims: { text: string; cites: Cite[] }[];
  model: string;
}

export type Outcome = Found | Refusal | Written;
