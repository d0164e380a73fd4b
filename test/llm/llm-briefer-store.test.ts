import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLlmBriefer } from '../../src/llm/llm-briefer.js';
import { openSqliteStore, type SqliteArticleStore } from '../../src/store/sqlite/sqlite-store.js';
import { analyze } from '../../src/text/analyze.js';
import { startFakeOpenAI, passagesIn, type FakeOpenAI } from '../fakes/openai-server.js';
import { extractiveFrom, makeLlm, PASSAGES } from './helpers.js';

const ARTICLES = [
  {
    id: 'talks',
    title: 'U.S., Mexico hold security dialogue',
    published: '2021-10-08',
    url: 'https://example.org/talks',
    text: 'Blinken met Ebrard in Mexico City on Friday for security talks. The new framework would replace the Merida Initiative. Officials discussed firearms trafficking.',
  },
  {
    id: 'paris',
    title: 'Blinken wraps up Paris visit',
    published: '2021-10-06',
    url: 'https://example.org/paris',
    text: 'Blinken said his talks with French officials were very productive. He attended a ministerial meeting at the OECD. The trip ended on Wednesday.',
  },
];

describe('LLM briefer on a real SQLite store', () => {
  let fake: FakeOpenAI;
  let store: SqliteArticleStore;
  let dir: string;
  beforeAll(async () => {
    fake = await startFakeOpenAI({ kind: 'grounded', claims: 2 });
    dir = mkdtempSync(join(tmpdir(), 'llm-brief-'));
    store = await openSqliteStore(join(dir, 'articles.db'));
    for (const a of ARTICLES) await store.upsert({ ...a, source: 'test' }, analyze(a.text, a.published));
  });
  afterAll(async () => {
    await fake.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('briefs on the lead sentences of the newest articles, citing stored articles', async () => {
    const { llm } = makeLlm({ baseUrl: fake.url, timeoutMs: 3000 });
    const briefer = createLlmBriefer(llm, { store, fallback: extractiveFrom(() => PASSAGES) });
    const r = await briefer.brief();
    const sent = passagesIn(fake.requests.at(-1)!.body).map((p) => p.text);
    expect(sent).toEqual([
      'Blinken met Ebrard in Mexico City on Friday for security talks.',
      'The new framework would replace the Merida Initiative.',
      'Blinken said his talks with French officials were very productive.',
      'He attended a ministerial meeting at the OECD.',
    ]);
    expect(r.provenance?.path).toBe('llm');
    expect(r.citations.map((c) => [c.articleId, c.url])).toEqual([
      ['talks', 'https://example.org/talks'],
      ['talks', 'https://example.org/talks'],
    ]);
  });

  it('briefs on a topic from the sentences that match it', async () => {
    const { llm } = makeLlm({ baseUrl: fake.url, timeoutMs: 3000 });
    const briefer = createLlmBriefer(llm, { store, fallback: extractiveFrom(() => PASSAGES) });
    await briefer.brief('Paris OECD');
    const sent = passagesIn(fake.requests.at(-1)!.body).map((p) => p.text);
    expect(sent).toEqual(['He attended a ministerial meeting at the OECD.']);
  });
});
