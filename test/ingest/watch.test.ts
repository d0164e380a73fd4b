import { appendFileSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ingestPaths } from '../../src/store/ingest/ingest.js';
import { watchFolder, type FolderWatcher } from '../../src/store/ingest/watch.js';
import { watchAndIngest } from '../../src/store/ingest/watch-ingest.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { analyze } from '../../src/text/analyze.js';
import { tempDir } from '../store/temp-dir.js';

const base = tempDir('briefbot-watch-');
let n = 0;
const freshDir = () => {
  const dir = join(base, `w-${++n}`);
  mkdirSync(dir);
  return dir;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resolves when check() holds, polling; fails after a generous deadline. */
async function eventually(check: () => boolean | Promise<boolean>, what: string, deadlineMs = 15_000): Promise<void> {
  const end = Date.now() + deadlineMs;
  while (Date.now() < end) {
    if (await check()) return;
    await sleep(50);
  }
  throw new Error(`timed out waiting for ${what}`);
}

let watcher: FolderWatcher | undefined;
afterEach(async () => {
  await watcher?.close();
  watcher = undefined;
});

describe('folder watcher', () => {
  for (const mode of ['events', 'polling'] as const) {
    it(`picks up a dropped file and the running store answers from it (${mode})`, async () => {
      const dir = freshDir();
      const store = await openSqliteStore(join(base, `store-${n}.db`));
      const batches: string[][] = [];
      watcher = await watchFolder(
        dir,
        async (paths) => {
          batches.push(paths);
          await ingestPaths(paths, { store, analyze });
        },
        { debounceMs: 100, usePolling: mode === 'polling', scanIntervalMs: mode === 'polling' ? 100 : 0 },
      );
      mkdirSync(join(dir, 'sub'));
      writeFileSync(
        join(dir, 'sub', 'dropped.md'),
        '---\nid: dropped\ntitle: Dropped in\n---\nThe lighthouse keeper retired on Sunday.\n',
      );
      await eventually(async () => (await store.get('dropped')) !== undefined, 'the dropped article');
      expect(batches).toEqual([[join(dir, 'sub', 'dropped.md')]]);
      expect((await store.searchSentences(['lighthouse']))[0].articleId).toBe('dropped');
      await watcher.close();
      await store.close();
    });
  }

  it('ingests dropped files through watchAndIngest and reports what was added', async () => {
    const dir = freshDir();
    const store = await openSqliteStore(join(base, `store-${n}.db`));
    const reports: { added: number; paths: string[] }[] = [];
    watcher = await watchAndIngest(
      dir,
      { store, analyze },
      { debounceMs: 100, scanIntervalMs: 0, onReport: (r, paths) => reports.push({ added: r.added, paths }) },
    );
    writeFileSync(
      join(dir, 'feed.jsonl'),
      '{"id":"w1","title":"Weir","text":"The weir was rebuilt."}\n{"id":"w2","title":"Mill","text":"The mill turned again."}\n',
    );
    await eventually(() => reports.length > 0, 'the ingest report');
    expect(reports).toEqual([{ added: 2, paths: [join(dir, 'feed.jsonl')] }]);
    expect((await store.get('w2'))!.title).toBe('Mill');
    await watcher.close();
    await store.close();
  });

  for (const mode of ['events', 'polling'] as const) {
    it(`removes a deleted file's articles, a deleted folder's, and a moved file's under its old name only (${mode})`, async () => {
      const dir = freshDir();
      const store = await openSqliteStore(join(base, `store-${n}.db`));
      mkdirSync(join(dir, 'old'));
      writeFileSync(join(dir, 'start.txt'), 'Dam opens\n\nThe new dam opened on Monday to cheers from the valley.\n');
      writeFileSync(
        join(dir, 'old', 'a.jsonl'),
        '{"id":"a1","title":"Weir","text":"The weir was rebuilt."}\n{"id":"a2","title":"Mill","text":"The mill turned again."}\n',
      );
      writeFileSync(join(dir, 'old', 'b.md'), '---\nid: b1\ntitle: Bridge\n---\nThe bridge was painted green.\n');
      writeFileSync(join(dir, 'moving.md'), '---\nid: m1\ntitle: Moving\n---\nThe ferry changed its timetable.\n');
      // What the bot does at start: ingest the folder, then watch it.
      await ingestPaths([dir], { store, analyze });
      expect(await store.articleCount()).toBe(5);
      const removals: { ids: string[]; paths: string[] }[] = [];
      const polling = mode === 'polling';
      watcher = await watchAndIngest(
        dir,
        { store, analyze },
        {
          debounceMs: 100,
          usePolling: polling,
          scanIntervalMs: polling ? 100 : 0,
          onRemoved: (ids, paths) => removals.push({ ids, paths }),
        },
      );

      rmSync(join(dir, 'start.txt'));
      await eventually(async () => (await store.articleCount()) === 4, 'the deleted file’s article to go');
      expect(await store.searchSentences(['dam'])).toEqual([]);

      rmSync(join(dir, 'old'), { recursive: true });
      await eventually(async () => (await store.articleCount()) === 1, 'the deleted folder’s articles to go');
      expect(removals.flatMap((r) => r.ids).sort()).toEqual(['a1', 'a2', 'b1', expect.stringMatching(/^start-/)]);

      renameSync(join(dir, 'moving.md'), join(dir, 'moved.md'));
      await eventually(
        async () => (await store.searchSentences(['ferry'])).length === 1 && removals.some((r) => r.ids.includes('m1')),
        'the moved file to be read again',
      );
      await eventually(async () => (await store.get('m1')) !== undefined, 'the moved article under its id');
      await watcher.close();
      await store.close();
    });
  }

  it('waits until a file written in several chunks stops growing, then reports it once', async () => {
    const dir = freshDir();
    const seen: { path: string; size: number }[] = [];
    watcher = await watchFolder(
      dir,
      async (paths) => {
        const { statSync } = await import('node:fs');
        for (const p of paths) seen.push({ path: p, size: statSync(p).size });
      },
      { debounceMs: 400, scanIntervalMs: 0 },
    );
    const file = join(dir, 'slow.txt');
    const chunk = 'Another paragraph of the slowly written story.\n\n';
    writeFileSync(file, 'Slow story\n\n');
    for (let i = 0; i < 5; i++) {
      await sleep(60); // well inside the 400 ms quiet time
      appendFileSync(file, chunk);
    }
    const full = Buffer.byteLength('Slow story\n\n') + 5 * Buffer.byteLength(chunk);
    await eventually(() => seen.length > 0, 'the finished file');
    await sleep(1000);
    expect(seen).toEqual([{ path: file, size: full }]);
  });

  it('ignores dotfiles, READMEs and editor temp files, and does not report files present at start', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'old.txt'), 'Old story\n\nAlready there at start.');
    const seen: string[] = [];
    watcher = await watchFolder(dir, async (paths) => void seen.push(...paths), {
      debounceMs: 100,
      scanIntervalMs: 200,
    });
    writeFileSync(join(dir, '.draft.txt'), 'hidden');
    writeFileSync(join(dir, 'README.md'), '# readme');
    writeFileSync(join(dir, 'story.txt.swp'), 'swap');
    writeFileSync(join(dir, 'new.txt'), 'New story\n\nArrived later.');
    await eventually(() => seen.length > 0, 'the new file');
    await sleep(800);
    expect(seen).toEqual([join(dir, 'new.txt')]);
  });

  it('keeps watching after onFiles fails, reporting the error', async () => {
    const dir = freshDir();
    const errors: unknown[] = [];
    const seen: string[] = [];
    watcher = await watchFolder(
      dir,
      async (paths) => {
        seen.push(...paths);
        if (seen.length === 1) throw new Error('ingest failed');
      },
      { debounceMs: 100, scanIntervalMs: 0, onError: (e) => errors.push(e) },
    );
    writeFileSync(join(dir, 'one.txt'), 'One\n\nFirst.');
    await eventually(() => errors.length === 1, 'the reported error');
    writeFileSync(join(dir, 'two.txt'), 'Two\n\nSecond.');
    await eventually(() => seen.length === 2, 'the second file');
    expect(seen).toEqual([join(dir, 'one.txt'), join(dir, 'two.txt')]);
  });
});
