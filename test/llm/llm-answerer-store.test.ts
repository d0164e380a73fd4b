import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { replyToPlainText } from '../../src/core/reply.js';
import { createLlmAnswerer } from '../../src/llm/llm-answerer.js';
import { openSqliteStore, type SqliteArticleStore } from '../../src/store/sqlite/sqlite-store.js';
import { analyze } from '../../src/text/analyze.js';
import { createAnswerer } from '../../src/text/answer/answerer.js';
import { retrievePassages } from '../../src/text/answer/passages.js';
import { passagesIn, startFakeOpenAI, type FakeOpenAI } from '../fakes/openai-server.js';
import { makeLlm } from './helpers.js';

const TEXT = readFileSync(new URL('./fixtures/us-mexico-security-dialogue.txt', import.meta.url), 'utf8');

describe('LLM answerer over a real SQLite store, real retrieval and the real extractive fallback', () => {
  let fake: FakeOpenAI;
  let store: SqliteArticleStore;
  let dir: string;
  beforeAll(async () => {
    fake = await startFakeOpenAI();
    dir = mkdtempSync(join(tmpdir(), 'llm-answer-'));
    store = await openSqliteStore(join(dir, 'articles.db'));
    await store.upsert(
      {
        id: 'us-mexico',
        title: 'U.S., Mexico hold high-level security dialogue',
        published: '2021-10-08',
        url: 'https://example.org/us-mexico',
        source: 'test',
        text: TEXT,
      },
      analyze(TEXT, '2021-10-08'),
    );
  });
  afterAll(async () => {
    await fake.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    fake.requests.length = 0;
    fake.setDefault({ kind: 'grounded' });
  });

  function setup() {
    const { llm, metrics } = makeLlm({ baseUrl: fake.url, timeoutMs: 3000, maxRetries: 1 });
    const answerer = createLlmAnswerer(llm, {
      retrieve: (q) => retrievePassages(store, q, 8),
      fallback: createAnswerer(store),
    });
    return { answerer, metrics };
  }

  it('sends retrieved store sentences and cites the stored article', async () => {
    const { answerer } = setup();
    const r = await answerer.answer('What will replace the Merida Initiative?');
    const sent = passagesIn(fake.requests[0].body).map((p) => p.text);
    expect(sent.length).toBeGreaterThan(0);
    for (const s of sent) expect(TEXT.replace(/\s+/g, ' ')).toContain(s.replace(/\s+/g, ' '));
    expect(r.provenance?.path).toBe('llm');
    expect(r.citations.every((c) => c.articleId === 'us-mexico' && c.url === 'https://example.org/us-mexico')).toBe(
      true,
    );
  });

  it('falls back to the real extractive answer when the server fails', async () => {
    const { answerer } = setup();
    fake.setDefault({ kind: 'status', status: 503, retryAfter: '60' });
    const r = await answerer.answer('What will replace the Merida Initiative?');
    expect(r.provenance).toEqual({ path: 'extractive', footer: 'extractive (LLM unavailable: server error)' });
    expect(r.citations.length).toBeGreaterThan(0);
    expect(r.citations[0].articleId).toBe('us-mexico');
  });

  it('an unanswerable question gets the honest "not in the store" reply, marked extractive', async () => {
    const { answerer } = setup();
    fake.setDefault({ kind: 'no-claims' });
    const r = await answerer.answer('What did the volcano in Iceland do to flights?');
    expect(r.answered).toBe(false);
    expect(r.provenance?.path).toBe('extractive');
    expect(replyToPlainText(r)).not.toMatch(/written by/);
  });
});
