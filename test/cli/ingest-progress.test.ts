import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ingestProgressBar } from '../../src/cli/ingest-progress.js';
import { ingestPaths } from '../../src/store/ingest/ingest.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { analyze } from '../../src/text/analyze.js';
import { tempDir } from '../store/temp-dir.js';

describe('the ingest progress bar', () => {
  const dir = tempDir('briefbot-progress-');

  it('counts the articles of one large JSON Lines file, with their rate and an ETA, not its bytes as "files"', async () => {
    const file = join(dir, 'bulk.jsonl');
    const lines = Array.from({ length: 300 }, (_, i) =>
      JSON.stringify({
        id: `a${i}`,
        title: `Story ${i}`,
        text: `Report number ${i} says the harbour reopened on day ${i}.`,
      }),
    );
    writeFileSync(file, `${lines.join('\n')}\n`);
    const out = new PassThrough();
    let drawn = '';
    out.on('data', (d: Buffer) => (drawn += String(d)));
    // A clock that moves 100 ms per look: 300 articles read in a known time, so the rate is checkable.
    let t = 0;
    const bar = ingestProgressBar(out, { force: true, now: () => (t += 100) });
    const store = await openSqliteStore(join(dir, 'store.db'));
    try {
      await ingestPaths([file], {
        store,
        analyze,
        onProgress: (done, total, detail) => bar.update(done, total, detail),
      });
      bar.stop();
    } finally {
      await store.close();
    }
    const last = drawn
      .trim()
      .split(/\r?\n|\r/)
      .filter(Boolean)
      .at(-1)!;
    expect(last).toMatch(/^ingest \[[█░]+\] 100% \| 300 articles \| [\d,]+ articles\/s \| ETA 0s$/);
    expect(drawn).not.toMatch(/files|\d{4,}\/\d{4,}/);
  });

  it('says how long is left from the share of the input read so far', () => {
    const out = new PassThrough();
    let drawn = '';
    out.on('data', (d: Buffer) => (drawn += String(d)));
    let t = 0;
    const bar = ingestProgressBar(out, { force: true, now: () => (t += 1000) });
    bar.update(0, 1000, { articlesRead: 0 });
    bar.update(250, 1000, { articlesRead: 1500 });
    bar.stop();
    // A quarter read in a few seconds: three times as long to go.
    const last = drawn
      .trim()
      .split(/\r?\n|\r/)
      .filter(Boolean)
      .at(-1)!;
    const [, rate, eta] = /\| 1,500 articles \| ([\d,]+) articles\/s \| ETA (\d+)s$/.exec(last)!;
    expect(Number(rate)).toBeGreaterThan(0);
    expect(Number(eta)).toBeGreaterThanOrEqual(6);
  });
});
