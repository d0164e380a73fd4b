import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mergeSurnames } from '../../src/text/cast/find-person.js';
import { relevantPeople } from '../../src/text/answer/relevant-people.js';
import { openTextStore, type TextStore } from './text-store.js';

let ts: TextStore;
beforeEach(async () => {
  ts = await openTextStore();
});
afterEach(async () => ts.close());

const everyone = async () => mergeSurnames(await ts.store.people({ quotes: false }));
const byKey = (cards: { key: string }[]) => [...cards].sort((a, b) => a.key.localeCompare(b.key));

describe('the people cards an answer reads', () => {
  it('are the cards the whole store gives for those names and keys', async () => {
    const cards = await relevantPeople(ts.store, ['Ebrard'], ['ned price'], []);
    const all = await everyone();
    for (const card of cards) expect(card).toEqual(all.find((c) => c.key === card.key));
    expect(cards.map((c) => c.key)).toEqual(expect.arrayContaining(['marcelo ebrard', 'ned price']));
  });

  it('give quotes only to the person a quoted name finds, with those of the short form folded into them', async () => {
    await ts.add({
      id: 'friday',
      title: 'Talks go on',
      published: '2021-10-09',
      text: 'Talks continued in Washington on Friday. "We will keep talking," said Mr Price.',
    });
    const cards = await relevantPeople(ts.store, ['Ebrard', 'Ned Price'], ['antony blinken'], ['Ned Price']);
    const price = cards.find((c) => c.key === 'ned price')!;
    const whole = mergeSurnames(await ts.store.people()).find((c) => c.key === 'ned price')!;
    expect(price).toEqual(whole);
    expect(price.quotes.map((q) => q.text)).toContain('We will keep talking');
    expect(cards.filter((c) => c !== price).every((c) => c.quotes.length === 0)).toBe(true);
  });

  it('are read from the store once, and again after the store changes', async () => {
    let reads = 0;
    const people = ts.store.people.bind(ts.store);
    ts.store.people = (opts) => (reads++, people(opts));
    const first = await relevantPeople(ts.store, ['Ebrard'], [], []);
    const readsBefore = reads;
    expect(await relevantPeople(ts.store, ['Ebrard'], [], [])).toEqual(first);
    expect(reads).toBe(readsBefore);

    await ts.add({
      id: 'later',
      title: 'Ebrard abroad',
      published: '2021-11-01',
      text: 'Ambassador Marcelo Ebrard arrived in Ottawa on Monday.',
    });
    const after = await relevantPeople(ts.store, ['Ebrard'], [], []);
    expect(reads).toBeGreaterThan(readsBefore);
    expect(after.find((c) => c.key === 'marcelo ebrard')?.roles).toContain('Ambassador');
    expect(byKey(after)).toEqual(byKey((await everyone()).filter((c) => after.some((a) => a.key === c.key))));
  });
});
