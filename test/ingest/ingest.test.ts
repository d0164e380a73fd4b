import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteArticleStore } from '../../src/store/sqlite/sqlite-store.js';
import { ingestPaths } from '../../src/store/ingest/ingest.js';
import { analyze } from '../../src/text/analyze.js';
import { tempDir } from '../store/temp-dir.js';
import { SAMPLE, writeTree } from './ingest-fixtures.js';

const base = tempDir('briefbot-ingest-');
let n = 0;
let store: SqliteArticleStore;
let root: string;

beforeEach(async () => {
  n++;
  root = join(base, `case-${n}`);
  mkdirSync(root);
  store = await openSqliteStore(join(base, `store-${n}.db`));
});
afterEach(async () => {
  await store.close();
});

const ingest = (paths: string[], onProgress?: (done: number, total: number) => void) =>
  ingestPaths(paths, { store, analyze, onProgress });

describe('ingesting files and folders', () => {
  it('reads every format in a folder tree, skipping dotfiles, READMEs and SQLite files', async () => {
    writeTree(root, {
      'harbour.txt': SAMPLE.text,
      'bridge.md': SAMPLE.markdown,
      'web/library.html': SAMPLE.html,
      'data/items.json': SAMPLE.json,
      'data/more/stream.jsonl': SAMPLE.jsonl,
      'feeds/coast.xml': SAMPLE.rss,
      '.hidden.txt': 'A hidden draft that must not be read.',
      '.git/notes.txt': 'Not an article either.',
      'README.md': '# About this folder\n\nDrop files here.',
      'old.db': 'x',
    });
    const report = await ingest([root]);
    expect(report.skipped).toEqual([
      { origin: join(root, 'data/more/stream.jsonl'), reason: expect.stringMatching(/^line 2: invalid JSON/) },
    ]);
    expect(report).toMatchObject({ added: 8, updated: 0, files: 6 });
    const stats = await store.stats();
    expect(stats.articles).toBe(8);
    const titles = (await store.listArticles()).map((a) => a.title).sort();
    expect(titles).toEqual(
      [
        'Harbour reopens',
        'Bridge repairs begin',
        'Library opens',
        'Market prices',
        'School concert',
        'Rail strike',
        'Ferry timetable',
        'Lighthouse',
      ].sort(),
    );
    expect((await store.get('md-bridge'))!).toMatchObject({
      source: 'City Desk',
      published: '2024-03-02',
      publishedInferred: false,
    });
    expect((await store.get('cw-1'))!.text).toBe('The lighthouse was repainted red and white.');
    expect((await store.searchSentences(['harbour']))[0].text).toBe('The harbour reopened on Monday after the storm.');
    expect(await store.searchArticles(['hidden'])).toEqual([]);
  });

  it('adds nothing when the same folder is ingested again: every article is a duplicate', async () => {
    writeTree(root, { 'harbour.txt': SAMPLE.text, 'bridge.md': SAMPLE.markdown, 'items.json': SAMPLE.json });
    expect((await ingest([root])).added).toBe(4);
    const again = await ingest([root]);
    expect(again).toMatchObject({ added: 0, updated: 0 });
    expect(again.skipped.map((s) => s.reason).sort()).toEqual(
      [
        'duplicate of json-1',
        'duplicate of json-2',
        'duplicate of md-bridge',
        expect.stringMatching(/^duplicate of harbour-/),
      ].sort(),
    );
    expect((await store.stats()).articles).toBe(4);
  });

  it('replaces the article of an edited file, keeping its id', async () => {
    const file = join(root, 'harbour.txt');
    writeFileSync(file, SAMPLE.text);
    await ingest([file]);
    const [before] = await store.listArticles();
    writeFileSync(file, 'Harbour reopens\n\nThe harbour reopened on Monday. Ferries resumed on Tuesday.\n');
    const report = await ingest([file]);
    expect(report).toMatchObject({ added: 0, updated: 1, skipped: [] });
    const after = (await store.get(before.id))!;
    expect(after).toMatchObject({ version: 2, title: 'Harbour reopens' });
    expect(after.text).toContain('Ferries resumed');
  });

  it("uses the file's modification time as an inferred date when the article states none", async () => {
    const file = join(root, 'undated.txt');
    writeFileSync(file, 'Undated note\n\nThe committee met again.');
    const mtime = new Date('2023-06-15T09:30:00Z');
    utimesSync(file, mtime, mtime);
    await ingest([file]);
    const [meta] = await store.listArticles();
    expect(meta).toMatchObject({ published: '2023-06-15T09:30:00.000Z', publishedInferred: true });
  });

  it('skips binary, empty and unreadable files with their reasons, decodes windows-1252 with a note, and stores the rest', async () => {
    writeTree(root, {
      'good.txt': SAMPLE.text,
      'photo.jpg': Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]),
      'blob.bin': Buffer.from(Array.from({ length: 64 }, (_, i) => i % 8)),
      'empty.txt': '',
      'latin.txt': Buffer.from(
        'Caf\xe9 reopens\n\nThe caf\xe9 on the square reopened with \x93new\x94 owners.',
        'latin1',
      ),
      'utf16.txt': Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        Buffer.from('Choir news\n\nThe choir sang in the cathedral.', 'utf16le'),
      ]),
      'bad.json': '{"title": ',
    });
    symlinkSync(join(root, 'no-such-target.txt'), join(root, 'dangling.txt'));
    if (process.platform !== 'win32') execFileSync('mkfifo', [join(root, 'pipe.txt')]);
    const missing = join(root, 'missing.md');
    const report = await ingest([root, missing]);
    const reasons = Object.fromEntries(report.skipped.map((s) => [s.origin.slice(root.length + 1), s.reason]));
    expect(reasons).toEqual({
      'photo.jpg': 'binary file',
      'blob.bin': 'binary file',
      'empty.txt': 'empty file',
      'bad.json': expect.stringMatching(/^invalid JSON/),
      'dangling.txt': expect.stringMatching(/^cannot read \(ENOENT/),
      'missing.md': expect.stringMatching(/^cannot read \(ENOENT/),
      ...(process.platform !== 'win32' ? { 'pipe.txt': 'not a regular file' } : {}),
    });
    expect(report.notes).toEqual([
      { origin: join(root, 'latin.txt'), note: 'not valid UTF-8; decoded as windows-1252' },
    ]);
    expect(report.added).toBe(3);
    const titles = (await store.listArticles()).map((a) => a.title).sort();
    expect(titles).toEqual(['Café reopens', 'Choir news', 'Harbour reopens']);
    const cafe = (await store.listArticles()).find((a) => a.title === 'Café reopens')!;
    expect((await store.get(cafe.id))!.text).toBe('The café on the square reopened with “new” owners.');
  });

  it.runIf(process.platform === 'linux')(
    'skips a file that fails while being read (EIO) and stores the rest',
    async () => {
      writeTree(root, { 'good.txt': SAMPLE.text });
      // /proc/self/mem is a regular file that cannot be read from offset 0, even by root.
      symlinkSync('/proc/self/mem', join(root, 'broken.txt'));
      const report = await ingest([root]);
      expect(report.skipped).toEqual([
        { origin: join(root, 'broken.txt'), reason: expect.stringMatching(/^cannot read \(EIO/) },
      ]);
      expect(report.added).toBe(1);
    },
  );

  it.skipIf(process.getuid?.() === 0)('skips a file without read permission (EACCES) and stores the rest', async () => {
    writeTree(root, { 'good.txt': SAMPLE.text, 'secret.txt': 'Secret\n\nNot for us.' });
    chmodSync(join(root, 'secret.txt'), 0o000);
    const report = await ingest([root]);
    expect(report.skipped).toEqual([
      { origin: join(root, 'secret.txt'), reason: expect.stringMatching(/^cannot read \(EACCES/) },
    ]);
    expect(report.added).toBe(1);
  });

  it('streams JSON Lines, skipping each bad line by number and storing the good ones', async () => {
    const lines = [];
    for (let i = 1; i <= 30; i++) {
      lines.push(
        i % 10 === 0
          ? '{not json'
          : JSON.stringify({ id: `n-${i}`, title: `Note ${i}`, text: `Council note number ${i} was filed.` }),
      );
    }
    lines.push(JSON.stringify({ id: 'no-text', title: 'Nothing' }));
    const file = join(root, 'notes.jsonl');
    writeFileSync(file, `\uFEFF${lines.join('\r\n')}\r\n`);
    const report = await ingestPaths([file], { store, analyze, batchSize: 7 });
    expect(report.added).toBe(27);
    expect(report.skipped.map((s) => s.reason)).toEqual([
      expect.stringMatching(/^line 10: invalid JSON/),
      expect.stringMatching(/^line 20: invalid JSON/),
      expect.stringMatching(/^line 30: invalid JSON/),
      'line 31: no "text" field',
    ]);
    expect((await store.get('n-1'))!.title).toBe('Note 1');
  });

  it('skips an article the analyser fails on, with the reason, and stores the others', async () => {
    writeTree(root, { 'good.txt': SAMPLE.text, 'odd.txt': 'Odd story\n\nThis text breaks the analyser.' });
    const picky = (text: string, published?: string) => {
      if (text.includes('breaks the analyser')) throw new Error('unexpected token');
      return analyze(text, published);
    };
    const report = await ingestPaths([root], { store, analyze: picky });
    expect(report.added).toBe(1);
    expect(report.skipped).toEqual([{ origin: join(root, 'odd.txt'), reason: 'analysis failed: unexpected token' }]);
  });

  it('stops with STORE_LOCKED when another program holds the store, keeping the batches already written', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 6; i++) files[`s${i}.txt`] = `Story ${i}\n\nThe council met for session ${i}.`;
    writeTree(root, files);
    const path = join(base, `locked-${n}.db`);
    const locked = await openSqliteStore(path, { busyTimeoutMs: 50 });
    const Database = (await import('better-sqlite3')).default;
    const other = new Database(path);
    // The other program takes the lock as soon as the first batch is in.
    const upsertMany = locked.upsertMany.bind(locked);
    let batches = 0;
    locked.upsertMany = async (items) => {
      const results = await upsertMany(items);
      if (batches++ === 0) other.exec('BEGIN EXCLUSIVE');
      return results;
    };
    await expect(ingestPaths([root], { store: locked, analyze, batchSize: 2 })).rejects.toMatchObject({
      code: 'STORE_LOCKED',
    });
    other.exec('ROLLBACK');
    other.close();
    expect((await locked.stats()).articles).toBe(2);
    locked.upsertMany = upsertMany;
    // Run again once the lock is gone: the rest is added, the first two are duplicates.
    const again = await ingestPaths([root], { store: locked, analyze });
    expect(again).toMatchObject({ added: 4 });
    expect(again.skipped.every((s) => s.reason.startsWith('duplicate of'))).toBe(true);
    await locked.close();
  });

  it('lets timers and I/O run between the analyses of a batch, so a bot stays responsive while ingesting', async () => {
    const many = Array.from({ length: 12 }, (_, i) => ({
      id: `r-${i}`,
      title: `Report ${i}`,
      text: `The river rose by ${i} centimetres overnight.`,
    }));
    writeFileSync(join(root, 'reports.json'), JSON.stringify(many));
    let calls = 0;
    let timerFired = false;
    let firedBeforeLast = false;
    const watching = (text: string, published?: string) => {
      calls++;
      if (calls === 1) {
        setTimeout(() => (timerFired = true), 0);
        // A timer is due no sooner than 1 ms: outlast that, so only the loop's turn decides.
        const until = Date.now() + 3;
        while (Date.now() < until);
      }
      if (calls === many.length) firedBeforeLast = timerFired;
      return analyze(text, published);
    };
    const report = await ingestPaths([root], { store, analyze: watching, batchSize: 100 });
    expect(report.added).toBe(12);
    expect(firedBeforeLast).toBe(true);
  });

  it('reports progress in bytes up to the total', async () => {
    writeTree(root, { 'a.txt': SAMPLE.text, 'b.md': SAMPLE.markdown });
    const calls: [number, number][] = [];
    await ingest([root], (done, total) => calls.push([done, total]));
    const total = Buffer.byteLength(SAMPLE.text) + Buffer.byteLength(SAMPLE.markdown);
    expect(calls.length).toBeGreaterThanOrEqual(2);
    expect(calls.every(([, t]) => t === total)).toBe(true);
    expect(calls.at(-1)).toEqual([total, total]);
    expect(calls.map(([d]) => d)).toEqual([...calls.map(([d]) => d)].sort((a, b) => a - b));
  });

  it('ingests the raw collected article: inferred title, no page debris, the file time as an inferred date', async () => {
    const raw = fileURLToPath(new URL('../fixtures/articles/us-mexico-security-dialogue.txt', import.meta.url));
    const report = await ingest([raw]);
    expect(report).toMatchObject({ added: 1, skipped: [] });
    const [meta] = await store.listArticles();
    expect(meta.title).toMatch(/^U\.S\. Secretary of State Antony Blinken/);
    expect(meta.publishedInferred).toBe(true);
    const stored = (await store.get(meta.id))!;
    expect(stored.text).not.toMatch(/leave a reply/i);
    expect(stored.text.endsWith('Some information for this report came from Reuters.')).toBe(true);
  });

  it('ingests the shipped articles/ folder: the first article with its headline and date, README left out', async () => {
    const shipped = fileURLToPath(new URL('../../articles', import.meta.url));
    const copy = join(root, 'articles');
    cpSync(shipped, copy, { recursive: true });
    const report = await ingest([copy]);
    expect(report).toMatchObject({ added: 1, updated: 0, skipped: [] });
    const stored = (await store.get('us-mexico-security-dialogue'))!;
    expect(stored).toMatchObject({
      title: 'U.S. and Mexico hold High-Level Security Dialogue in Mexico City',
      published: '2021-10-08',
      publishedInferred: false,
    });
    const hits = await store.searchSentences(['Lopez', 'Obrador']);
    expect(hits[0].text).toContain('Andrés Manuel López Obrador');
    // The raw file and the shipped copy hold the same article: ingesting both keeps one.
    const raw = fileURLToPath(new URL('../fixtures/articles/us-mexico-security-dialogue.txt', import.meta.url));
    expect((await ingest([raw])).skipped).toEqual([
      { origin: raw, reason: 'duplicate of us-mexico-security-dialogue' },
    ]);
  });
});
