import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citeClaims } from '../../src/llm/build-reply.js';
import { createAnswerer } from '../../src/text/answer/answerer.js';
import { openTextStore, type TextStore } from '../text/text-store.js';

/** A date taken from the file's time is a guess: every reply that cites the article says so. */
describe('a guessed date is labelled in /ask and LLM citations', () => {
  let ts: TextStore;
  beforeAll(async () => {
    ts = await openTextStore({ withFixture: false });
    await ts.add({
      id: 'undated-note',
      title: 'Port strike continues',
      published: '2026-12-03',
      publishedFrom: 'file-time',
      text: 'Dock workers in Valencia extended their strike over pay. The union said talks had failed.',
    });
  });
  afterAll(async () => ts.close());

  it('/ask cites the article with "date from file time"', async () => {
    const r = await createAnswerer(ts.store).answer('Why did dock workers in Valencia extend their strike?');
    expect(r.answered).toBe(true);
    expect(r.citations[0]).toMatchObject({ articleId: 'undated-note', dateNote: 'date from file time' });
  });

  it('a model-written claim cites the passage with "date from file time"', () => {
    const passage = {
      articleId: 'undated-note',
      sentenceIdx: 0,
      text: 'Dock workers in Valencia extended their strike over pay.',
      article: { title: 'Port strike continues', published: '2026-12-03', publishedFrom: 'file-time' as const },
    };
    const { citations } = citeClaims([{ text: 'Dock workers extended their strike.', passages: [1] }], [passage]);
    expect(citations[0]).toMatchObject({ n: 1, articleId: 'undated-note', dateNote: 'date from file time' });
  });
});
