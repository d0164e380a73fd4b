import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { estimateTokens } from '../../src/llm/grounded-generation.js';
import { createLlmAnswerer } from '../../src/llm/llm-answerer.js';
import { buildMessages } from '../../src/llm/prompt.js';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/openai-server.js';
import { extractiveFrom, makeLlm, PASSAGES } from './helpers.js';

describe('LLM cost: token counting, monthly budget, cache', () => {
  let fake: FakeOpenAI;
  beforeAll(async () => {
    fake = await startFakeOpenAI();
  });
  afterAll(async () => {
    await fake.close();
  });
  beforeEach(() => {
    fake.requests.length = 0;
    fake.setDefault({ kind: 'grounded' });
  });

  function setup(config: { monthlyTokenBudget?: number; cacheTtlMs?: number; maxOutputTokens?: number } = {}) {
    const h = makeLlm({ baseUrl: fake.url, timeoutMs: 3000, maxOutputTokens: 300, ...config });
    const answerer = createLlmAnswerer(h.llm, {
      retrieve: async () => PASSAGES,
      fallback: extractiveFrom(() => PASSAGES),
    });
    return { ...h, answerer };
  }

  it('counts the tokens the server reports, per day and per month, and shows them in describe()', async () => {
    const { answerer, llm, metrics, now } = setup({ monthlyTokenBudget: 1_000_000 });
    fake.script({ kind: 'grounded', usage: 1234 });
    await answerer.answer('first question');
    expect(metrics.tokenCounts).toEqual([1234]);
    expect(llm.describe()).toBe(`LLM: fake-model via ${fake.url} — 1,234 tokens today, 1,234 this month of 1,000,000`);

    now.value = new Date('2026-03-15T09:00:00Z');
    fake.script({ kind: 'grounded', usage: 766 });
    await answerer.answer('second question');
    expect(llm.tokensToday()).toBe(766);
    expect(llm.tokensThisMonth()).toBe(2000);

    now.value = new Date('2026-04-01T00:00:01Z');
    expect(llm.describe()).toContain('0 tokens today, 0 this month of 1,000,000');
  });

  it('stops calling the model when the next request (prompt estimate + max output) would exceed the monthly budget', async () => {
    const { answerer, metrics } = setup({ monthlyTokenBudget: 5200 });
    fake.script({ kind: 'grounded', usage: 5000 });
    const first = await answerer.answer('first question');
    expect(first.provenance?.path).toBe('llm');

    const second = await answerer.answer('a different question');
    expect(second.provenance).toEqual({
      path: 'extractive',
      footer: 'extractive (LLM unavailable: monthly token budget exhausted)',
    });
    expect(fake.requests).toHaveLength(1);
    expect(metrics.fallbacks).toEqual(['budget_exhausted']);
  });

  it('concurrent requests cannot together overshoot the budget', async () => {
    // Budget for two and a half requests as the ledger estimates them (prompt + max output).
    const perRequest = estimateTokens(buildMessages({ kind: 'answer', question: 'a' }, PASSAGES)) + 300;
    const { answerer } = setup({ monthlyTokenBudget: Math.floor(perRequest * 2.5), cacheTtlMs: 0 });
    fake.setDefault({ kind: 'delay', ms: 200 });
    const replies = await Promise.all(['a', 'b', 'c'].map((q) => answerer.answer(q)));
    expect(replies.map((r) => r.provenance?.path).sort()).toEqual(['extractive', 'llm', 'llm']);
    expect(fake.requests).toHaveLength(2);
  });

  it('a budget of zero never calls the model', async () => {
    const { answerer } = setup({ monthlyTokenBudget: 0 });
    const r = await answerer.answer('q');
    expect(r.provenance?.path).toBe('extractive');
    expect(fake.requests).toHaveLength(0);
  });

  it('a new month restores the budget', async () => {
    const { answerer, now } = setup({ monthlyTokenBudget: 6000 });
    fake.script({ kind: 'grounded', usage: 5900 });
    await answerer.answer('q1');
    expect((await answerer.answer('q2')).provenance?.path).toBe('extractive');
    now.value = new Date('2026-04-02T08:00:00Z');
    expect((await answerer.answer('q3')).provenance?.path).toBe('llm');
  });

  it('answers an identical request from the cache without a second request', async () => {
    const { answerer, metrics } = setup({ cacheTtlMs: 60_000 });
    const a = await answerer.answer('What is replacing the Merida Initiative?');
    const b = await answerer.answer('What is replacing the Merida Initiative?');
    expect(fake.requests).toHaveLength(1);
    expect(b).toEqual(a);
    expect(metrics.calls).toEqual(['ok', 'cache_hit']);
  });

  it('shares one request between identical requests made at the same time', async () => {
    const { answerer } = setup({ cacheTtlMs: 60_000 });
    fake.script({ kind: 'delay', ms: 200 });
    const [a, b] = await Promise.all([answerer.answer('same'), answerer.answer('same')]);
    expect(fake.requests).toHaveLength(1);
    expect(b).toEqual(a);
  });

  it('asks again when the question, the passages or the time window differ', async () => {
    const h = makeLlm({ baseUrl: fake.url, timeoutMs: 3000, cacheTtlMs: 60_000 });
    let passages = PASSAGES;
    const answerer = createLlmAnswerer(h.llm, {
      retrieve: async () => passages,
      fallback: extractiveFrom(() => PASSAGES),
    });
    await answerer.answer('one');
    await answerer.answer('two');
    passages = PASSAGES.slice(1);
    await answerer.answer('one');
    h.now.value = new Date(h.now.value.getTime() + 61_000);
    passages = PASSAGES;
    await answerer.answer('one');
    expect(fake.requests).toHaveLength(4);
  });

  it('does not cache a failure: the next identical request tries the model again', async () => {
    const { answerer } = setup({ cacheTtlMs: 60_000 });
    fake.script({ kind: 'empty' });
    expect((await answerer.answer('q')).provenance?.path).toBe('extractive');
    expect((await answerer.answer('q')).provenance?.path).toBe('llm');
    expect(fake.requests).toHaveLength(2);
  });
});
