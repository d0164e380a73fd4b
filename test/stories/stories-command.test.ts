import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { consoleHarness } from '../console/console-harness.js';
import { makeTestBot, type TestBot } from '../helpers/test-bot.js';
import { KNOWN } from './story-fixtures.js';

let dir: string;
let store: string;
let corpus: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'briefbot-stories-cli-'));
  store = join(dir, 'store.db');
  corpus = join(dir, 'known.jsonl');
  writeFileSync(corpus, KNOWN.map(({ story: _label, ...a }) => JSON.stringify(a)).join('\n'));
  const r = await runCli(['ingest', corpus, '--store', store]);
  expect(r.stdout).toMatch(/Added 12, updated 0, skipped 0/);
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const storiesJson = async (...args: string[]) => {
  const r = await runCli(['stories', ...args, '--json', '--store', store]);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as {
    stories: { id: number; headline: string; articleIds: string[]; firstSeen: string; lastUpdated: string }[];
  };
};

describe('briefbot stories --json', () => {
  it('prints exactly {"stories": [{id, headline, articleIds, firstSeen, lastUpdated}]}, every story, largest and newest first', async () => {
    const out = await storiesJson('--all');
    expect(Object.keys(out)).toEqual(['stories']);
    for (const s of out.stories)
      expect(Object.keys(s)).toEqual(['id', 'headline', 'articleIds', 'firstSeen', 'lastUpdated']);
    expect(out.stories.map((s) => s.articleIds.length)).toEqual([3, 3, 2, 1, 1, 1, 1]);
    expect(out.stories.flatMap((s) => s.articleIds).sort()).toEqual(KNOWN.map((a) => a.id).sort());
    const fire = out.stories[0];
    expect(fire).toMatchObject({
      articleIds: ['leeds-fire-1', 'leeds-fire-2', 'leeds-fire-3'],
      firstSeen: '2005-03-01T06:00:00.000Z',
      lastUpdated: '2005-03-02T11:00:00.000Z',
    });
    // Equal sizes: newest first; the singletons from the newest down.
    expect(out.stories.slice(3).map((s) => s.lastUpdated)).toEqual(
      [...out.stories.slice(3).map((s) => s.lastUpdated)].sort().reverse(),
    );
  });

  it('keeps the window (--since) and the topic (--topic), and by default the latest day', async () => {
    expect((await storiesJson('--since', '2005-04-01')).stories.map((s) => s.articleIds)).toEqual([
      ['sainsbury-results'],
      ['tesco-results'],
    ]);
    expect((await storiesJson('--all', '--topic', 'Glazer')).stories.map((s) => s.articleIds.length)).toEqual([3, 2]);
    expect((await storiesJson()).stories.map((s) => s.articleIds)).toEqual([['sainsbury-results']]);
  });

  it('treats query syntax in a topic as plain words: results, never a search error', async () => {
    const out = await storiesJson('--all', '--topic', '"Glazer*" ^united: (NEAR');
    expect(out.stories.map((s) => s.articleIds)).toEqual([['glazer-united-1', 'glazer-united-2', 'glazer-united-3']]);
  });

  it('refuses a date it cannot read and --since with --all, with a clear message and exit code 2', async () => {
    const bad = await runCli(['stories', '--since', 'last tuesday', '--store', store]);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toContain('"last tuesday" is not a date');
    const both = await runCli(['stories', '--since', '2005-01-01', '--all', '--store', store]);
    expect(both.code).toBe(2);
    expect(both.stdout).toContain('either since or all');
  });
});

describe('/stories in chat', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await makeTestBot({ articles: [corpus] });
  }, 60_000);
  afterAll(async () => bot?.close());

  it('shows the top stories with their size and sources; a topic keeps only its stories', async () => {
    const chat = await consoleHarness(bot.bot);
    try {
      const all = await chat.invoke('stories', 'all:true');
      expect(all).toContain('7 stories in the store, 12 articles');
      expect(all).toContain(
        '1. Huge blaze destroys Leeds warehouse: 3 articles from Wire Two, Wire One (2005-03-01 to 2005-03-02)',
      );
      const glazer = await chat.invoke('stories', 'Manchester United all:true');
      expect(glazer).toContain('1 story about “Manchester United” in the store, 3 articles');
      expect(glazer).not.toContain('Lightning');
    } finally {
      await chat.close();
    }
  });
});
