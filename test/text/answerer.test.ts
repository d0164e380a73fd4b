import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnswerer } from '../../src/text/answer/answerer.js';
import { retrievePassages } from '../../src/text/answer/passages.js';
import { openTextStore, type TextStore } from './text-store.js';

let ts: TextStore;
beforeAll(async () => {
  ts = await openTextStore();
});
afterAll(async () => ts.close());

const ask = (q: string) => createAnswerer(ts.store).answer(q);

describe('answering from the fixture article (questions not in the dev set)', () => {
  it('who: names the person the question asks for and quotes the cited sentence', async () => {
    const r = await ask('Who is the State Department spokesperson?');
    expect(r).toMatchObject({ answered: true, visibility: 'ephemeral' });
    expect(r.answer).toContain('Ned Price');
    expect(r.citations[0]).toMatchObject({
      n: 1,
      articleId: 'us-mexico',
      title: 'U.S. and Mexico hold security dialogue',
      published: '2021-10-08',
      url: 'https://example.test/us-mexico',
    });
    expect(r.citations[0].quote).toContain('State Department spokesperson Ned Price said Thursday');
    expect(r.sections.map((s) => s.text).join('\n')).toContain('[1]');
  });

  it('who is NAME: gives the role the articles state, cited', async () => {
    const r = await ask('Who is Ebrard?');
    expect(r.answered).toBe(true);
    expect(r.answer).toContain('Marcelo Ebrard, Mexican Foreign Secretary');
    expect(r.citations[0].quote).toContain('Mexican Foreign Secretary Marcelo Ebrard');
  });

  it('when: the headline holds the day the sentence gives', async () => {
    const r = await ask('When did senior administration officials hold a phone briefing?');
    expect(r.answered).toBe(true);
    expect(r.answer).toContain('Thursday');
  });

  it('what: the headline holds what the article says it replaces, and quotes that sentence', async () => {
    const r = await ask('What would the new arrangement replace?');
    expect(r.answered).toBe(true);
    expect(r.answer).toContain('Merida Initiative');
    expect(r.citations[0].quote).toContain('would replace');
  });

  it('where: a named place after "to" ("concluded his trip to Europe")', async () => {
    const r = await ask('Where did Blinken conclude his trip?');
    expect(r.answered).toBe(true);
    expect(r.answer).toContain('Europe');
  });

  it('what did X say: answers with the words attributed to X, cited to their sentence', async () => {
    const r = await ask('What did Price say about the Merida Initiative?');
    expect(r.answered).toBe(true);
    expect(r.answer).toContain(
      'The Merida Initiative helped Mexico strengthen rule of law and counternarcotics capacity',
    );
    expect(r.citations[0].quote).toBe(
      '“The Merida Initiative helped Mexico strengthen rule of law and counternarcotics capacity,” Price said.',
    );
  });

  it('what did X say: says so when the articles report nothing X said, or nothing on the topic', async () => {
    const none = await ask('What did López Obrador say?');
    expect(none.answered).toBe(false);
    expect(none.sections[0].text).toContain('report nothing said by López Obrador');
    const off = await ask('What did Ebrard say about fishing?');
    expect(off.answered).toBe(false);
    expect(off.sections[0].text).toContain('not on “fishing”');
  });

  it('how old: reads an age from a hyphenated number', async () => {
    const r = await ask('How old is the Merida Initiative?');
    expect(r.answered).toBe(true);
    expect(r.answer).toContain('13-year-old');
  });

  it('says plainly when the store has no answer, and lists the closest articles', async () => {
    const r = await ask('How many helicopters did Mexico buy?');
    expect(r.answered).toBe(false);
    expect(r.sections[0].text).toMatch(/^Not in the store/);
    expect(r.sections.map((s) => s.text).join('\n')).toContain('U.S. and Mexico hold security dialogue');
    expect(r.citations).toEqual([]);
  });

  it('a question naming a person who is not in the store says so and answers about no one else', async () => {
    const r = await ask('What did Justin Trudeau say about security cooperation?');
    expect(r.answered).toBe(false);
    expect(r.sections[0].text).toContain('no one named “Justin Trudeau”');
    expect(r.answer).toBe('');
  });

  it('a question about a role nobody in the store holds is not answered with someone else', async () => {
    const r = await ask('What did the Mexican defense minister announce?');
    expect(r.answered).toBe(false);
  });

  it('questions of stop words, punctuation or another language get a clear message', async () => {
    for (const q of ['what is the', '?!?', '¿Quién es el presidente de México?']) {
      const r = await ask(q);
      expect(r.answered).toBe(false);
      expect(r.citations).toEqual([]);
      expect(r.sections[0].text.length).toBeGreaterThan(20);
    }
    expect((await ask('¿Quién es el presidente de México?')).sections[0].text).toContain('English');
  });

  it('search syntax in a question is plain text: quotes, AND/OR/NOT, *, ^, :, -, parentheses', async () => {
    const r = await ask('Who is "Mexico\'s president" AND (NOT *^:-) OR "unbalanced?');
    expect(r.answered).toBe(true);
    expect(r.answer).toContain('Andrés Manuel López Obrador');
  });

  it('accent-free and diacritic names find the same person', async () => {
    const a = await ask('Who did Blinken meet with Lopez Obrador?');
    const b = await ask('Who did Blinken meet with López Obrador?');
    expect(a.answered).toBe(true);
    expect(a.answer).toBe(b.answer);
    expect(a.answer).toContain('Marcelo Ebrard');
  });

  it('retrievePassages returns the best sentences with article metadata', async () => {
    const p = await retrievePassages(ts.store, 'Merida Initiative funding', 3);
    expect(p).toHaveLength(3);
    expect(p[0]).toMatchObject({
      articleId: 'us-mexico',
      article: expect.objectContaining({ title: 'U.S. and Mexico hold security dialogue' }),
    });
    expect(p[0].text).toContain('Merida Initiative');
    expect(await retrievePassages(ts.store, '???', 3)).toEqual([]);
  });
});

