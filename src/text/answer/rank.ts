import { featureContext, featuresOf, type Features } from './features.js';
import type { Question } from './question.js';
import type { Ranker } from './ranker.js';
import type { Hit, Retrieval } from './retrieve.js';
import type { Extracted } from './extract/view.js';

/** A candidate sentence with its features, its ranker score and its share of the pool's softmax. */
export interface Scored {
  hit: Hit;
  features: Features;
  /** The short answers of the question's type in the sentence, best first. */
  spans: Extracted[];
  score: number;
  /** exp(score) over the pool's sum: how much of the ranker's belief this sentence holds. */
  p: number;
}

/** Every retrieved sentence scored by the ranker, best first (ties: earlier in the article first). */
export function rank(q: Question, r: Retrieval, ranker: Ranker): Scored[] {
  const ctx = featureContext(q, r);
  const scored = r.hits.map((hit) => {
    const { features, spans } = featuresOf(hit, ctx);
    return { hit, features, spans, score: ranker.score(features), p: 0 };
  });
  const max = Math.max(...scored.map((s) => s.score));
  let sum = 0;
  for (const s of scored) sum += Math.exp(s.score - max);
  for (const s of scored) s.p = Math.exp(s.score - max) / sum;
  return scored.sort((a, b) => b.score - a.score || a.hit.sentence.idx - b.hit.sentence.idx);
}
