import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHIPPED_ARTICLES } from '../helpers/test-bot.js';
import { runCli } from './run-cli.js';

let dir: string;
let store: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'briefbot-cli-'));
  store = join(dir, 'store.db');
  const r = await runCli(['ingest', SHIPPED_ARTICLES, '--store', store]);
  expect(r.stderr).toBe('');
  expect(r.stdout).toMatch(/Added 1, updated 0, skipped 0/);
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('briefbot ingest', () => {
  it('reports a second ingest of the same content as skipped, with the reason', async () => {
    const r = await runCli(['ingest', SHIPPED_ARTICLES, '--store', store, '--json']);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ added: 0, updated: 0 });
    expect(report.skipped[0].reason).toMatch(/duplicate/);
  });

  it('ingests the readable files of a batch and names each file it skipped', async () => {
    const batch = join(dir, 'batch');
    const own = join(dir, 'own.db');
    await import('node:fs').then((fs) => fs.mkdirSync(batch));
    writeFileSync(
      join(batch, 'good.txt'),
      'Officials met in Oaxaca on Monday to discuss water rights.\n\nThe meeting ended without a deal, a spokesperson said.',
    );
    writeFileSync(join(batch, 'binary.txt'), Buffer.from([0x00, 0x01, 0x02, 0xff, 0x00, 0x10, 0x00, 0x00]));
    writeFileSync(
      join(batch, 'latin1.txt'),
      Buffer.from('Reunión en Querétaro: el ministro habló de seguridad pública y cooperación.', 'latin1'),
    );
    const r = await runCli(['ingest', batch, '--store', own, '--json']);
    const report = JSON.parse(r.stdout);
    expect(report.added).toBe(2);
    expect(report.skipped).toHaveLength(1);
    expect(report.skipped[0].origin).toContain('binary.txt');
    expect(report.skipped[0].reason).toMatch(/binary/i);
  });
});

describe('briefbot ask', () => {
  it('answers a question with the quoted, cited sentence', async () => {
    const r = await runCli(['ask', 'Who is the State Department spokesperson?', '--store', store, '--json']);
    const out = JSON.parse(r.stdout);
    expect(out.answered).toBe(true);
    expect(out.answer).toMatch(/Ned Price/);
    expect(out.citations[0]).toMatchObject({
      articleId: expect.any(String),
      title: expect.any(String),
      published: '2021-10-08',
    });
    expect(out.citations[0].quote).toMatch(/Ned Price/);
  });

  it('reads one question per line from standard input and writes one JSON object per line, in order', async () => {
    const questions = [
      'What does the new arrangement replace?',
      'What did the Brazilian finance minister say about tariffs?',
      '',
    ];
    const r = await runCli(['ask', '--json', '--store', store], { input: `${questions.join('\n')}\n` });
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    expect(lines[0].answered).toBe(true);
    expect(lines[0].answer).toMatch(/Merida/);
    expect(lines[1]).toMatchObject({ answered: false, citations: [] });
    expect(lines[1].answer).toMatch(/not in the store/i);
    expect(lines[2]).toMatchObject({ answered: false, error: 'MISSING_OPTION' });
  });

  it('refuses an empty question and one over 500 characters with exit code 2 and a clear message', async () => {
    const empty = await runCli(['ask', '', '--store', store]);
    expect(empty.code).toBe(2);
    expect(empty.stdout).toMatch(/give a question/i);
    const long = await runCli(['ask', 'why '.repeat(130), '--store', store]);
    expect(long.code).toBe(2);
    expect(long.stdout).toMatch(/500 characters/);
  });

  it('treats FTS5 query syntax in questions and searches as plain words', async () => {
    for (const q of ['"unbalanced quote', 'Merida AND OR NOT', 'fent* ^price col:umn -minus (paren', 'NEAR(a b)']) {
      const ask = await runCli(['ask', q, '--store', store, '--json']);
      expect(ask.code, q).not.toBe(1);
      expect(() => JSON.parse(ask.stdout), q).not.toThrow();
      const search = await runCli(['search', q, '--store', store, '--json']);
      expect(search.code, q).not.toBe(1);
      expect(search.stderr, q).toBe('');
    }
  }, 60_000);
});

describe('briefbot usage errors', () => {
  it('names an unknown command and exits 2', async () => {
    const r = await runCli(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Unknown command "frobnicate"/);
  });

  it('names an unknown option and exits 2', async () => {
    const r = await runCli(['ask', 'who?', '--colour', 'red', '--store', store]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/colour/);
  });

  it('refuses a store file that is not a database, and leaves the file untouched', async () => {
    const notDb = join(dir, 'notes.db');
    writeFileSync(notDb, 'these are my notes, not a database\n'.repeat(100));
    const before = readFileSync(notDb);
    const r = await runCli(['sources', '--store', notDb]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(notDb);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(readFileSync(notDb).equals(before)).toBe(true);
  });
});

describe('briefbot summarize', () => {
  it('prints the chosen sentences in the text’s own order, as JSON on request', async () => {
    const text = readFileSync(join(SHIPPED_ARTICLES, 'us-mexico-security-dialogue.md'), 'utf8').replace(
      /^---[\s\S]*?---/,
      '',
    );
    const r = await runCli(['summarize', '--sentences', '3', '--json', '-'], { input: text });
    const { sentences } = JSON.parse(r.stdout);
    expect(sentences).toHaveLength(3);
    const positions = sentences.map((s: string) => text.indexOf(s));
    expect(positions.every((p: number) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('refuses --sentences and --ratio together', async () => {
    const r = await runCli(['summarize', '--sentences', '2', '--ratio', '0.5', '-'], { input: 'One. Two. Three.' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not both/);
  });
});
