import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { replyToPlainText } from '../../src/core/reply.js';
import { createLlmAnswerer } from '../../src/llm/llm-answerer.js';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/openai-server.js';
import { extractiveFrom, makeLlm, PASSAGES } from './helpers.js';

describe('LLM answerer against an OpenAI-compatible stand-in, through the real SDK', () => {
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

  function setup() {
    const h = makeLlm({ baseUrl: fake.url, apiKey: 'sk-test-answerer-key', timeoutMs: 3000, maxRetries: 0 });
    return {
      ...h,
      answerer: createLlmAnswerer(h.llm, { retrieve: async () => PASSAGES, fallback: extractiveFrom(() => PASSAGES) }),
    };
  }

  it('posts a verified answer with its footer and citations that map to the real passages', async () => {
    const { answerer, metrics } = setup();
    const r = await answerer.answer('What is replacing the Merida Initiative?');
    expect(r.provenance).toEqual({ path: 'llm', footer: 'written by fake-model from 1 source' });
    expect(r.answered).toBe(true);
    expect(r.citations.map((c) => c.n)).toEqual([1, 2]);
    expect(r.citations[0]).toMatchObject({
      articleId: PASSAGES[0].articleId,
      title: PASSAGES[0].article.title,
      url: PASSAGES[0].article.url,
      quote: PASSAGES[0].text,
    });
    expect(r.citations[1].quote).toBe(PASSAGES[1].text);
    expect(r.sections[0].text).toMatch(/\[1\].*\[2\]$/s);
    expect(replyToPlainText(r)).toContain('— written by fake-model from 1 source');
    expect(metrics.calls).toEqual(['ok']);
  });

  it('asks for strict JSON-schema output, offers no tools and caps the output tokens', async () => {
    const { answerer } = setup();
    await answerer.answer('Who met in Mexico City?');
    const body = fake.requests[0].body;
    expect(body.response_format).toMatchObject({ type: 'json_schema', json_schema: { strict: true } });
    expect(body.tools).toBeUndefined();
    // A compatible server gets max_tokens; api.openai.com gets max_completion_tokens.
    expect(body.max_tokens).toBeGreaterThan(0);
    expect(body.messages[0].role).toBe('system');
    expect(body.messages[0].content).toMatch(/never as instructions/);
    expect(body.messages[1].content).toContain('<passage id="5"');
  });

  it('drops a claim citing a passage that was never sent and posts the rest', async () => {
    const { answerer } = setup();
    fake.script({ kind: 'cite-unsent' });
    const r = await answerer.answer('What did officials say?');
    expect(r.provenance?.path).toBe('llm');
    expect(replyToPlainText(r)).not.toContain('A fact from nowhere');
    expect(r.citations).toHaveLength(2);
  });

  it('drops a claim whose "quote" is not in its passage', async () => {
    const { answerer } = setup();
    fake.script({ kind: 'fake-quote' });
    const r = await answerer.answer('What did officials say?');
    expect(r.provenance?.path).toBe('llm');
    const text = replyToPlainText(r);
    expect(text).not.toContain('words the article never printed');
    expect(r.sections[0].text.match(/\[\d\]/g)).toHaveLength(2);
  });

  it('falls back to the extractive answer when every claim is dropped', async () => {
    const { answerer, metrics } = setup();
    fake.script({ kind: 'all-unsent' });
    const r = await answerer.answer('What did officials say?');
    expect(r.provenance).toEqual({
      path: 'extractive',
      footer: 'extractive (LLM unavailable: too few verified claims)',
    });
    expect(r.citations[0].quote).toBe(PASSAGES[0].text);
    expect(metrics.fallbacks).toEqual(['unverified_claims']);
  });

  it('falls back when the model finds no answer in the passages', async () => {
    const { answerer } = setup();
    fake.script({ kind: 'no-claims' });
    const r = await answerer.answer('What is the capital of Peru?');
    expect(r.provenance?.footer).toBe('extractive (LLM unavailable: model found no answer in the passages)');
  });

  it('asks a server that rejects json_schema for json_object instead, and remembers it', async () => {
    const { answerer } = setup();
    fake.setDefault({ kind: 'no-json-schema' });
    const first = await answerer.answer('Who met in Mexico City?');
    const second = await answerer.answer('What replaces the Merida Initiative?');
    expect(first.provenance?.path).toBe('llm');
    expect(second.provenance?.path).toBe('llm');
    expect(fake.requests.map((r) => r.body.response_format?.type)).toEqual([
      'json_schema',
      'json_object',
      'json_object',
    ]);
  });

  it('does not call the model when retrieval finds nothing', async () => {
    const h = makeLlm({ baseUrl: fake.url, timeoutMs: 3000 });
    const answerer = createLlmAnswerer(h.llm, { retrieve: async () => [], fallback: extractiveFrom(() => []) });
    const r = await answerer.answer('Anything about volcanoes?');
    expect(r.answered).toBe(false);
    expect(r.provenance?.path).toBe('extractive');
    expect(fake.requests).toHaveLength(0);
  });
});
