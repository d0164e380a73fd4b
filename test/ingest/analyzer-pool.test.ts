import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createAnalyzerPool } from '../../src/store/ingest/analyzer-pool.js';
import { contentHash } from '../../src/store/ingest/identity.js';
import { ingestPaths } from '../../src/store/ingest/ingest.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { analyze } from '../../src/text/analyze.js';
import { tempDir } from '../store/temp-dir.js';

const raw = readFileSync(
  fileURLToPath(new URL('../fixtures/articles/us-mexico-security-dialogue.txt', import.meta.url)),
  'utf8',
);
const pool = createAnalyzerPool({ size: 2 });
afterAll(() => pool.close());

describe('analyzer worker pool', () => {
  it('gives the same analysis as the analyser run in the main thread, with the dedupe hash computed off the writing thread', async () => {
    expect(await pool.analyze(raw, '2021-10-08')).toEqual({
      ...analyze(raw, '2021-10-08'),
      contentHash: contentHash(raw),
    });
  });

  it('feeds ingest: articles analysed in workers are stored with their sentences and people', async () => {
    const dir = mkdtempSync(join(tempDir('briefbot-pool-'), 'in-'));
    const records = Array.from({ length: 6 }, (_, i) => ({
      id: `p-${i}`,
      title: `Briefing ${i}`,
      text: `Secretary of State Antony Blinken spoke in Mexico City on day ${i}. Marcelo Ebrard answered questions.`,
      published: '2021-10-08',
    }));
    writeFileSync(join(dir, 'batch.jsonl'), records.map((r) => JSON.stringify(r)).join('\n'));
    const store = await openSqliteStore(join(dir, 'store.db'));
    const report = await ingestPaths([dir], { store, analyze: pool.analyze, batchSize: 4 });
    expect(report).toMatchObject({ added: 6, skipped: [] });
    const sentences = await store.sentencesOf('p-3');
    expect(sentences.map((s) => s.text)).toEqual(analyze(records[3].text, '2021-10-08').sentences.map((s) => s.text));
    expect((await store.people()).map((p) => p.key)).toContain('antony blinken');
    await store.close();
  });

  it('refuses work after it is closed', async () => {
    const small = createAnalyzerPool({ size: 1 });
    await small.close();
    await expect(small.analyze('Some text.')).rejects.toThrow(/closed/);
  });
});