describe('answering across several articles', () => {
  let multi: TextStore;
  beforeAll(async () => {
    multi = await openTextStore({ withFixture: false });
    await multi.add({
      id: 'wire-a',
      title: 'Flood toll rises',
      published: '2024-03-02',
      text: 'Officials said 12 people died in the floods in Valencia on Friday. Rescue teams are still searching.',
    });
    await multi.add({
      id: 'wire-b',
      title: 'Valencia floods: toll climbs',
      published: '2024-03-04',
      text: 'Officials said 15 people died in the floods in Valencia, according to the regional government. Schools reopened on Monday.',
    });
    await multi.add({
      id: 'wire-c',
      title: 'Port strike continues',
      published: '2024-03-01',
      text: 'Dock workers in Valencia extended their strike over pay. The union said talks had failed.',
    });
    await multi.add({
      id: 'studio',
      title: 'Studio profits slump',
      published: '2024-02-20',
      text: 'The studio said its film division saw profits slump 27%, hurt by box-office flops Alexander and Catwoman. Its music arm did better.',
    });
    await multi.add({
      id: 'wire-d',
      title: 'Port strike continues (agency copy)',
      published: '2024-03-01',
      text: 'Dock workers in Valencia extended their strike over pay, the union said. Shipping firms diverted cargo.',
    });
  });
  afterAll(async () => multi.close());

  it('shows both figures, dated, when sources disagree', async () => {
    const r = await createAnswerer(multi.store).answer('How many people died in the floods in Valencia?');
    expect(r.answered).toBe(true);
    const shown = (r.answer ?? '').includes('15 people')
      ? ['15 people', '12 people', '2024-03-02']
      : ['12 people', '15 people', '2024-03-04'];
    expect(r.answer).toContain(shown[0]);
    const differ = r.sections.find((s) => s.heading === 'Sources differ');
    expect(differ?.text).toContain(shown[1]);
    expect(differ?.text).toContain(shown[2]);
    expect(new Set(r.citations.map((c) => c.articleId))).toEqual(new Set(['wire-a', 'wire-b']));
  });

  it('"which NOUN" names the instances written right after the noun', async () => {
    const r = await createAnswerer(multi.store).answer('Which box-office flops hurt the film division?');
    expect(r.answered).toBe(true);
    expect(r.answer).toContain('Alexander and Catwoman');
  });

  it('merges near-duplicate sentences from different articles and cites every source', async () => {
    const r = await createAnswerer(multi.store).answer('Why did dock workers in Valencia extend their strike?');
    expect(r.answered).toBe(true);
    expect(r.answer).toContain('pay');
    expect(r.citations.map((c) => c.articleId).sort()).toEqual(['wire-c', 'wire-d']);
  });
});
