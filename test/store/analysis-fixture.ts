import type { Analysis, EntityMention, PersonRecord, QuoteRecord, ResolvedDate } from '../../src/text/types.js';

export interface SentenceSpec {
  text: string;
  entities?: EntityMention[];
  dates?: ResolvedDate[];
  hasNumber?: boolean;
  /** Why the analyser flagged it as addressed to a model, if it did. */
  injection?: string;
}

/**
 * An article's text and a hand-written Analysis of it (test input, not a stand-in for the analyser):
 * the sentences are joined by single spaces and their offsets computed exactly.
 */
export function article(
  sentences: (string | SentenceSpec)[],
  extra: { people?: PersonRecord[]; quotes?: QuoteRecord[] } = {},
): { text: string; analysis: Analysis } {
  let offset = 0;
  const analysed = sentences.map((s, idx) => {
    const spec = typeof s === 'string' ? { text: s } : s;
    const start = offset;
    offset += spec.text.length + 1;
    return {
      idx,
      text: spec.text,
      start,
      end: start + spec.text.length,
      entities: spec.entities ?? [],
      dates: spec.dates ?? [],
      hasNumber: spec.hasNumber ?? /\d/.test(spec.text),
      ...(spec.injection ? { injection: spec.injection } : {}),
    };
  });
  return {
    text: analysed.map((s) => s.text).join(' '),
    analysis: { sentences: analysed, people: extra.people ?? [], quotes: extra.quotes ?? [] },
  };
}
