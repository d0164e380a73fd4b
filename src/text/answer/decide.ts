import type { AnswerCandidate } from './candidates.js';
import { FEATURE_NAMES } from './features.js';
import type { Scored } from './rank.js';
import { namedTerms, type Question } from './question.js';
import committed from './decide-weights.json' with { type: 'json' };

/**
 * What the confidence is computed from: how much of the ranker's belief the best sentence holds
 * and how far it leads, how much of the question its sentence and article hold (a question about
 * something the store does not report still finds a best sentence somewhere), whether that
 * sentence holds an answer of the asked type, and the best short answer's support.
 */
export const DECIDE_FEATURES = [
  'topShare',
  'lead',
  'cover',
  'coverNear',
  'coverNearCommon',
  'coverArticle',
  'typeFit',
  'support',
  'namesNear',
  'namesInArticle',
  'askedInArticle',
  'yearAgrees',
] as const;
export type DecideFeature = (typeof DECIDE_FEATURES)[number];
export type DecideInputs = Record<DecideFeature, number>;

/** The fitted decision (written by scripts/fit-ranker.ts). */
export interface DecideWeights {
  about: string;
  bias: number;
  weights: Partial<Record<DecideFeature, number>>;
  /** Answer when the confidence is at least this. */
  threshold: number;
  /** Show the short answer rather than the sentence when its support is at least this. */
  shortAnswer: number;
  [key: string]: unknown;
}

const at = (name: (typeof FEATURE_NAMES)[number]) => FEATURE_NAMES.indexOf(name);

/**
 * The decision inputs of a ranking (best sentence first), the sentence the headline would quote
 * (`top`, not always the first: see Assessment.lead) and the best short answer.
 */
export function decideInputs(
  ranked: readonly Scored[],
  top: Scored,
  best: AnswerCandidate | undefined,
  q: Pick<Question, 'terms' | 'whNoun'>,
): DecideInputs {
  const rival = ranked.find((s) => s !== top);
  const names = q.terms.filter((t) => t.proper);
  const named = namedTerms(q);
  const near = (k: string) =>
    top.hit.tokens.some((w) => w.key === k) || top.hit.prevKeys.has(k) || top.hit.nextKeys.has(k);
  return {
    topShare: top.p,
    lead: rival ? Math.max(-5, Math.min(5, top.score - rival.score)) / 5 : 1,
    cover: top.features[at('cover')],
    coverNear: top.features[at('coverNear')],
    coverNearCommon: top.features[at('coverNearCommon')],
    coverArticle: top.features[at('coverArticle')],
    typeFit: top.features[at('typeFit')],
    support: best?.support ?? 0,
    // The question's names in the quoted sentence or beside it: a sentence about someone else
    // in the same article ("overcame Tommy Haas" for a question on Roddick and Saulnier's final).
    namesNear: names.length ? names.filter((t) => near(t.key)).length / names.length : 1,
    // The question's names in the sentence's article: aboutTheNames lets one of three or more be
    // missing (worded differently), which is also how a question about something else looks.
    namesInArticle: named.length ? named.filter((t) => top.hit.articleKeys.has(t.key)).length / named.length : 1,
    // "What verdict …", "Which club …": an article that never says the asked-for noun.
    askedInArticle: q.whNoun === undefined || top.hit.articleKeys.has(q.whNoun) ? 1 : 0,
    // "How many seats did Labour win in 2005?" answered by a sentence on 1997.
    yearAgrees: top.features[at('yearAgrees')],
  };
}

/** The logistic confidence, 0–1, that the answer built on this ranking is right. */
export function confidence(inputs: DecideInputs, w: DecideWeights = committed as DecideWeights): number {
  let z = w.bias;
  for (const n of DECIDE_FEATURES) z += (w.weights[n] ?? 0) * inputs[n];
  return 1 / (1 + Math.exp(-z));
}

/** The committed decision weights and thresholds. */
export function decideWeights(): DecideWeights {
  return committed as DecideWeights;
}
