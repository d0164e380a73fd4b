import { describe, expect, it } from 'vitest';
import { candidatesOf } from '../../../src/text/answer/candidates.js';
import { scored } from './builders.js';

const span = (text: string, quality = 1) => ({ text, quality });

describe('candidatesOf', () => {
  it('an answer several good sentences give beats one a single slightly better sentence gives', () => {
    const ranked = [
      scored('The airline ordered 40 planes, one report said.', { p: 0.3, articleId: 'a', spans: [span('40 planes')] }),
      scored('It ordered 36 planes from Boeing.', { p: 0.25, articleId: 'b', spans: [span('36 planes')] }),
      scored('The order for 36 planes was signed on Friday.', { p: 0.25, articleId: 'c', spans: [span('36 planes')] }),
      scored('Shares fell.', { p: 0.2, articleId: 'd' }),
    ];
    const [best, second] = candidatesOf(ranked, 5);
    expect(best.text).toBe('36 planes');
    expect(best.support).toBeCloseTo(0.5, 12);
    expect(best.sources.map((s) => s.hit.sentence.articleId)).toEqual(['b', 'c']);
    expect(second.text).toBe('40 planes');
    expect(second.support).toBeCloseTo(0.3, 12);
  });

  it('support is Σ share × quality over the sentences giving it, and never above 1', () => {
    const ranked = [
      scored('A', { p: 0.6, spans: [span('Recep Erdogan', 0.5), span('Erdogan', 1)] }),
      scored('B', { p: 0.4, spans: [span('Erdogan', 1), span('Erdogan', 1)] }),
    ];
    const all = candidatesOf(ranked, 5);
    // "Erdogan" merges into "Recep Erdogan"; each sentence counts once, at its best quality.
    expect(all).toHaveLength(1);
    expect(all[0].text).toBe('Recep Erdogan');
    expect(all[0].support).toBeCloseTo(1, 12);
    expect(all[0].support).toBeLessThanOrEqual(1 + 1e-12);
  });

  it('pools answers that differ only in case, punctuation, accents and quotation marks', () => {
    const ranked = [
      scored('A', { p: 0.5, articleId: 'a', spans: [span('“López Obrador”,')] }),
      scored('B', { p: 0.3, articleId: 'b', spans: [span('Lopez-Obrador')] }),
      scored('C', { p: 0.2, articleId: 'c', spans: [span('lopez obrador.')] }),
    ];
    const all = candidatesOf(ranked, 5);
    expect(all).toHaveLength(1);
    expect(all[0].key).toBe('lopez obrador');
    expect(all[0].text).toBe('López Obrador');
    expect(all[0].sources).toHaveLength(3);
  });

  it('does not merge a name into a longer one that only shares letters, not whole words', () => {
    const ranked = [
      scored('A', { p: 0.5, spans: [span('Ebrardson Ltd')] }),
      scored('B', { p: 0.5, spans: [span('Ebrard')] }),
    ];
    expect(
      candidatesOf(ranked, 5)
        .map((c) => c.text)
        .sort(),
    ).toEqual(['Ebrard', 'Ebrardson Ltd']);
  });

  // The whole-word merge is for names: the normal form splits a decimal point into a space, so
  // merging figures would pool "5 million" into "1.5 million" and hide a disagreement.
  it('keeps different figures apart even when one’s normal form ends the other’s ("5 million" vs "1.5 million")', () => {
    const ranked = [
      scored('A', { p: 0.6, articleId: 'a', spans: [span('1.5 million people')] }),
      scored('B', { p: 0.4, articleId: 'b', spans: [span('5 million people')] }),
    ];
    expect(candidatesOf(ranked, 5).map((c) => c.text)).toEqual(['1.5 million people', '5 million people']);
  });

  it('reads only the first n ranked sentences', () => {
    const ranked = [
      scored('A', { p: 0.5, spans: [span('36 planes')] }),
      scored('B', { p: 0.3, spans: [span('40 planes')] }),
      scored('C', { p: 0.2, spans: [span('50 planes')] }),
    ];
    expect(candidatesOf(ranked, 2).map((c) => c.text)).toEqual(['36 planes', '40 planes']);
  });

  it('orders the sources of an answer best ranked first, whatever order they were pooled in', () => {
    const ranked = [
      scored('low', { p: 0.2, score: 1, spans: [span('Mexico City')] }),
      scored('high', { p: 0.8, score: 3, spans: [span('Mexico City')] }),
    ];
    expect(candidatesOf(ranked, 5)[0].sources.map((s) => s.hit.sentence.text)).toEqual(['high', 'low']);
  });
});
