import { describe, expect, it } from 'vitest';
import {
  FEATURE_NAMES,
  NON_NEGATIVE,
  featureContext,
  featuresOf,
  type FeatureName,
} from '../../../src/text/answer/features.js';
import { rank } from '../../../src/text/answer/rank.js';
import { defaultRanker, linearRanker, type Ranker } from '../../../src/text/answer/ranker.js';
import committed from '../../../src/text/answer/ranker-weights.json' with { type: 'json' };
import { features, hit, question, retrieval } from './builders.js';

const at = (name: FeatureName) => FEATURE_NAMES.indexOf(name);

/** One feature of a sentence, for a question, with that sentence as the whole pool. */
function featureOf(q: ReturnType<typeof question>, text: string, name: FeatureName): number {
  const h = hit(text);
  return featuresOf(h, featureContext(q, retrieval(q, [h]))).features[at(name)];
}

describe('linearRanker', () => {
  it('scores the weighted sum of the feature vector', () => {
    const r = linearRanker({ bm25: 2, cover: -0.5, typeFit: 3 });
    expect(r.score(features({ bm25: 0.5, cover: 1, typeFit: 0.25 }))).toBeCloseTo(2 * 0.5 - 0.5 * 1 + 3 * 0.25, 12);
  });

  it('a feature without a weight counts 0, however large its value', () => {
    const r = linearRanker({ bm25: 1 });
    expect(r.score(features({ bm25: 0.3, position: 1000, speaker: 1 }))).toBeCloseTo(0.3, 12);
  });

  it('is linear: scaling every feature scales the score', () => {
    const r = linearRanker({ bm25: 1.5, coverNear: 0.7, lead: -2 });
    const f = features({ bm25: 0.2, coverNear: 0.9, lead: 1 });
    expect(r.score(f.map((v) => v * 3))).toBeCloseTo(3 * r.score(f), 12);
  });
});

describe('defaultRanker', () => {
  const weights = committed.weights as Record<string, number>;

  it('scores each feature alone with its weight from ranker-weights.json', () => {
    const r = defaultRanker();
    for (const name of FEATURE_NAMES) {
      expect(r.score(features({ [name]: 1 })), name).toBeCloseTo(weights[name] ?? 0, 12);
    }
  });

  it('the committed file weighs every feature, and no feature that can only help weighs below 0', () => {
    for (const name of FEATURE_NAMES) expect(weights, name).toHaveProperty(name);
    for (const name of NON_NEGATIVE) expect(weights[name], name).toBeGreaterThanOrEqual(0);
  });

  // Until 752e8ea the file also weighed a "complete" feature the ranker no longer has: a name
  // outside FEATURE_NAMES is silently ignored, so a stale or mistyped weight would go unnoticed.
  it('names only features in FEATURE_NAMES', () => {
    expect(Object.keys(weights).filter((n) => !(FEATURE_NAMES as readonly string[]).includes(n))).toEqual([]);
  });
});

