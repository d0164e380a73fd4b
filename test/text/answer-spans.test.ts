import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnswerer } from '../../src/text/answer/answerer.js';
import { nameAt, restates } from '../../src/text/answer/extract/name-span.js';
import { yesNoVerdict } from '../../src/text/answer/yes-no.js';
import { wordTokens } from '../../src/text/answer/terms.js';
import { openTextStore, type TextStore } from './text-store.js';

const keys = (s: string) => new Set(wordTokens(s).map((t) => t.key));

describe('reading a whole name', () => {
  it('reads a long official name across its inner commas and stops at the clause after it', () => {
    const t =
      'unveiling a new initiative, called the U.S.-Mexico Bicentennial Framework for Security, Public Health and Safe Communities, to look for ways';
    expect(nameAt(t, t.indexOf('called') + 6)?.text).toBe(
      'the U.S.-Mexico Bicentennial Framework for Security, Public Health and Safe Communities',
    );
  });

  it('does not run a name into a following "X said" clause or a lower-case phrase', () => {
    expect(nameAt('the plan, Mexico officials said on Friday.', 0)).toBeUndefined();
    const t = 'renamed CFX, Mexico said, and more';
    expect(nameAt(t, 7)?.text).toBe('CFX');
  });

  it('a span made only of the question’s own words is a restatement', () => {
    expect(restates('a new initiative', keys('What new initiative is the U.S. unveiling?'))).toBe(true);
    expect(restates('the Bicentennial Framework', keys('What new initiative is the U.S. unveiling?'))).toBe(false);
  });
});

describe('yes/no verdicts', () => {
  it('says yes when the sentence states subject, verb (by lemma) and object', () => {
    expect(
      yesNoVerdict(
        'Did Blinken meet López Obrador?',
        'Earlier Friday, Blinken met with Mexican President Andrés Manuel López Obrador at a working breakfast.',
      ),
    ).toBe('yes');
  });

  it('matches a passive question to an active sentence, and a pronoun subject', () => {
    expect(
      yesNoVerdict(
        'Is the Merida Initiative being replaced?',
        'The new arrangement would replace the 13-year-old Merida Initiative.',
      ),
    ).toBe('yes');
    expect(
      yesNoVerdict(
        'Did Jet Airways get permission to fly to London?',
        'It recently won government permission to fly to London.',
      ),
    ).toBe('yes');
  });

  it('says no only when the sentence negates the verb', () => {
    expect(
      yesNoVerdict(
        'Have tube commuters hidden their frustration?',
        'Some tube commuters have not hidden their frustration at the ongoing strike.',
      ),
    ).toBe('no');
  });

  it('claims nothing when roles are swapped, the sentence hedges, a word is missing or there is no verb', () => {
    expect(
      yesNoVerdict(
        'Did Mexico provide funding to the U.S.?',
        'In the Merida Initiative the U.S. provided some funding to assist Mexico.',
      ),
    ).toBeUndefined();
    expect(
      yesNoVerdict(
        'Did Ebrard extradite suspects?',
        'Ebrard said he wants to see the U.S. extradite suspects to Mexico.',
      ),
    ).toBeUndefined();
    expect(
      yesNoVerdict(
        'Did Edinburgh scrap the congestion charge?',
        'Edinburgh City Council is to ballot constituents on congestion charging.',
      ),
    ).toBeUndefined();
    expect(
      yesNoVerdict(
        'Is Blinken the Mexican foreign secretary?',
        'Blinken met Mexican Foreign Secretary Marcelo Ebrard.',
      ),
    ).toBeUndefined();
    // A plan ("would replace") does not say it has happened.
    expect(
      yesNoVerdict(
        'Has the Merida Initiative been replaced?',
        'The new arrangement would replace the 13-year-old Merida Initiative.',
      ),
    ).toBeUndefined();
  });
});

describe('spans and yes/no answers from a store', () => {
  let ts: TextStore;
  beforeAll(async () => {
    ts = await openTextStore();
    await ts.add({
      id: 'strike',
      title: 'Train strike grips Buenos Aires',
      text:
        'The Argentine Work Ministry has been mediating in the conflict and it could call an "obligatory conciliation", which would force both sides to find a solution. ' +
        'Some tube commuters have not hidden their frustration at the ongoing strike. ' +
        '"We are taken as hostages. I don\'t know who is right, but the harm ones are us," said accountant Jose Lopez.',
    });
  });
  afterAll(async () => ts.close());
  const ask = (q: string) => createAnswerer(ts.store).answer(q);

  it('answers with the name an initiative is given, not the question’s own words', async () => {
    const r = await ask('What new initiative is the U.S. unveiling?');
    expect(r.answer).toContain(
      'the U.S.-Mexico Bicentennial Framework for Security, Public Health and Safe Communities',
    );
  });

  it('why: answers with the purpose clause', async () => {
    const r = await ask('Why is the U.S. unveiling a new initiative?');
    expect(r.answer).toMatch(/to look for “?ways to reinvigorate security cooperation/);
  });

  it('a quoted object after the verb is the answer, whole', async () => {
    expect((await ask('What could the Argentine Work Ministry call?')).answer).toContain('"obligatory conciliation"');
  });

  it('yes/no: "Yes — " or "No — " with the stating sentence, cited; otherwise the sentence alone', async () => {
    const yes = await ask('Did Blinken meet López Obrador?');
    expect(yes.answer).toMatch(/^Yes — Earlier Friday, Blinken met with Mexican President/);
    expect(yes.citations[0].articleId).toBe('us-mexico');
    const no = await ask('Have tube commuters hidden their frustration?');
    expect(no.answer).toMatch(/^No — Some tube commuters have not hidden/);
    const open = await ask('Did Ebrard extradite suspects?');
    expect(open.answered).toBe(true);
    expect(open.answer).not.toMatch(/^(Yes|No)\b/);
    expect(open.answer).toContain('extradite suspects');
  });

  // Known miss: the analyzer does not take "accountant Jose Lopez" for a person, so there is no card
  // of his quotes to complete and the ranked search quotes only the quotation's last piece.
  it.fails('what did X say: a quotation the sentence splitter cut is given whole', async () => {
    const r = await ask('What did Jose Lopez say?');
    expect(r.answer).toBe("We are taken as hostages. I don't know who is right, but the harm ones are us");
  });
});
