import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleStore } from '../../../src/store/article-store.js';
import { openSqliteStore } from '../../../src/store/sqlite/sqlite-store.js';
import { retrieve } from '../../../src/text/answer/retrieve.js';
import { article } from '../../store/analysis-fixture.js';
import { question } from './builders.js';

/**
 * Retrieval on a real SQLite store, its sentence search observed (not replaced) to see which
 * words it reads. "weather" is in more sentences than the postings budget (1,000): a common word.
 */
describe('retrieve', () => {
  const dir = mkdtempSync(join(tmpdir(), 'briefbot-retrieve-'));
  let store: ArticleStore;
  const searched: string[][] = [];

  beforeAll(async () => {
    store = await openSqliteStore(join(dir, 'store.db'));
    const chatter = article(Array.from({ length: 1200 }, (_, i) => `Forecaster ${i} expects mild weather.`));
    await store.upsert({ id: 'chatter', title: 'Weather chatter', text: chatter.text }, chatter.analysis);
    const zorblax = article([
      'The Zorblax committee met on Tuesday.',
      'Its chair warned that bad weather would double the Zorblax budget.',
    ]);
    await store.upsert({ id: 'zorblax', title: 'Committee news', text: zorblax.text }, zorblax.analysis);
    const search = store.searchSentences.bind(store);
    store.searchSentences = (terms, opts) => {
      searched.push(terms);
      return search(terms, opts);
    };
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('leaves a common word out of the sentence search when the question has a rarer one, and still reads the matching article', async () => {
    searched.length = 0;
    const r = await retrieve(store, question('How will the weather change the Zorblax budget?'));
    expect(searched).toHaveLength(1);
    expect(searched[0]).toContain('Zorblax');
    expect(searched[0]).not.toContain('weather');
    expect(
      r.hits.some((h) => h.sentence.text === 'Its chair warned that bad weather would double the Zorblax budget.'),
    ).toBe(true);
    // The common word still counts in the ranking: its idf is computed from its capped count.
    expect([...r.idf.keys()].some((k) => k.startsWith('weather'))).toBe(true);
  });

  it('searches with the common words when the question has nothing rarer', async () => {
    searched.length = 0;
    const r = await retrieve(store, question('How mild was the weather?'));
    expect(searched).toHaveLength(1);
    expect(searched[0]).toContain('weather');
    expect(r.hits.length).toBeGreaterThan(0);
  });
});
