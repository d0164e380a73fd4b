import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLlmBriefer } from '../../src/llm/llm-briefer.js';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/openai-server.js';
import { extractiveFrom, makeLlm, PASSAGES } from './helpers.js';

describe('LLM briefer', () => {
  let fake: FakeOpenAI;
  beforeAll(async () => {
    fake = await startFakeOpenAI();
  });
  afterAll(async () => {
    await fake.close();
  });
  beforeEach(() => {
    fake.requests.length = 0;
    fake.setDefault({ kind: 'grounded', claims: 3 });
  });

  function setup() {
    const h = makeLlm({ baseUrl: fake.url, timeoutMs: 3000 });
    const topics: (string | undefined)[] = [];
    const briefer = createLlmBriefer(h.llm, {
      collect: async (topic) => {
        topics.push(topic);
        return PASSAGES;
      },
      fallback: extractiveFrom(() => PASSAGES),
    });
    return { ...h, briefer, topics };
  }

  it('writes key points as bullets, each cited, with the model footer', async () => {
    const { briefer, topics } = setup();
    const r = await briefer.brief('security talks');
    expect(topics).toEqual(['security talks']);
    expect(r.title).toBe('Briefing: security talks');
    const bullets = r.sections[0].text.split('\n');
    expect(bullets).toHaveLength(3);
    for (const b of bullets) expect(b).toMatch(/^• .+ \[\d\]$/);
    expect(r.citations).toHaveLength(3);
    expect(r.provenance).toEqual({ path: 'llm', footer: 'written by fake-model from 1 source' });
    expect(fake.requests[0].body.messages[1].content).toContain('<topic>\nsecurity talks\n</topic>');
  });

  it('counts sources as distinct articles', async () => {
    const { briefer } = setup();
    fake.script({ kind: 'grounded', claims: 5 });
    const r = await briefer.brief();
    expect(r.citations).toHaveLength(5);
    expect(r.provenance?.footer).toBe('written by fake-model from 2 sources');
  });

  it('falls back to the extractive briefing on a refusal', async () => {
    const { briefer } = setup();
    fake.script({ kind: 'refusal' });
    const r = await briefer.brief();
    expect(r.title).toBe('Briefing');
    expect(r.provenance).toEqual({ path: 'extractive', footer: 'extractive (LLM unavailable: model refused)' });
  });
});
