import { detectInjection } from '../text/analysis/injection.js';
import { copulaNegated, factsOf, negatedAt, parse, pivotOf, wordsOf, type Fact, type Parsed } from './claim-parts.js';
import { checkGrounding, type GroundingResult } from './grounding.js';

/**
 * Whether one cited sentence states a claim, not merely holds its words. "Mallory Evil is the
 * president of Porthaven, officials confirmed" shares every word but one with "Maria Lopez is the
 * president of Porthaven, officials confirmed", and "Lopez defeated Hale" every word with "Hale
 * defeated Lopez". So besides the lexical checks of grounding.ts, run on this sentence alone:
 * - every name of the claim is in the sentence;
 * - a claim's negation matches the sentence's ("is not the president" is not stated by "is");
 * - the names and numbers around the claim's verb have the same roles in the sentence: who did it
 *   and to whom (an active sentence and its passive agree; adjuncts such as "in March" are free).
 * It cannot prove entailment; it closes the gaps a model following an injected instruction used.
 */
export function statesClaim(claim: Parsed, claimText: string, sentence: string): GroundingResult {
  if (detectInjection(sentence)) return { ok: false, why: 'cites a passage addressed to the model' };
  const lexical = checkGrounding(claimText, [sentence]);
  if (!lexical.ok) return lexical;
  const words = wordsOf(sentence);
  const keys = new Set(words.map((w) => w.key));
  const missing = claim.facts.find((f) => !/\d/.test(f.words.join('')) && !f.words.every((k) => keys.has(k)));
  if (missing) return { ok: false, why: `"${missing.words.join(' ')}" is not in the cited sentence` };

  const pivot = pivotOf(claim.words);
  if (pivot < 0) {
    // "X is (not) the president of Y": no verb to hang roles on; the negation must still agree.
    return copulaNegated(claim.words) === copulaNegated(words)
      ? { ok: true }
      : { ok: false, why: 'negation differs from the cited sentence' };
  }
  const lemma = claim.words[pivot].lemma;
  const occurrences = words.map((w, i) => (w.pos === 'VERB' && w.lemma === lemma ? i : -1)).filter((i) => i >= 0);
  // The sentence states it with another verb ("met" for "held talks with"): the word checks decide.
  if (!occurrences.length)
    return negatedAt(claim.words, -1) && !negatedAt(words, -1)
      ? { ok: false, why: 'negation differs from the cited sentence' }
      : { ok: true };
  const negated = negatedAt(claim.words, pivot);
  const agreeing = occurrences.filter((at) => negatedAt(words, at) === negated);
  if (!agreeing.length) return { ok: false, why: 'negation differs from the cited sentence' };
  if (agreeing.some((at) => rolesAgree(claim.facts, factsOf(words, at)))) return { ok: true };
  return { ok: false, why: 'its names or numbers play other roles in the cited sentence' };
}

/** No fact of the claim is the agent where the sentence makes it the patient, or the reverse. */
function rolesAgree(claimFacts: readonly Fact[], sentenceFacts: readonly Fact[]): boolean {
  return claimFacts.every((c) => {
    if (!c.role || c.speaker) return true;
    const same = sentenceFacts.filter((s) => sameFact(c, s) && !s.speaker);
    if (!same.length) return true;
    return same.some((s) => s.role === undefined || s.role === c.role);
  });
}

/** "Lopez" is "Maria Lopez"; "52" is "52". */
function sameFact(a: Fact, b: Fact): boolean {
  return a.words.every((w) => b.words.includes(w));
}

/** A claim analysed once for all its cited sentences. */
export function parseClaim(text: string): Parsed {
  return parse(text);
}