describe('features', () => {
  const q = question('How many aircraft did the airline order?');

  it('reads the answer span and its type fit from the sentence', () => {
    const h = hit('The airline said it had ordered 36 planes from Boeing.');
    const { features: f, spans } = featuresOf(h, featureContext(q, retrieval(q, [h])));
    expect(spans[0].text).toBe('36 planes');
    expect(f[at('typeFit')]).toBe(spans[0].quality);
    expect(f[at('typeFit')]).toBeGreaterThan(0);
  });

  it('yearAgrees is 0 only when the sentence names years and none is the question’s', () => {
    const seats = question('How many seats did Labour win at the May 2005 general election?');
    const of = (text: string) => featureOf(seats, text, 'yearAgrees');
    expect(of('Labour won the seat in 1997 with a 6,932 majority.')).toBe(0);
    expect(of('Labour won 356 seats in 2005, down from 413 in 2001.')).toBe(1);
    expect(of('Labour won 356 seats.')).toBe(1);
    const noYear = question('How many aircraft did the airline order?');
    expect(featureOf(noYear, 'The airline ordered 36 planes in 1997.', 'yearAgrees')).toBe(1);
  });

  it('nounNear marks an answer beside the asked-for noun ("the port city of Visakhapatnam")', () => {
    const port = question('In which port city would the plant be built?');
    const of = (text: string) => featureOf(port, text, 'nounNear');
    expect(of('The plant would be set up in the port city of Visakhapatnam.')).toBe(1);
    expect(of('The city council expects that the plant would be set up in Visakhapatnam.')).toBe(0);
  });

  it('a sentence holding the counted thing scores focus 1, one without it 0', () => {
    const a = hit('The airline ordered 36 aircraft.');
    const b = hit('The airline ordered 36 planes.');
    const ctx = featureContext(q, retrieval(q, [a, b]));
    expect(featuresOf(a, ctx).features[at('focus')]).toBe(1);
    expect(featuresOf(b, ctx).features[at('focus')]).toBe(0);
  });

  it('cover is the weighted share of the question’s terms; a neighbour’s words count in coverNear, not cover', () => {
    const h = hit('The airline bought 36 planes.', { prev: 'Its order book is full.' });
    const { features: f } = featuresOf(h, featureContext(q, retrieval(q, [h])));
    const w = (key: string) => q.terms.find((t) => t.key === key)!.weight;
    const total = q.terms.reduce((s, t) => s + t.weight, 0);
    expect(f[at('cover')]).toBeCloseTo(w('airlin') / total, 12);
    expect(f[at('coverPrev')]).toBeCloseTo(w('order') / total, 12);
    expect(f[at('coverNear')]).toBeCloseTo((w('airlin') + w('order')) / total, 12);
  });

  it('a rarer term (higher idf) counts for more of the cover', () => {
    const h = hit('The airline bought 36 planes.');
    const plain = featuresOf(h, featureContext(q, retrieval(q, [h]))).features[at('cover')];
    const rare = featuresOf(h, featureContext(q, retrieval(q, [h], { airlin: 5 }))).features[at('cover')];
    expect(rare).toBeGreaterThan(plain);
  });

  it('lead, position and articleFirst come from where the sentence and its article stand', () => {
    const first = hit('The airline ordered 36 planes.', { idx: 0, articleLength: 5, articleRank: 0 });
    const last = hit('The airline ordered 36 planes.', { idx: 4, articleLength: 5, articleRank: 2 });
    const ctx = featureContext(q, retrieval(q, [first, last]));
    const [f, g] = [featuresOf(first, ctx).features, featuresOf(last, ctx).features];
    expect([f[at('lead')], f[at('position')], f[at('articleFirst')]]).toEqual([1, 0, 1]);
    expect([g[at('lead')], g[at('position')], g[at('articleFirst')]]).toEqual([0, 1, 0]);
  });

  it('speaker: the speaker named with reported speech, or a quotation beside a sentence naming them', () => {
    const said = question('What did Ned Price say about the Merida Initiative?');
    const named = hit('The initiative helped Mexico, Ned Price said on Thursday.');
    const quoteBeside = hit('“We want those gains preserved,” he added.', {
      prev: 'Price said the initiative helped Mexico.',
    });
    // A neighbour naming Price does not make this sentence's "said" his.
    const otherSpeaker = hit('Ebrard said the initiative had failed.', { prev: 'Price spoke on Thursday.' });
    const ctx = featureContext(said, retrieval(said, [named, quoteBeside, otherSpeaker]));
    expect([named, quoteBeside, otherSpeaker].map((h) => featuresOf(h, ctx).features[at('speaker')])).toEqual([
      1, 1, 0,
    ]);
    // A quotation the sentence gives to someone else it names is not the neighbour's speaker's.
    const othersQuote = hit('Mr Ebrard said he had not seen “the slightest step”.', {
      prev: 'Price spoke on Thursday.',
      entities: [{ text: 'Ebrard', type: 'person', key: 'marcelo ebrard' }],
    });
    const ctx3 = featureContext(said, retrieval(said, [othersQuote]));
    expect(featuresOf(othersQuote, ctx3).features[at('speaker')]).toBe(0);
    expect(featuresOf(othersQuote, ctx3).features[at('quoted')]).toBe(1);
    // … nor one it gives to anyone said to speak other than by a pronoun.
    const officials = hit('Senior officials said it was “a way to reinvigorate cooperation.”', {
      prev: 'Price spoke on Thursday.',
    });
    const pronoun = hit('“It was a way to reinvigorate cooperation,” he said on Thursday.', {
      prev: 'Price spoke on Thursday.',
    });
    const ctx4 = featureContext(said, retrieval(said, [officials, pronoun]));
    expect([officials, pronoun].map((h) => featuresOf(h, ctx4).features[at('speaker')])).toEqual([0, 1]);
    // Only a "what did X say" question reads it.
    const ctx2 = featureContext(q, retrieval(q, [named]));
    expect(featuresOf(named, ctx2).features[at('speaker')]).toBe(0);
  });

  it('every feature is finite and within 0–1', () => {
    const h = hit('The airline, Aeromexico, said on Friday it had ordered 36 new aircraft from Boeing.', {
      prev: 'Orders rose.',
      headline: 'Airline order',
    });
    const { features: f } = featuresOf(h, featureContext(q, retrieval(q, [h, hit('Nothing related here.')])));
    for (const name of FEATURE_NAMES) {
      expect(f[at(name)], name).toBeGreaterThanOrEqual(0);
      expect(f[at(name)], name).toBeLessThanOrEqual(1);
    }
  });
});

describe('rank', () => {
  const q = question('How many aircraft did the airline order?');
  const hits = [
    hit('Shares fell on Friday.', { idx: 3 }),
    hit('The airline ordered 36 aircraft from Boeing.', { idx: 2 }),
    hit('The airline has flown since 1934.', { idx: 1 }),
  ];

  it('orders hits by the ranker’s score, best first, and the shares sum to 1', () => {
    const ranked = rank(q, retrieval(q, hits), defaultRanker());
    expect(ranked[0].hit.sentence.text).toBe('The airline ordered 36 aircraft from Boeing.');
    for (let i = 1; i < ranked.length; i++) expect(ranked[i - 1].score).toBeGreaterThanOrEqual(ranked[i].score);
    expect(ranked.reduce((s, x) => s + x.p, 0)).toBeCloseTo(1, 12);
  });

  it('p is the softmax of the scores', () => {
    const ranked = rank(q, retrieval(q, hits), defaultRanker());
    const [a, b] = ranked;
    expect(a.p / b.p).toBeCloseTo(Math.exp(a.score - b.score), 9);
  });

  it('scores with whatever ranker it is given, and breaks ties by position in the article', () => {
    const byPosition: Ranker = { score: (f) => -f[at('position')] };
    expect(rank(q, retrieval(q, hits), byPosition).map((s) => s.hit.sentence.idx)).toEqual([1, 2, 3]);
    const flat: Ranker = { score: () => 0 };
    const ranked = rank(q, retrieval(q, hits), flat);
    expect(ranked.map((s) => s.hit.sentence.idx)).toEqual([1, 2, 3]);
    for (const s of ranked) expect(s.p).toBeCloseTo(1 / 3, 12);
  });
});
