import { expect, it } from 'vitest';
import type { ArticleStore } from '../../src/store/article-store.js';
import { article } from './analysis-fixture.js';
import { HOSTILE_TERMS, HOSTILE_TSQUERY_AND_SIZE_TERMS } from './hostile-terms.js';

const visit = article([
  'Blinken arrived in Mexico City on Friday.',
  'Blinken met Ebrard at a working breakfast.',
  'The talks covered security and migration.',
  'Officials said Blinken would return in spring.',
]);
const paris = article([
  'Blinken spoke in Paris on Wednesday.',
  'Der Außenminister traf sich in Zürich.',
  'Встреча прошла в среду.',
]);
const harvest = article(['Farmers reported a record apple harvest.', 'Blinken was not mentioned in the farm report.']);

/** countSentences: /ask's document frequency, a capped count of what searchSentences would find. */
export function countSentencesSuite(store: () => ArticleStore): void {
  const addAll = async () => {
    await store().upsert({ id: 'visit', title: 'Visit', text: visit.text }, visit.analysis);
    await store().upsert({ id: 'paris', title: 'Paris', text: paris.text }, paris.analysis);
    await store().upsert({ id: 'harvest', title: 'Harvest', text: harvest.text }, harvest.analysis);
  };
  const found = async (terms: string[]) => (await store().searchSentences(terms, { limit: 1000 })).length;

  it('counts the sentences matching any of the terms, the same ones searchSentences finds', async () => {
    await addAll();
    const s = store();
    expect(await s.countSentences(['Blinken'], 100)).toBe(5);
    expect(await s.countSentences(['breakfast'], 100)).toBe(1);
    // Any of the terms, each sentence once: "Blinken" in five, "harvest" in one other.
    expect(await s.countSentences(['Blinken', 'harvest', 'Blinken'], 100)).toBe(6);
    // Terms are matched as search matches them: a multi-word term is a phrase, words are stemmed.
    expect(await s.countSentences(['Mexico City'], 100)).toBe(1);
    expect(await s.countSentences(['City Mexico'], 100)).toBe(0);
    expect(await s.countSentences(['official'], 100)).toBe(1);
    expect(await s.countSentences(['volcano'], 100)).toBe(0);
    for (const terms of [['Blinken'], ['Blinken', 'harvest'], ['Mexico City'], ['official'], ['Zürich'], ['среду']]) {
      expect(await s.countSentences(terms, 100), JSON.stringify(terms)).toBe(await found(terms));
    }
  });

  it('stops counting at the cap; a cap of zero, below zero or not a number counts nothing', async () => {
    await addAll();
    const s = store();
    expect(await s.countSentences(['Blinken'], 3)).toBe(3);
    expect(await s.countSentences(['Blinken'], 1)).toBe(1);
    expect(await s.countSentences(['Blinken'], 5)).toBe(5);
    expect(await s.countSentences(['Blinken'], 2.9)).toBe(2);
    expect(await s.countSentences(['Blinken'], 0)).toBe(0);
    expect(await s.countSentences(['Blinken'], -4)).toBe(0);
    expect(await s.countSentences(['Blinken'], Number.NaN)).toBe(0);
  });

  it('counts query syntax, empty, very long and any-script terms as plain text: a number, never an error', async () => {
    await addAll();
    const s = store();
    for (const terms of [...HOSTILE_TERMS, ...HOSTILE_TSQUERY_AND_SIZE_TERMS]) {
      const n = await s.countSentences(terms, 50);
      expect(Number.isInteger(n) && n >= 0 && n <= 50, JSON.stringify(terms).slice(0, 80)).toBe(true);
    }
    expect(await s.countSentences([], 50)).toBe(0);
    expect(await s.countSentences(['', '  '], 50)).toBe(0);
    // The words beside the syntax still count.
    expect(await s.countSentences(['"Blinken'], 50)).toBe(5);
    expect(await s.countSentences(['Ebrard:'], 50)).toBe(1);
    expect(await s.countSentences(['Zürich'], 50)).toBe(1);
    expect(await s.countSentences(['среду'], 50)).toBe(1);
  });
}
