import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Passage } from '../../src/llm/passage.js';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/openai-server.js';
import { makeLlm } from './helpers.js';

const article = { title: 'Henry double sinks Chelsea', published: '2005-02-12T17:00:00Z' };
const PASSAGES: Passage[] = [
  'Thierry Henry scored twice as Arsenal beat Chelsea 2-1 at Highbury to close the gap at the top of the Premiership.',
  'Henry opened the scoring with a free-kick after 12 minutes and added a second after the break.',
].map((text, i) => ({ articleId: 'arsenal-chelsea', sentenceIdx: i, text, article }));

describe("the 'headline' request kind", () => {
  let fake: FakeOpenAI;
  beforeAll(async () => {
    fake = await startFakeOpenAI();
  });
  afterAll(() => fake.close());

  it('asks for one short headline from the passages and keeps it when one passage states it', async () => {
    fake.script({ kind: 'headline', text: 'Henry scores twice as Arsenal beat Chelsea' });
    const { llm } = makeLlm({ baseUrl: fake.url, timeoutMs: 3000 });
    const g = await llm.generate({ kind: 'headline' }, PASSAGES);
    expect(g).toMatchObject({
      ok: true,
      claims: [{ text: 'Henry scores twice as Arsenal beat Chelsea', passages: [1] }],
    });
    const prompt = String(fake.requests.at(-1)!.body.messages.at(-1).content);
    expect(prompt).toMatch(/Write its headline as exactly one claim of at most 14 words/);
  });

  it('drops a headline whose names and numbers no passage states, like any claim', async () => {
    fake.script({ kind: 'headline', text: 'Lampard scores three as Chelsea beat Arsenal 3-0' });
    const { llm } = makeLlm({ baseUrl: fake.url, timeoutMs: 3000 });
    const g = await llm.generate({ kind: 'headline' }, PASSAGES);
    expect(g).toMatchObject({ ok: false, reason: 'unverified_claims' });
  });

  it('drops a headline that invents half its words, which a claim of the same words would pass', async () => {
    fake.script({ kind: 'headline', text: 'Chelsea sack their manager after Highbury defeat' });
    const { llm } = makeLlm({ baseUrl: fake.url, timeoutMs: 3000 });
    expect(await llm.generate({ kind: 'headline' }, PASSAGES)).toMatchObject({
      ok: false,
      reason: 'unverified_claims',
    });
    fake.script({ kind: 'headline', text: 'Chelsea sack their manager after Highbury defeat' });
    const asBrief = await llm.generate({ kind: 'brief' }, PASSAGES);
    expect(asBrief).toMatchObject({ ok: true });
  });

  it('judges only the first claim: a true second claim cannot carry a made-up headline', async () => {
    fake.script({
      kind: 'raw',
      content: JSON.stringify({
        claims: [
          { text: 'Chelsea sack their manager after Highbury defeat', passages: [1], quotes: [] },
          { text: PASSAGES[1].text, passages: [2], quotes: [] },
        ],
      }),
    });
    const { llm } = makeLlm({ baseUrl: fake.url, timeoutMs: 3000 });
    const g = await llm.generate({ kind: 'headline' }, PASSAGES);
    expect(g).toMatchObject({ ok: false, reason: 'unverified_claims' });
  });
});
