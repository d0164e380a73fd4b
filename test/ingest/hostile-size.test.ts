import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ingestPaths } from '../../src/store/ingest/ingest.js';
import { inferTitle } from '../../src/store/ingest/infer-title.js';
import { dropLongTokens, limitProse, MAX_ARTICLE_CHARS, MAX_TOKEN_CHARS } from '../../src/store/ingest/prose-limits.js';
import { openSqliteStore, type SqliteArticleStore } from '../../src/store/sqlite/sqlite-store.js';
import { analyze } from '../../src/text/analyze.js';
import { parse } from '../../src/text/nlp.js';
import { tempDir } from '../store/temp-dir.js';

const PROSE = 'The harbour reopened on Monday after the storm, and fishing boats returned at dawn. ';
const words = (chars: number) =>
  PROSE.repeat(Math.ceil(chars / PROSE.length))
    .slice(0, chars)
    .replace(/[.]/g, ',');
const longestRun = (s: string) => Math.max(0, ...s.split(/\s+/).map((w) => w.length));

describe('prose limits', () => {
  it('removes runs without a space longer than the limit, and keeps long URLs and ordinary words', () => {
    const url = `https://news.example/${'a'.repeat(150)}`;
    const blob = 'QUJD'.repeat(1000);
    const r = dropLongTokens(`Officials said ${blob} the port ${url} reopened.`);
    expect(r.text).toBe(`Officials said  the port ${url} reopened.`);
    expect(r).toMatchObject({ dropped: 1, droppedChars: blob.length });
  });

  it('cuts an overlong article at a paragraph or sentence end, and says so', () => {
    const long = `${PROSE.repeat(2000)}\n\n${PROSE.repeat(2000)}\n\n${PROSE.repeat(2000)}`;
    const r = limitProse(long);
    expect(r.text.length).toBeLessThanOrEqual(MAX_ARTICLE_CHARS);
    expect(r.text.endsWith('dawn.')).toBe(true);
    expect(r.notes).toEqual([expect.stringMatching(/^cut to its first [\d,]+ of [\d,]+ characters/)]);
  });

  it('drops long lines of data that are mostly digits and symbols, not prose', () => {
    const table = Array.from({ length: 200 }, (_, i) => `${i},${i * 7};${i * 13}`).join(' | ');
    const r = limitProse(`${PROSE}\n${table}\n${PROSE}`);
    expect(r.text).toBe(`${PROSE}\n${PROSE}`.trim());
    expect(r.notes).toEqual(['removed 1 line of data (mostly digits or symbols)']);
  });

  it('leaves ordinary articles exactly as they are', () => {
    expect(limitProse(`${PROSE}\n\n${PROSE}`)).toEqual({ text: `${PROSE}\n\n${PROSE}`, notes: [] });
  });

  // Before the fix these took minutes (the lookbehind of infer-title.ts and wink's token pattern
  // both look back over the whole word): they would not finish within the test timeout.
  it('infers a title from a 300 kB word without reading the whole word', () => {
    const title = inferTitle(`${'x'.repeat(300_000)}. Then the news.`);
    expect(title.length).toBeLessThanOrEqual(101);
  });

  it('tokenises text holding a 300 kB word, keeping the offsets of the words around it', () => {
    const text = `Harbour ${'y'.repeat(300_000)} reopened.`;
    const { tokens } = parse(text);
    expect(tokens.map((t) => t.value)).toEqual(['Harbour', 'reopened', '.']);
    expect(text.slice(tokens[1].start, tokens[1].end)).toBe('reopened');
  });
});

describe('ingesting files that cannot be prose, at three sizes', () => {
  const base = tempDir('briefbot-hostile-size-');
  let store: SqliteArticleStore;
  let n = 0;
  beforeEach(async () => {
    store = await openSqliteStore(join(base, `store-${++n}.db`));
  });
  afterEach(async () => store.close());

  /** The real analyser, counting what it is given: the work of analysis is the size of its input. */
  function countingAnalyzer() {
    const sizes: number[] = [];
    const runs: number[] = [];
    return {
      sizes,
      runs,
      analyze: (text: string, published?: string) => {
        sizes.push(text.length);
        runs.push(longestRun(text));
        return analyze(text, published);
      },
    };
  }

  it.each([
    ['100 kB', 100_000],
    ['1 MB', 1_000_000],
    ['4 MB', 4_000_000],
  ])(
    "analyses at most one article's worth of a %s one-line file, so the work does not grow with the file",
    async (_label, size) => {
      const dir = join(base, `sizes-${size}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'one-line.txt'), words(size));
      writeFileSync(join(dir, 'blob-then-prose.txt'), `${'Z'.repeat(size)} ${PROSE}`);
      const counting = countingAnalyzer();
      const report = await ingestPaths([dir], { store, analyze: counting.analyze });
      expect(report.added).toBe(2);
      expect(Math.max(...counting.sizes)).toBeLessThanOrEqual(MAX_ARTICLE_CHARS);
      expect(Math.max(...counting.runs)).toBeLessThanOrEqual(MAX_TOKEN_CHARS);
      expect(counting.sizes.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(
        Math.min(size, MAX_ARTICLE_CHARS) + PROSE.length,
      );
      if (size > MAX_ARTICLE_CHARS)
        expect(report.notes.some((x) => x.origin.endsWith('one-line.txt') && /characters/.test(x.note))).toBe(true);
      expect(report.notes).toContainEqual({
        origin: join(dir, 'blob-then-prose.txt'),
        note: expect.stringMatching(/^removed 1 run of more than 200 characters/),
      });
    },
  );

  it('skips a file that is nothing but one huge word, with the reason', async () => {
    const file = join(base, 'blob.txt');
    writeFileSync(file, 'Q'.repeat(500_000));
    const report = await ingestPaths([file], { store, analyze });
    expect(report.added).toBe(0);
    expect(report.skipped).toEqual([
      {
        origin: file,
        reason: 'no prose: removed 1 run of more than 200 characters without a space (500,000 characters; not prose)',
      },
    ]);
  });

  it('skips a file whose reading outlasts its time budget, and goes on with the other files', async () => {
    const dir = join(base, 'budget');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'a-large.txt'), `Large file\n\n${PROSE.repeat(40)}`);
    writeFileSync(join(dir, 'b-small.txt'), `Small file\n\n${PROSE}`);
    // A budget no worker can meet: the large file is read in a worker and stopped; the small one inline.
    const report = await ingestPaths([dir], { store, analyze, inlineReadBytes: 1000, readBudgetMs: 1 });
    expect(report.added).toBe(1);
    expect(report.skipped).toEqual([
      {
        origin: join(dir, 'a-large.txt'),
        reason: 'took longer than 0.001 s to read (the limit for one file); skipped, the other files go on',
      },
    ]);
    expect((await store.listArticles()).map((a) => a.title)).toEqual(['Small file']);
  });

  it('reads a larger file in a worker within its budget, like any other', async () => {
    const file = join(base, 'worker.txt');
    writeFileSync(file, `Worker file\n\n${PROSE.repeat(40)}`);
    const report = await ingestPaths([file], { store, analyze, inlineReadBytes: 1000 });
    expect(report).toMatchObject({ added: 1, skipped: [] });
  });
});
