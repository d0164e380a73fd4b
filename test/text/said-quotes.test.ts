import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleStore, SentenceRef } from '../../src/store/article-store.js';
import { createAnswerer } from '../../src/text/answer/answerer.js';
import { openTextStore, type TextStore } from './text-store.js';

/**
 * "What did X say about Y?" reads X's quotes completed with the earlier pieces of a quotation the
 * sentence splitter cut. Only quotes that can still reach the top three are completed, and a store
 * with sentenceTexts reads them by position: both must give what completing every quote article
 * by article gives.
 */
let ts: TextStore;
beforeAll(async () => {
  ts = await openTextStore({ withFixture: false });
  const add = (id: string, published: string, text: string) => ts.add({ id, title: `Blair on ${id}`, published, text });
  // The topic words of this quotation are only in its first piece; the stored quote is the last.
  await add(
    'leeds',
    '2005-01-01',
    'Prime Minister Tony Blair visited Leeds on Monday. "Schools need more teachers. We will fund them," said Mr Blair.',
  );
  await add(
    'york',
    '2005-01-02',
    'Prime Minister Tony Blair visited York. "Our schools are improving," said Mr Blair.',
  );
  await add(
    'hull',
    '2005-01-03',
    'Prime Minister Tony Blair visited Hull. "Schools in Hull are doing well," said Mr Blair.',
  );
  await add(
    'bath',
    '2005-01-04',
    'Prime Minister Tony Blair visited Bath. "Good schools matter to every family," said Mr Blair.',
  );
  await add('derby', '2005-01-05', 'Prime Minister Tony Blair visited Derby. "The economy is strong," said Mr Blair.');
});
afterAll(async () => ts.close());

/**
 * The same store reading quotes' sentences article by article (every sentence of each article):
 * the reference the by-position read (sentenceTexts) must agree with.
 */
const articleByArticle = (): ArticleStore =>
  Object.assign(Object.create(ts.store) as ArticleStore, {
    sentenceTexts: async (refs: readonly SentenceRef[]) => {
      const out: (SentenceRef & { text: string })[] = [];
      for (const articleId of new Set(refs.map((r) => r.articleId))) {
        const wanted = new Set(refs.filter((r) => r.articleId === articleId).map((r) => r.idx));
        for (const s of await ts.store.sentencesOf(articleId))
          if (wanted.has(s.idx)) out.push({ articleId, idx: s.idx, text: s.text });
      }
      return out;
    },
  });

describe('what did X say, from quotes completed with their earlier pieces', () => {
  it('answers from the earlier piece of a cut quotation when only it holds the topic', async () => {
    const r = await createAnswerer(ts.store).answer('What did Tony Blair say about teachers?');
    expect(r).toMatchObject({ answered: true, answer: 'Schools need more teachers. We will fund them' });
    expect(r.citations[0]).toMatchObject({ articleId: 'leeds', quote: 'We will fund them," said Mr Blair.' });
    expect(await createAnswerer(articleByArticle()).answer('What did Tony Blair say about teachers?')).toEqual(r);
  });

  it('gives the newest three quotes on the topic, as completing every quote would', async () => {
    const r = await createAnswerer(ts.store).answer('What did Tony Blair say about schools?');
    expect(r.citations.map((c) => c.articleId)).toEqual(['bath', 'hull', 'york']);
    expect(await createAnswerer(articleByArticle()).answer('What did Tony Blair say about schools?')).toEqual(r);
  });

  it('without a topic gives the newest quotes, and refuses a topic no completed quote holds', async () => {
    const all = await createAnswerer(ts.store).answer('What did Tony Blair say?');
    expect(all.citations.map((c) => c.articleId)).toEqual(['derby', 'bath', 'hull']);
    expect(await createAnswerer(articleByArticle()).answer('What did Tony Blair say?')).toEqual(all);
    const off = await createAnswerer(ts.store).answer('What did Tony Blair say about fishing?');
    expect(off.answered).toBe(false);
    expect(off.sections[0].text).toContain('not on “fishing”');
  });
});
