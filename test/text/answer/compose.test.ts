import { describe, expect, it } from 'vitest';
import { dayOf } from '../../../src/core/citations.js';
import { compose, unusableQuestion } from '../../../src/text/answer/compose.js';
import type { Found, Refusal, Written } from '../../../src/text/answer/outcome.js';
import { article, cite } from './builders.js';

const SENTENCE = 'Blinken met Ebrard in Mexico City on Friday.';

function found(over: Partial<Found> = {}): Found {
  return {
    kind: 'found',
    headline: 'Mexico City',
    short: true,
    cites: [cite('a1', SENTENCE)],
    type: 'where',
    confidence: 0.87654,
    ...over,
  };
}

describe('compose: a found answer', () => {
  it('shows the headline with its marker and quotes and cites the sentence once', () => {
    const r = compose(
      'Where did Blinken meet Ebrard?',
      found({ more: { heading: 'Also', items: [{ text: 'Mexico', cite: cite('a1', SENTENCE) }] } }),
    );
    expect(r.title).toBe('Where did Blinken meet Ebrard?');
    expect(r.sections[0].text).toBe('Mexico City [1]');
    // The "Also" item cites the same sentence of the same article: it reuses [1].
    expect(r.sections[1]).toEqual({ heading: 'Also', text: '• Mexico — Article a1 (2021-10-08) [1]' });
    expect(r.citations).toEqual([{ n: 1, ...cite('a1', SENTENCE) }]);
    expect(r.answered).toBe(true);
    expect(r.answer).toBe('Mexico City');
  });

  it('numbers different sentences in order of first use', () => {
    const r = compose(
      'q',
      found({ cites: [cite('a1', SENTENCE), cite('a2', SENTENCE), cite('a1', 'Another sentence.')] }),
    );
    expect(r.sections[0].text).toBe('Mexico City [1][2][3]');
    expect(r.citations.map((c) => [c.n, c.articleId, c.quote])).toEqual([
      [1, 'a1', SENTENCE],
      [2, 'a2', SENTENCE],
      [3, 'a1', 'Another sentence.'],
    ]);
  });

  it('is marked extractive, with the rounded confidence, type and short flag as data', () => {
    const r = compose('q', found());
    expect(r.provenance).toEqual({ path: 'extractive' });
    expect(r.data).toEqual({ confidence: 0.877, type: 'where', short: true });
  });

  it('says why the model’s answer is missing when it fell back to extraction', () => {
    const r = compose('q', found(), { llmFallback: 'timeout' });
    expect(r.provenance).toEqual({ path: 'extractive', footer: 'extractive (LLM unavailable: timeout)' });
    expect(r.sections[0].text).toBe('Mexico City [1]');
  });

  it('puts a yes/no verdict before the headline, and "unstated" claims nothing', () => {
    expect(compose('q', found({ type: 'yesno', headline: SENTENCE, verdict: 'yes' })).answer).toBe(`Yes — ${SENTENCE}`);
    expect(compose('q', found({ type: 'yesno', headline: SENTENCE, verdict: 'no' })).sections[0].text).toBe(
      `No — ${SENTENCE} [1]`,
    );
    const unstated = compose('q', found({ type: 'yesno', headline: SENTENCE, verdict: 'unstated' }));
    expect(unstated.answer).toBe(SENTENCE);
    expect(unstated.data).toMatchObject({ verdict: 'unstated' });
  });
});

describe('compose: a refusal', () => {
  const refusal: Refusal = {
    kind: 'refused',
    message: 'Not in the store: nothing in the articles I have answers “Who won?”.',
    closest: [article('us-mexico', 'U.S. and Mexico hold security dialogue'), article('old', 'An undated piece', null)],
  };

  it('says "Not in the store" and lists the closest articles, citing nothing', () => {
    const r = compose('Who won?', refusal);
    expect(r.title).toBe('Not in the store');
    expect(r.sections[0].text).toBe(refusal.message);
    expect(r.sections[1].text).toBe(
      [
        'Closest articles in the store:',
        '• U.S. and Mexico hold security dialogue (2021-10-08, us-mexico)',
        '• An undated piece (undated, old)',
      ].join('\n'),
    );
    expect(r).toMatchObject({ citations: [], answered: false, answer: '', provenance: { path: 'extractive' } });
  });

  it('has no closest-articles section when there are none', () => {
    expect(compose('Who won?', { ...refusal, closest: [] }).sections).toHaveLength(1);
  });
});

describe('compose: a written answer', () => {
  const written: Written = {
    kind: 'written',
    model: 'test-model',
    claims: [
      { text: 'Blinken met Ebrard.', cites: [cite('a1', SENTENCE)] },
      { text: 'They met in Mexico City.', cites: [cite('a1', SENTENCE), cite('a2', 'They met in the capital.')] },
    ],
  };

  it('marks each claim with its passages, each passage numbered once, and credits the model', () => {
    const r = compose('Where did Blinken meet Ebrard?', written, { llmFallback: 'timeout' });
    expect(r.sections).toEqual([{ text: 'Blinken met Ebrard. [1] They met in Mexico City. [1][2]' }]);
    expect(r.citations.map((c) => c.n)).toEqual([1, 2]);
    expect(r.provenance).toEqual({ path: 'llm', footer: 'written by test-model from 2 sources' });
    expect(r.answer).toBe('Blinken met Ebrard. They met in Mexico City.');
  });

  it('says "1 source" in the singular', () => {
    const r = compose('q', { ...written, claims: written.claims.slice(0, 1) });
    expect(r.provenance?.footer).toBe('written by test-model from 1 source');
  });
});

describe('compose helpers', () => {
  it('a closest article shows its published day, or "undated" (dayOf)', () => {
    expect(dayOf({ published: '2021-10-08T15:30:00Z', publishedInferred: false })).toBe('2021-10-08');
    expect(dayOf({ published: undefined, publishedInferred: false })).toBe('undated');
  });

  it('an unusable question is a plain unanswered message', () => {
    expect(unusableQuestion('No words.')).toEqual({
      sections: [{ text: 'No words.' }],
      citations: [],
      visibility: 'ephemeral',
      answered: false,
      answer: '',
    });
  });
});
