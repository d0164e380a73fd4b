import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { createLlm } from '../../src/llm/client.js';
import { createLlmAnswerer } from '../../src/llm/llm-answerer.js';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/openai-server.js';
import { extractiveFrom, PASSAGES } from './helpers.js';

const deps = { logger: silentLogger(), clock: () => new Date('2026-03-14T10:00:00Z') };

describe('createLlm', () => {
  let fake: FakeOpenAI;
  const savedEnv = { ...process.env };
  beforeAll(async () => {
    fake = await startFakeOpenAI();
  });
  afterAll(async () => {
    await fake.close();
  });
  afterEach(() => {
    process.env = { ...savedEnv };
  });

  it('returns undefined (offline) with neither a key nor a base URL', () => {
    expect(createLlm({ model: 'gpt-4o-mini' }, deps)).toBeUndefined();
    expect(createLlm({ model: 'gpt-4o-mini', apiKey: '  ', baseUrl: '' }, deps)).toBeUndefined();
  });

  it('reads nothing from the environment: OPENAI_API_KEY alone does not switch it on', () => {
    process.env.OPENAI_API_KEY = 'sk-from-env';
    process.env.OPENAI_BASE_URL = 'http://127.0.0.1:1/v1';
    expect(createLlm({ model: 'gpt-4o-mini' }, deps)).toBeUndefined();
    const llm = createLlm({ model: 'gpt-4o-mini', apiKey: 'sk-configured' }, deps);
    expect(llm?.endpoint).toBe('https://api.openai.com/v1');
  });

  it('works against a base URL without a key, as Ollama does, sending a placeholder key', async () => {
    delete process.env.OPENAI_API_KEY;
    const llm = createLlm({ model: 'llama3.2', baseUrl: fake.url }, deps);
    expect(llm).toBeDefined();
    const answerer = createLlmAnswerer(llm!, {
      retrieve: async () => PASSAGES,
      fallback: extractiveFrom(() => PASSAGES),
    });
    const r = await answerer.answer('Who met in Mexico City?');
    expect(r.provenance).toEqual({ path: 'llm', footer: 'written by llama3.2 from 1 source' });
    expect(fake.requests.at(-1)?.headers.authorization).toBe('Bearer not-needed');
    expect(fake.requests.at(-1)?.body.model).toBe('llama3.2');
  });

  it('applies the documented defaults: 20 s deadline, bound = deadline + 1 s margin', () => {
    const llm = createLlm({ model: 'gpt-4o-mini', apiKey: 'sk-x' }, deps)!;
    expect(llm.timeoutMs).toBe(20_000);
    expect(llm.settleWithinMs).toBe(21_000);
  });

  it('never shows credentials or query strings of the base URL', () => {
    const llm = createLlm({ model: 'm', baseUrl: 'http://user:hunter2@127.0.0.1:8000/v1?api-key=abc' }, deps)!;
    expect(llm.describe()).toBe('LLM: m via http://127.0.0.1:8000/v1 — 0 tokens today, 0 this month of 2,000,000');
    expect(llm.describe()).not.toMatch(/hunter2|abc/);
  });
});
