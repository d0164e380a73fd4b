import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

describe('briefbot remove', () => {
  let dir: string;
  let store: string;
  let articles: string;
  const sources = async () =>
    JSON.parse((await runCli(['sources', '--json', '--store', store])).stdout).data as { articles: number };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'briefbot-remove-'));
    store = join(dir, 'store.db');
    articles = join(dir, 'articles');
    mkdirSync(join(articles, 'wire'), { recursive: true });
    writeFileSync(join(articles, 'dam.txt'), 'Dam opens\n\nThe new dam opened on Monday to cheers from the valley.\n');
    writeFileSync(
      join(articles, 'wire', 'feed.jsonl'),
      [
        '{"id":"w1","title":"Weir","text":"The weir was rebuilt.","source":"River Wire"}',
        '{"id":"w2","title":"Mill","text":"The mill turned again.","source":"River Wire","url":"https://river.example/mill"}',
        '{"id":"w3","title":"Lock","text":"The lock gates were replaced.","source":"River Wire"}',
      ].join('\n'),
    );
    writeFileSync(
      join(articles, 'wire', 'bridge.md'),
      '---\nid: bridge\ntitle: Bridge\nsource: Town Desk\n---\nThe bridge was painted green.\n',
    );
    writeFileSync(
      join(articles, 'ferry.md'),
      '---\nid: ferry\ntitle: Ferry\nsource: Town Desk\n---\nThe ferry changed its timetable.\n',
    );
    await runCli(['ingest', articles, '--store', store]);
    expect((await sources()).articles).toBe(6);
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('removes an article by id, by url and by the file it was read from, saying how many went', async () => {
    const byId = await runCli(['remove', 'w1', '--store', store]);
    expect(byId).toMatchObject({ code: 0, stdout: 'Removed 1 article: w1.\n' });
    const byUrl = await runCli(['remove', 'https://river.example/mill', '--store', store]);
    expect(byUrl.stdout).toBe('Removed 1 article: w2.\n');
    // A deleted file's articles can still be removed by its path.
    rmSync(join(articles, 'dam.txt'));
    const byPath = await runCli(['remove', join(articles, 'dam.txt'), '--store', store, '--json']);
    expect(JSON.parse(byPath.stdout)).toMatchObject({ removed: 1, ids: [expect.stringMatching(/^dam-/)] });
    expect((await sources()).articles).toBe(3);
  });

  it('removes every article read from a folder, and every article of a source', async () => {
    const folder = await runCli(['remove', join(articles, 'wire'), '--store', store]);
    expect(folder.stdout).toBe('Removed 2 articles: bridge, w3.\n');
    const source = await runCli(['remove', '--source', 'town desk', '--store', store]);
    expect(source.stdout).toBe('Removed 1 article: ferry.\n');
    expect((await sources()).articles).toBe(0);
  });

  it('says when nothing matches and exits 1; without a target it prints the usage and exits 2', async () => {
    const none = await runCli(['remove', 'no-such-article', '--store', store]);
    expect(none.code).toBe(1);
    expect(none.stdout).toBe('Removed 0 articles.\n  nothing in the store matches "no-such-article"\n');
    const usage = await runCli(['remove', '--store', store]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('Usage: briefbot remove ID|URL|PATH...');
  });
});
