import { createServer } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLlmAnswerer } from '../../src/llm/llm-answerer.js';
import type { FallbackReason } from '../../src/llm/metrics.js';
import { startFakeOpenAI, type Behaviour, type FakeOpenAI } from '../fakes/openai-server.js';
import { extractiveFrom, makeLlm, PASSAGES, timed } from './helpers.js';

/**
 * Every failure must end in the extractive reply within the documented bound:
 * timeoutMs (one deadline over all attempts) + FALLBACK_MARGIN_MS. Figures are printed at the end.
 */
const TIMEOUT_MS = 1500;
const figures: { mode: string; reason: string; ms: number; requests: number; boundMs: number }[] = [];

describe('LLM failures fall back to the extractive reply within the bound', () => {
  let fake: FakeOpenAI;
  beforeAll(async () => {
    fake = await startFakeOpenAI();
  });
  afterAll(async () => {
    await fake.close();
    console.table(figures);
  });
  beforeEach(() => {
    fake.requests.length = 0;
    fake.setDefault({ kind: 'grounded' });
  });

  function setup(baseUrl = fake.url) {
    const h = makeLlm({ baseUrl, apiKey: 'sk-test-failure-key', timeoutMs: TIMEOUT_MS, maxRetries: 2 });
    const answerer = createLlmAnswerer(h.llm, {
      retrieve: async () => PASSAGES,
      fallback: extractiveFrom(() => PASSAGES),
    });
    return { ...h, answerer };
  }

  const cases: { mode: string; behaviour: Behaviour; reason: FallbackReason; footer: string }[] = [
    {
      mode: 'stand-in waits longer than the timeout',
      behaviour: { kind: 'delay', ms: 10_000 },
      reason: 'timeout',
      footer: 'timeout',
    },
    {
      mode: '429 with Retry-After beyond the deadline',
      behaviour: { kind: 'status', status: 429, retryAfter: '30' },
      reason: 'rate_limited',
      footer: 'rate limited',
    },
    {
      mode: '429 without Retry-After, every attempt',
      behaviour: { kind: 'status', status: 429 },
      reason: 'rate_limited',
      footer: 'rate limited',
    },
    {
      mode: '500 on every attempt',
      behaviour: { kind: 'status', status: 500 },
      reason: 'server_error',
      footer: 'server error',
    },
    {
      mode: '503 with Retry-After beyond the deadline',
      behaviour: { kind: 'status', status: 503, retryAfter: '120' },
      reason: 'server_error',
      footer: 'server error',
    },
    {
      mode: '401 (bad key)',
      behaviour: { kind: 'status', status: 401 },
      reason: 'auth_error',
      footer: 'authentication failed',
    },
    {
      mode: 'non-JSON body (a proxy page)',
      behaviour: { kind: 'html' },
      reason: 'malformed_output',
      footer: 'malformed response',
    },
    {
      mode: 'prose instead of JSON',
      behaviour: { kind: 'prose' },
      reason: 'malformed_output',
      footer: 'malformed response',
    },
    {
      mode: 'JSON of the wrong shape',
      behaviour: { kind: 'raw', content: '{"answer": "yes"}' },
      reason: 'malformed_output',
      footer: 'malformed response',
    },
    {
      mode: 'truncated JSON (finish_reason length)',
      behaviour: { kind: 'truncated' },
      reason: 'truncated_output',
      footer: 'truncated response',
    },
    { mode: 'empty completion', behaviour: { kind: 'empty' }, reason: 'empty_output', footer: 'empty response' },
    { mode: 'refusal', behaviour: { kind: 'refusal' }, reason: 'refusal', footer: 'model refused' },
  ];

  for (const c of cases) {
    it(`${c.mode} gives the extractive reply with reason "${c.reason}" within the bound`, async () => {
      const { answerer, llm, metrics } = setup();
      fake.setDefault(c.behaviour);
      const { value: r, ms } = await timed(() => answerer.answer('What is replacing the Merida Initiative?'));
      figures.push({ mode: c.mode, reason: c.reason, ms, requests: fake.requests.length, boundMs: llm.settleWithinMs });
      expect(r.provenance).toEqual({ path: 'extractive', footer: `extractive (LLM unavailable: ${c.footer})` });
      expect(r.citations[0].quote).toBe(PASSAGES[0].text);
      expect(metrics.calls).toEqual(['fallback']);
      expect(metrics.fallbacks).toEqual([c.reason]);
      expect(ms).toBeLessThanOrEqual(llm.settleWithinMs);
    });
  }

  it('a 429 whose Retry-After exceeds the deadline is not waited for: the fallback comes well before the deadline', async () => {
    const h = makeLlm({ baseUrl: fake.url, timeoutMs: 5000, maxRetries: 2 });
    const answerer = createLlmAnswerer(h.llm, {
      retrieve: async () => PASSAGES,
      fallback: extractiveFrom(() => PASSAGES),
    });
    fake.setDefault({ kind: 'status', status: 429, retryAfter: '30' });
    const { value: r, ms } = await timed(() => answerer.answer('q'));
    expect(r.provenance?.footer).toBe('extractive (LLM unavailable: rate limited)');
    expect(fake.requests).toHaveLength(1);
    expect(ms).toBeLessThan(2500); // waiting for the SDK's sleep would take the full 5,000 ms
  });

  it('a 429 with a short Retry-After is retried and the model answer is posted', async () => {
    const { answerer, metrics } = setup();
    fake.script({ kind: 'status', status: 429, retryAfterMs: '50' });
    const r = await answerer.answer('What is replacing the Merida Initiative?');
    expect(fake.requests).toHaveLength(2);
    expect(r.provenance?.path).toBe('llm');
    expect(metrics.calls).toEqual(['ok']);
  });

  it('a refused connection gives the extractive reply within the bound', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const s = createServer();
      s.listen(0, '127.0.0.1', () => {
        const { port } = s.address() as { port: number };
        s.close(() => resolve(port));
      });
    });
    const { answerer, llm, metrics } = setup(`http://127.0.0.1:${closedPort}/v1`);
    const { value: r, ms } = await timed(() => answerer.answer('q'));
    figures.push({
      mode: 'connection refused',
      reason: metrics.fallbacks[0],
      ms,
      requests: 0,
      boundMs: llm.settleWithinMs,
    });
    expect(r.provenance?.path).toBe('extractive');
    expect(metrics.fallbacks).toEqual(['connection_error']);
    expect(ms).toBeLessThanOrEqual(llm.settleWithinMs);
  });

  it('a retry that hangs after a 500 still ends at the deadline, reported as a server error', async () => {
    const { answerer, llm } = setup();
    // Per attempt the SDK would wait timeoutMs again; the one deadline over all attempts must win.
    fake.script({ kind: 'status', status: 500 });
    fake.setDefault({ kind: 'delay', ms: 10_000 });
    const { value: r, ms } = await timed(() => answerer.answer('q'));
    figures.push({
      mode: '500, then a hanging retry',
      reason: 'server_error',
      ms,
      requests: fake.requests.length,
      boundMs: llm.settleWithinMs,
    });
    expect(fake.requests).toHaveLength(2);
    expect(r.provenance?.footer).toBe('extractive (LLM unavailable: server error)');
    expect(ms).toBeLessThanOrEqual(llm.settleWithinMs);
  });
});
