/*
 * Questions word names differently from the articles: a nationality for the club's name, "Met"
 * for "Metropolitan", two names run together. These run on the real SQLite store.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerContext } from '../../../src/text/answer/answer-context.js';
import { defaultRanker } from '../../../src/text/answer/ranker.js';
import { assess } from '../../../src/text/answer/strategies/extract.js';
import { unknownName } from '../../../src/text/answer/strategies/unknown-name.js';
import { openTextStore, type TextStore } from '../text-store.js';
import { question } from './builders.js';

const ARTICLES = [
  {
    id: 'uefa',
    title: 'Souness delight at Euro progress',
    text: 'Newcastle reached the last 16 of the Uefa Cup with a 2-1 win over Heerenveen, a 4-2 aggregate victory. Alan Shearer scored the second goal.',
  },
  {
    id: 'stevens',
    title: 'Guantanamo evidence ruled out',
    text: 'Metropolitan Police chief Sir John Stevens said evidence MI5 gathered from the four men in Cuba was inadmissible in British courts.',
  },
  {
    id: 'carling',
    title: 'FA probes crowd trouble',
    text: 'Police made 11 arrests after crowd trouble at the Carling Cup tie between Chelsea and West Ham at Stamford Bridge.',
  },
  {
    id: 'skype',
    title: 'Skype calls grow',
    text: 'Skype said its internet phone service now has 50 million users, who paid nothing for calls to each other.',
  },
  {
    id: 'davis',
    title: 'Spain win Davis Cup',
    text: "Spain's Rafael Nadal became the youngest player to win a singles rubber in a Davis Cup final as Spain beat the United States. The team's tour ends at the Stade de France.",
  },
];

describe('questions that word names differently from the article', () => {
  let ts: TextStore;
  beforeAll(async () => {
    ts = await openTextStore({ withFixture: false });
    for (const a of ARTICLES) await ts.add({ ...a, published: '2005-01-10', url: `https://example.test/${a.id}` });
  });
  afterAll(async () => {
    await ts.close();
  });
  const assessed = async (text: string) => {
    const a = await assess(answerContext(question(text), ts.store, defaultRanker()));
    return a && typeof a !== 'string' ? a.ranked[0].hit.sentence.articleId : a;
  };

  it('a nationality describing the answer need not be in the article ("Which Dutch club")', async () => {
    expect(await assessed('Which Dutch club did Newcastle beat to reach the last 16 of the Uefa Cup?')).toBe('uefa');
  });

  it('of three or more names, one may be worded differently ("Met Police" for "Metropolitan Police")', async () => {
    expect(await assessed('Did Met Police chief Sir John Stevens say the MI5 evidence could be used?')).toBe('stevens');
  });

  it('with fewer names, every one must be in the article: a question about something else is not answered', async () => {
    expect(await assessed('How much did eBay pay to buy Skype?')).toBeUndefined();
  });

  it('a role the question asks to be filled ("Which Spanish player") may be worded otherwise in the article', async () => {
    expect(await assessed('Which Spanish player became the youngest winner in a Davis Cup final?')).toBe('davis');
  });

  it('two names run together ("Chelsea v West Ham Carling Cup tie") are each known, so the name is not refused', async () => {
    const ctx = answerContext(
      question('How many arrests did police make after the Chelsea v West Ham Carling Cup tie?'),
      ts.store,
      defaultRanker(),
    );
    expect(await unknownName(ctx)).toBeUndefined();
    for (const text of ['Who won the West Ham Ryder Cup match?', 'Which rider won the 2004 Tour de France?']) {
      // "Ryder Cup" and "Tour de France" are nowhere; "de France" alone is no name.
      expect(await unknownName(answerContext(question(text), ts.store, defaultRanker()))).toMatchObject({
        kind: 'refused',
      });
    }
  });
});
