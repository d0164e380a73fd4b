import { judgeKey } from './normal.js';
import type { Scored } from './rank.js';
import { cleanSpan } from './extract/view.js';

/** A short answer with the sentences that give it. */
export interface AnswerCandidate {
  text: string;
  /** Normal form it was merged under. */
  key: string;
  /**
   * Σ over the sentences giving it of the sentence's ranker share × the best quality it is read
   * with there: at most 1, since the shares sum to 1.
   */
  support: number;
  /** The sentences that give it, best ranked first, with the quality read in each. */
  sources: Scored[];
  quality: Map<Scored, number>;
}

/**
 * The short answers of the question's type read from the best sentences, merged across sentences
 * by normal form, so an answer several good sentences give outranks one a single sentence gives.
 * A name is merged into a longer one that holds it as whole words ("Erdogan" into "Recep
 * Erdogan"), keeping the longer text; a figure only into the same figure.
 */
export function candidatesOf(ranked: readonly Scored[], sentences: number): AnswerCandidate[] {
  const byKey = new Map<string, AnswerCandidate>();
  for (const s of ranked.slice(0, sentences)) {
    const seen = new Set<string>();
    for (const span of s.spans) {
      const text = cleanSpan(span.text);
      const key = judgeKey(text);
      if (!key || seen.has(key)) continue;
      seen.add(key);
      const c: AnswerCandidate = byKey.get(key) ?? { text, key, support: 0, sources: [], quality: new Map() };
      c.quality.set(s, Math.max(c.quality.get(s) ?? 0, span.quality));
      if (!c.sources.includes(s)) c.sources.push(s);
      byKey.set(key, c);
    }
  }
  const all = [...byKey.values()].sort((a, b) => b.key.length - a.key.length);
  const kept: AnswerCandidate[] = [];
  for (const c of all) {
    // Only names merge into a longer name: a figure is one answer only when it is the same figure
    // ("5 million" is not "1.5 million", whose decimal point the normal form makes a space).
    const into = /\d/.test(c.key) ? undefined : kept.find((k) => ` ${k.key} `.includes(` ${c.key} `));
    if (!into) {
      kept.push(c);
      continue;
    }
    for (const s of c.sources) {
      into.quality.set(s, Math.max(into.quality.get(s) ?? 0, c.quality.get(s) ?? 0));
      if (!into.sources.includes(s)) into.sources.push(s);
    }
  }
  for (const c of kept) {
    c.sources.sort((a, b) => b.score - a.score);
    c.support = c.sources.reduce((sum, s) => sum + s.p * (c.quality.get(s) ?? 0), 0);
  }
  return kept.sort((a, b) => b.support - a.support);
}
