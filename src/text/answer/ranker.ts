import { FEATURE_NAMES, type FeatureName, type Features } from './features.js';
import committed from './ranker-weights.json' with { type: 'json' };

/** Scores a candidate sentence from its features: higher is a better answer sentence. */
export interface Ranker {
  score(features: Features): number;
}

/** The fitted weights file (written by scripts/fit-ranker.ts). */
export interface RankerWeights {
  about: string;
  weights: Partial<Record<FeatureName, number>>;
  [key: string]: unknown;
}

/** A weighted sum of the features. */
export function linearRanker(weights: RankerWeights['weights']): Ranker {
  const w = Float64Array.from(FEATURE_NAMES, (n) => weights[n] ?? 0);
  return {
    score(f) {
      let s = 0;
      for (let i = 0; i < w.length; i++) s += w[i] * f[i];
      return s;
    },
  };
}

/** The default ranker: the weights committed beside it, fitted on the tuning half of the BBC questions. */
export function defaultRanker(): Ranker {
  return linearRanker((committed as RankerWeights).weights);
}
