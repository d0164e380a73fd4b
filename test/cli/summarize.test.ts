import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const BODY = [
  'The harbour reopened on Monday after the storm had kept every boat in port for a week.',
  'Fishing crews returned to sea at dawn, and the first catch was landed by noon.',
  'The mayor thanked the volunteers who cleared debris from the quays over the weekend.',
];

const FILES: Record<string, string | Buffer> = {
  'story.txt': `Harbour reopens after storm\n\n${BODY.join(' ')}\n`,
  'story.html': `<!doctype html><html><head><title>Harbour reopens after storm</title><meta property="og:title" content="Harbour reopens after storm"></head><body><nav><a href="/">Home</a></nav><article><h1>Harbour reopens after storm</h1>${BODY.map((s) => `<p>${s.replace('storm', '<a href="/storm">storm</a>').replace('dawn', '<em>dawn</em>')}</p>`).join('')}</article></body></html>`,
  'stories.jsonl': [
    JSON.stringify({ id: 'a', title: 'Harbour reopens', text: BODY.join(' ') }),
    JSON.stringify({
      id: 'b',
      title: 'Library opens',
      text: 'The new library opened on Tuesday with forty thousand books. Readers queued from dawn. The reading garden opens in spring.',
    }),
  ].join('\n'),
  'feed.rss': `<?xml version="1.0"?><rss version="2.0"><channel><title>Coast Wire</title><item><title>Harbour reopens</title><guid>cw-1</guid><description>&lt;p&gt;${BODY[0]}&lt;/p&gt;&lt;p&gt;${BODY[1]}&lt;/p&gt;</description></item></channel></rss>`,
  'binary.dat': Buffer.from([0x00, 0x01, 0x02, 0xff, 0x00, 0x10, 0x00, 0x00, 0x7f, 0x00]),
  'empty.txt': '',
  'blank.txt': '   \n\n  \n',
};

describe('briefbot summarize reads every format as ingest does', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'briefbot-summarize-'));
    for (const [name, content] of Object.entries(FILES)) writeFileSync(join(dir, name), content);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const summarize = (name: string, ...flags: string[]) => runCli(['summarize', ...flags, join(dir, name)]);

  it('summarises a .txt article’s body, not only its title line', async () => {
    const r = await summarize('story.txt', '--sentences', '3');
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual(BODY);
  });

  it('summarises HTML as text: no tags, no navigation, the headline not counted as a sentence', async () => {
    const r = await summarize('story.html', '--sentences', '2', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.title).toBe('Harbour reopens after storm');
    expect(out.sentences).toHaveLength(2);
    expect(r.stdout).not.toMatch(/<|Home|Harbour reopens after storm"\]/);
    expect(out.sentences.every((s: string) => BODY.includes(s))).toBe(true);
  });

  it('summarises each article of JSON Lines and RSS under its title, without raw markup', async () => {
    const jsonl = await summarize('stories.jsonl', '--sentences', '1');
    expect(jsonl.code).toBe(0);
    expect(jsonl.stdout).toMatch(/^Harbour reopens\n {2}\S/);
    expect(jsonl.stdout).toContain('\n\nLibrary opens\n  ');
    expect(jsonl.stdout).not.toMatch(/[{}"]/);
    const rss = await summarize('feed.rss', '--json');
    expect(JSON.parse(rss.stdout)).toEqual({ title: 'Harbour reopens', sentences: BODY.slice(0, 2) });
  });

  it('refuses binary and empty input with a clear message and exit code 2, printing nothing on stdout', async () => {
    for (const [name, why] of [
      ['binary.dat', 'binary file'],
      ['empty.txt', 'empty file'],
      ['blank.txt', 'empty file'],
    ]) {
      const r = await summarize(name);
      expect(r.code, name).toBe(2);
      expect(r.stdout, name).toBe('');
      expect(r.stderr, name).toBe(`briefbot: Cannot summarize ${join(dir, name)}: ${why}.\n`);
    }
    const stdin = await runCli(['summarize', '-'], { input: '' });
    expect(stdin.code).toBe(2);
    expect(stdin.stderr).toBe('briefbot: Cannot summarize standard input: empty file.\n');
  });

  it('reads standard input by its content: HTML piped in is read as HTML', async () => {
    const r = await runCli(['summarize', '--sentences', '1', '-'], { input: String(FILES['story.html']) });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('<');
    expect(BODY).toContain(r.stdout.trim());
  });
});
