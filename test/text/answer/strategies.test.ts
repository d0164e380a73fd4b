/*
 * The strategies read the store (people cards, phrase lookups, the ranked search), so these use
 * the real SQLite store with the shipped US–Mexico article; the model is a stand-in Llm object.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Llm } from '../../../src/llm/client.js';
import type { Passage } from '../../../src/llm/passage.js';
import { answerContext } from '../../../src/text/answer/answer-context.js';
import { createAnswerer } from '../../../src/text/answer/answerer.js';
import { decideWeights } from '../../../src/text/answer/decide.js';
import type { Outcome } from '../../../src/text/answer/outcome.js';
import { defaultRanker } from '../../../src/text/answer/ranker.js';
import { STRATEGIES, strategiesFor, type Strategy } from '../../../src/text/answer/strategies.js';
import { extract } from '../../../src/text/answer/strategies/extract.js';
import { llmStrategy } from '../../../src/text/answer/strategies/llm.js';
import { said } from '../../../src/text/answer/strategies/said.js';
import { unknownName } from '../../../src/text/answer/strategies/unknown-name.js';
import { whoIs } from '../../../src/text/answer/strategies/who-is.js';
import { openTextStore, type TextStore } from '../text-store.js';
import { cite, question } from './builders.js';

type Model = Pick<Llm, 'model' | 'generate'>;
const failingModel: Model = { model: 'stand-in', generate: async () => ({ ok: false, reason: 'timeout' }) };

describe('strategy order', () => {
  it('refuses unknown names first and extracts last', () => {
    const expected = [unknownName, whoIs, said, extract];
    expect(STRATEGIES).toHaveLength(expected.length);
    for (const [i, s] of STRATEGIES.entries()) expect(s).toBe(expected[i]);
  });

  it('a configured model writes right after the unknown-name check', () => {
    const list = strategiesFor(failingModel);
    expect(list).toHaveLength(5);
    expect(list[0]).toBe(unknownName);
    expect([unknownName, whoIs, said, extract]).not.toContain(list[1]);
    for (const [i, s] of [whoIs, said, extract].entries()) expect(list[i + 2]).toBe(s);
  });
});

describe('strategies against a store', () => {
  let ts: TextStore;
  beforeAll(async () => {
    ts = await openTextStore();
  });
  afterAll(async () => {
    await ts.close();
  });
  const ctxOf = (text: string) => answerContext(question(text), ts.store, defaultRanker());

  it('a strategy returning undefined lets the next one try, and the first outcome ends the search', async () => {
    const tried: string[] = [];
    const pass: Strategy = async () => void tried.push('pass');
    const answer: Strategy = async (): Promise<Outcome> => {
      tried.push('answer');
      return {
        kind: 'found',
        headline: 'Mexico City',
        short: true,
        cites: [cite('us-mexico', 'In Mexico City.')],
        type: 'where',
        confidence: 1,
      };
    };
    const never: Strategy = async () => void tried.push('never');
    const reply = await createAnswerer(ts.store, { strategies: [pass, answer, never] }).answer(
      'Where did the talks take place?',
    );
    expect(tried).toEqual(['pass', 'answer']);
    expect(reply.answer).toBe('Mexico City');
  });

  it('when every strategy passes, the answerer refuses', async () => {
    const reply = await createAnswerer(ts.store, { strategies: [async () => undefined] }).answer(
      'Where did the talks take place?',
    );
    expect(reply.title).toBe('Not in the store');
    expect(reply.answered).toBe(false);
  });

  it('unknownName refuses a name the store never mentions and passes a known one', async () => {
    expect(await unknownName(ctxOf('Who is Zebulon Quaxworth?'))).toMatchObject({
      kind: 'refused',
      message: expect.stringContaining('Zebulon Quaxworth'),
    });
    expect(await unknownName(ctxOf('How many goals did Messi score?'))).toMatchObject({
      kind: 'refused',
      message: expect.stringContaining('“Messi”'),
    });
    expect(await unknownName(ctxOf('Who is Ned Price?'))).toBeUndefined();
    expect(await unknownName(ctxOf('What did the two countries unveil?'))).toBeUndefined();
  });

  it('whoIs answers "who is NAME" with the stated role and passes other who-questions', async () => {
    expect(await whoIs(ctxOf('Who is Ned Price?'))).toMatchObject({
      kind: 'found',
      headline: 'Ned Price, State Department spokesperson',
      short: true,
    });
    expect(await whoIs(ctxOf('Who met Ebrard at a working breakfast?'))).toBeUndefined();
  });

  it('said answers with the speaker’s own quote, and passes questions that are not "what did X say"', async () => {
    const found = await said(ctxOf('What did Ned Price say about the Merida Initiative?'));
    expect(found?.headline).toBe(
      '“The Merida Initiative helped Mexico strengthen rule of law and counternarcotics capacity”',
    );
    expect(await said(ctxOf('Where did Blinken meet Ebrard?'))).toBeUndefined();
  });

  it('extract always decides: above its threshold it answers, above 1 it cannot', async () => {
    const q = 'How old is the Merida Initiative?';
    expect(await extract(ctxOf(q), { ...decideWeights(), threshold: 1.01 })).toMatchObject({ kind: 'refused' });
    const found = await extract(ctxOf(q), { ...decideWeights(), threshold: 0, shortAnswer: 0 });
    expect(found).toMatchObject({ kind: 'found', short: true, headline: '13-year-old', type: 'howold' });
  });

  it('extract refuses a "how many" question when no best sentence holds a count of it', async () => {
    expect(await extract(ctxOf('How many planes did the Merida Initiative buy?'))).toMatchObject({ kind: 'refused' });
  });

  it('extract refuses "what did X say" when no sentence reports X speaking', async () => {
    expect(await extract(ctxOf('What did Zorro Quix say about the talks?'))).toMatchObject({ kind: 'refused' });
  });

  // The topic ("guns") is in the store but never in Price's words: the refusal must say that, not
  // deny that Price said anything (the speaker gate runs before any narrowing to the topic).
  it('extract’s refusal does not deny that a quoted speaker said anything when only the topic is missing', async () => {
    const out = await extract(ctxOf('What did Ned Price say about guns?'));
    expect(out).toMatchObject({ kind: 'refused' });
    expect(out.kind === 'refused' && out.message).toContain('not on “guns”');
  });

  it('a model that fails passes to the next strategy and the reply says why', async () => {
    const ctx = ctxOf('What did the two countries unveil?');
    expect(await llmStrategy(failingModel)(ctx)).toBeUndefined();
    expect(ctx.llmFallback).toBe('timeout');
    const reply = await createAnswerer(ts.store, { llm: failingModel }).answer('Who is Ned Price?');
    expect(reply.provenance).toEqual({ path: 'extractive', footer: 'extractive (LLM unavailable: timeout)' });
  });

  it('a model that answers writes the reply, each claim citing the passage it was sent', async () => {
    let sent: readonly Passage[] = [];
    const model: Model = {
      model: 'stand-in',
      generate: async (_task, passages) => {
        sent = passages;
        return {
          ok: true,
          claims: [{ text: 'They unveiled a new framework.', passages: [1] }],
          dropped: [],
          tokens: 10,
        };
      },
    };
    const written = await llmStrategy(model)(ctxOf('What did the two countries unveil?'));
    expect(sent.length).toBeGreaterThan(0);
    expect(written).toMatchObject({
      kind: 'written',
      model: 'stand-in',
      claims: [
        { text: 'They unveiled a new framework.', cites: [{ quote: sent[0].text, articleId: sent[0].articleId }] },
      ],
    });
  });
});
