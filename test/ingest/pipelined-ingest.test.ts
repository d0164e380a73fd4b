import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ingestPaths } from '../../src/store/ingest/ingest.js';
import { openSqliteStore, type SqliteArticleStore } from '../../src/store/sqlite/sqlite-store.js';
import { analyze } from '../../src/text/analyze.js';
import type { Analysis } from '../../src/text/types.js';
import { tempDir } from '../store/temp-dir.js';

const base = tempDir('briefbot-pipeline-');
let n = 0;
let store: SqliteArticleStore;
let dir: string;

beforeEach(async () => {
  dir = join(base, `case-${++n}`);
  mkdirSync(dir);
  store = await openSqliteStore(join(dir, 'store.db'));
});
afterEach(() => store.close());

const line = (i: number, text = `Report ${i}. The river rose by ${i} centimetres overnight, officials said.`) =>
  JSON.stringify({ id: `r-${i}`, title: `Report ${i}`, text, published: '2021-10-08' });

describe('ingest pipeline', () => {
  it('analyses the next batch while the current one is written', async () => {
    writeFileSync(join(dir, 'in.jsonl'), Array.from({ length: 6 }, (_, i) => line(i)).join('\n'));
    const events: string[] = [];
    const upsertMany = store.upsertMany.bind(store);
    store.upsertMany = async (items) => {
      events.push(`write ${items.map((it) => it.input.id).join(',')}`);
      return upsertMany(items);
    };
    const slowAnalyze = async (text: string, published?: string): Promise<Analysis> => {
      events.push(`analyse ${/Report (\d+)/.exec(text)![1]}`);
      await new Promise((r) => setTimeout(r, 5));
      return analyze(text, published);
    };
    const report = await ingestPaths([dir], { store, analyze: slowAnalyze, batchSize: 2 });
    expect(report.added).toBe(6);
    // The analyses of articles 2 and 3 are under way before the batch of 0 and 1 is written.
    expect(events.indexOf('analyse 2')).toBeLessThan(events.indexOf('write r-0,r-1'));
    expect(events.filter((e) => e.startsWith('write'))).toEqual(['write r-0,r-1', 'write r-2,r-3', 'write r-4,r-5']);
  });

  it('writes in input order when later analyses finish first, so the first copy of a duplicate is the one kept', async () => {
    const same = 'The same wire story, filed twice by two desks.';
    writeFileSync(
      join(dir, 'in.jsonl'),
      [line(0), line(1, same), line(2, `  ${same.toUpperCase()} `), line(3)].join('\n'),
    );
    // Each analysis takes less time than the one before: without ordered writes, the second copy
    // (r-2, analysed beside r-1) would be stored first and r-1 reported as its duplicate.
    let calls = 0;
    const fasterEachTime = async (text: string, published?: string): Promise<Analysis> => {
      await new Promise((r) => setTimeout(r, Math.max(0, 40 - 15 * calls++)));
      return analyze(text, published);
    };
    const report = await ingestPaths([dir], { store, analyze: fasterEachTime, batchSize: 1 });
    expect(report.added).toBe(3);
    expect(report.skipped).toEqual([expect.objectContaining({ reason: 'duplicate of r-1' })]);
    expect((await store.listArticles()).map((a) => a.id).sort()).toEqual(['r-0', 'r-1', 'r-3']);
  });
});
