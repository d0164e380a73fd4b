import { describe, expect, it } from 'vitest';
import { candidatesOf } from '../../../src/text/answer/candidates.js';
import {
  DECIDE_FEATURES,
  confidence,
  decideInputs,
  decideWeights,
  type DecideInputs,
  type DecideWeights,
} from '../../../src/text/answer/decide.js';
import committed from '../../../src/text/answer/decide-weights.json' with { type: 'json' };
import { question, scored } from './builders.js';

const zero = (): DecideInputs => Object.fromEntries(DECIDE_FEATURES.map((n) => [n, 0])) as DecideInputs;
const mid = (): DecideInputs => Object.fromEntries(DECIDE_FEATURES.map((n) => [n, 0.5])) as DecideInputs;

describe('confidence', () => {
  it('is the logistic of bias + Σ weight × input', () => {
    const w: DecideWeights = {
      about: 'test',
      bias: -1,
      weights: { support: 2, cover: 0.5 },
      threshold: 0.5,
      shortAnswer: 0.9,
    };
    const inputs = { ...zero(), support: 0.75, cover: 1, lead: 1 };
    expect(confidence(inputs, w)).toBeCloseTo(1 / (1 + Math.exp(-(-1 + 2 * 0.75 + 0.5))), 12);
    expect(confidence(zero(), { ...w, bias: 0 })).toBe(0.5);
  });

  it('rises with every positively weighted input and falls with every negatively weighted one (committed weights)', () => {
    const w = decideWeights();
    for (const n of DECIDE_FEATURES) {
      const weight = w.weights[n] ?? 0;
      const low = confidence({ ...mid(), [n]: 0.2 }, w);
      const high = confidence({ ...mid(), [n]: 0.8 }, w);
      if (weight > 0) expect(high, n).toBeGreaterThan(low);
      else if (weight < 0) expect(high, n).toBeLessThan(low);
      else expect(high, n).toBe(low);
    }
  });

  it('stays within 0–1 however far the inputs go', () => {
    const w = decideWeights();
    const big = Object.fromEntries(DECIDE_FEATURES.map((n) => [n, 1e3])) as DecideInputs;
    for (const c of [confidence(big, w), confidence(zero(), w)]) {
      expect(c).toBeGreaterThanOrEqual(0);
      expect(c).toBeLessThanOrEqual(1);
    }
  });
});

describe('decide-weights.json', () => {
  it('has a threshold and a short-answer bar within 0–1, and is what decideWeights() returns', () => {
    expect(committed.threshold).toBeGreaterThan(0);
    expect(committed.threshold).toBeLessThan(1);
    expect(committed.shortAnswer).toBeGreaterThan(0);
    expect(committed.shortAnswer).toBeLessThanOrEqual(1);
    expect(typeof committed.bias).toBe('number');
    expect(decideWeights()).toEqual(committed);
  });

  it('names only DECIDE_FEATURES', () => {
    const names = Object.keys(committed.weights);
    expect(names.length).toBeGreaterThan(0);
    for (const n of names) expect(DECIDE_FEATURES as readonly string[]).toContain(n);
  });
});

describe('decideInputs', () => {
  const q = question('How many aircraft did Aeromexico order?');

  it('reads the top sentence’s share, its lead over the next, its features and the best support', () => {
    const top = scored('Aeromexico ordered 36 planes.', {
      p: 0.7,
      score: 3,
      features: { cover: 0.6, coverNear: 0.8, coverArticle: 1, typeFit: 0.4 },
      spans: [{ text: '36 planes', quality: 0.5 }],
    });
    const next = scored('Aeromexico flies to Madrid.', { p: 0.3, score: 2 });
    const ranked = [top, next];
    const best = candidatesOf(ranked, 5)[0];
    const d = decideInputs(ranked, top, best, q);
    expect(d).toMatchObject({ topShare: 0.7, lead: 0.2, cover: 0.6, coverNear: 0.8, coverArticle: 1, typeFit: 0.4 });
    expect(d.support).toBeCloseTo(0.35, 12);
  });

  it('caps the lead at ±1 and gives 1 when there is no rival; no candidate means no support', () => {
    const top = scored('A', { p: 0.99, score: 20 });
    expect(decideInputs([top, scored('B', { p: 0.01, score: 0 })], top, undefined, q).lead).toBe(1);
    expect(decideInputs([top], top, undefined, q).lead).toBe(1);
    expect(decideInputs([top], top, undefined, q).support).toBe(0);
    const behind = scored('C', { p: 0.01, score: 0 });
    expect(decideInputs([top, behind], behind, undefined, q).lead).toBe(-1);
  });

  it('namesNear counts the question’s names in the sentence or beside it', () => {
    const beside = scored('It ordered 36 planes.', { p: 1, prev: 'Aeromexico is growing.' });
    const elsewhere = scored('It ordered 36 planes.', { p: 1, rest: 'Aeromexico is growing.' });
    expect(decideInputs([beside], beside, undefined, q).namesNear).toBe(1);
    expect(decideInputs([elsewhere], elsewhere, undefined, q).namesNear).toBe(0);
  });

  it('askedInArticle is 0 only when the article never says the asked-for noun', () => {
    const which = question('Which airline ordered 36 planes?');
    const says = scored('Aeromexico ordered 36 planes.', { p: 1, headline: 'Airline expands' });
    const silent = scored('Aeromexico ordered 36 planes.', { p: 1, headline: 'Mexico expands' });
    expect(decideInputs([says], says, undefined, which).askedInArticle).toBe(1);
    expect(decideInputs([silent], silent, undefined, which).askedInArticle).toBe(0);
    expect(decideInputs([silent], silent, undefined, q).askedInArticle).toBe(1);
  });
});
