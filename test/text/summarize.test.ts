import { describe, expect, it } from 'vitest';
import { summarizeText, summaryLength } from '../../src/text/summarize/summarize-text.js';
import { rankedSummary, mmrSelect } from '../../src/text/summarize/centrality.js';
import { leadSummary, textRankSummary } from '../../src/text/summarize/baselines.js';
import { rouge, rougeTokens, lcsLength } from '../../src/text/eval/rouge.js';
import { passes } from '../../src/text/eval/dev-qa.js';
import { FIXTURE_TEXT } from './text-store.js';

describe('extractive summaries', () => {
  it('returns the requested number of sentences in the text’s own order', () => {
    const s = summarizeText(FIXTURE_TEXT, { sentences: 4 });
    expect(s).toHaveLength(4);
    const positions = s.map((x) => FIXTURE_TEXT.indexOf(x));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('takes a ratio, rounds it and never returns less than one sentence', () => {
    expect(summaryLength(20, { ratio: 0.4 })).toBe(8);
    expect(summaryLength(3, { ratio: 0.01 })).toBe(1);
    expect(summaryLength(3, { sentences: 10 })).toBe(3);
    expect(() => summaryLength(3, { ratio: 2 })).toThrow(RangeError);
    expect(() => summaryLength(3, { sentences: 0 })).toThrow(RangeError);
  });

  it('picks the central sentences of a text', () => {
    const text = [
      'The council approved the new city budget on Monday.',
      'The budget raises spending on schools and city parks.',
      'A local bakery won a prize for its bread.',
      'Council members said the budget protects schools.',
      'The weather was mild.',
    ].join(' ');
    const s = summarizeText(text, { sentences: 2 });
    expect(s.every((x) => /budget/.test(x))).toBe(true);
  });

  it('MMR does not pick the same sentence twice when it is repeated', () => {
    const sents = [
      'Rates rose sharply today.',
      'Rates rose sharply today.',
      'Shares fell on the news of rates.',
      'Banks welcomed the rise in rates.',
    ];
    const picked = rankedSummary(sents, 2, { weights: { lambda: 0.5 } });
    expect(picked).toHaveLength(2);
    expect(picked.map((i) => sents[i])).not.toEqual(['Rates rose sharply today.', 'Rates rose sharply today.']);
    const sim = [new Float64Array([0, 1, 0]), new Float64Array([1, 0, 0]), new Float64Array([0, 0, 0])];
    expect(mmrSelect([1, 0.99, 0.5], sim, 2, 0.5)).toEqual([0, 2]);
  });

  it('baselines: lead takes the first sentences, TextRank returns k indices in order', () => {
    const sents = ['a b c.', 'b c d.', 'x y z.', 'c d e.'];
    expect(leadSummary(sents, 2)).toEqual([0, 1]);
    const tr = textRankSummary(sents, 2);
    expect(tr).toHaveLength(2);
    expect(tr).not.toContain(2);
  });
});

describe('ROUGE like rouge-score', () => {
  it('tokenises by lower-casing and turning non-alphanumerics into spaces, without stemming', () => {
    expect(rougeTokens("The U.S.-Mexico talks' costs: $1.5bn!")).toEqual([
      'the',
      'u',
      's',
      'mexico',
      'talks',
      'costs',
      '1',
      '5bn',
    ]);
  });

  it('computes ROUGE-1/2 F1 and whole-text LCS ROUGE-L', () => {
    const s = rouge('the cat sat on the mat', 'the cat lay on the mat');
    expect(s.rouge1).toBeCloseTo(5 / 6, 6);
    expect(s.rouge2).toBeCloseTo(3 / 5, 6);
    expect(s.rougeL).toBeCloseTo(5 / 6, 6);
    expect(lcsLength(['a', 'b', 'c', 'd'], ['b', 'd', 'a'])).toBe(2);
    expect(rouge('', 'something')).toEqual({ rouge1: 0, rouge2: 0, rougeL: 0 });
  });

  it('dev-qa pass rule: all + any, case and accents folded; none means unanswered', () => {
    expect(passes({ q: '', any: ['Lopez Obrador'] }, true, 'Andrés Manuel López Obrador')).toBe(true);
    expect(passes({ q: '', all: ['A', 'B'] }, true, 'a only')).toBe(false);
    expect(passes({ q: '', none: true }, false, '')).toBe(true);
    expect(passes({ q: '', none: true }, true, 'a guess')).toBe(false);
  });
});
