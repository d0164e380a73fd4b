import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/text/analyze.js';
import { summarizeText } from '../../src/text/summarize/summarize-text.js';
import { MAX_SENTENCE_TOKENS } from '../../src/text/sentences.js';
import { openTextStore } from './text-store.js';
import { createAnswerer } from '../../src/text/answer/answerer.js';

describe('hostile articles', () => {
  it('an article with no sentences analyses to nothing and summarises to nothing', () => {
    for (const text of ['', '   \n\n  ', '... --- !!! ???', '\u0000\u0001']) {
      expect(analyze(text, '2021-10-08')).toEqual({ sentences: [], people: [], quotes: [] });
      expect(summarizeText(text)).toEqual([]);
    }
  });

  it('a single 20,000-word sentence is cut into bounded pieces and still analysed', () => {
    const words = Array.from({ length: 20_000 }, (_, i) =>
      i % 50 === 0 ? 'Mexico' : i % 7 === 0 ? 'security,' : 'talks',
    );
    const text = `Foreign Secretary Marcelo Ebrard said ${words.join(' ')} continued`;
    const a = analyze(text, '2021-10-08');
    expect(a.sentences.length).toBeGreaterThan(20_000 / MAX_SENTENCE_TOKENS);
    expect(Math.max(...a.sentences.map((s) => s.text.split(/\s+/).length))).toBeLessThanOrEqual(MAX_SENTENCE_TOKENS);
    // Nothing lost: the pieces cover the text in order.
    expect(
      a.sentences
        .map((s) => s.text)
        .join(' ')
        .split(/\s+/).length,
    ).toBe(text.split(/\s+/).length);
    expect(a.people[0]).toMatchObject({ key: 'marcelo ebrard', role: 'Foreign Secretary' });
  });

  it('ALL-CAPS text keeps its sentences and dates but invents no people', () => {
    const a = analyze(
      'BREAKING NEWS: THE U.S. SECRETARY OF STATE MET MEXICAN OFFICIALS ON THURSDAY. THEY SAID TALKS WENT WELL. NO DEAL WAS SIGNED.',
      '2021-10-08',
    );
    expect(a.sentences.length).toBe(3);
    expect(a.people).toEqual([]);
    expect(a.sentences[0].dates).toEqual([{ text: 'THURSDAY', date: '2021-10-07', inferred: true }]);
  });

  it('a store holding an empty and an all-caps article still answers from the real one', async () => {
    const ts = await openTextStore();
    try {
      await ts.add({
        id: 'caps',
        title: 'CAPS',
        published: '2021-10-09',
        text: 'THE TALKS ENDED. NOBODY SAID ANYTHING ABOUT A NEW PRESIDENT.',
      });
      const r = await createAnswerer(ts.store).answer('Who is Mexico’s president?');
      expect(r.answered).toBe(true);
      expect(r.answer).toContain('Andrés Manuel López Obrador');
      expect(r.citations.map((c) => c.articleId)).toEqual(['us-mexico']);
    } finally {
      await ts.close();
    }
  });
});
