import { describe, expect, it } from 'vitest';
import type { ArticleStore } from '../../src/store/article-store.js';
import { openStories } from '../../src/stories/open-stories.js';
import { KNOWN, partition, write } from './story-fixtures.js';

/**
 * Story grouping on one store backend: known stories come out as labelled, one article at a time
 * groups exactly as all at once, and story ids stay in the store.
 */
export function groupingSuite(
  name: string,
  open: () => Promise<ArticleStore>,
  reopen: (s: ArticleStore) => Promise<ArticleStore>,
): void {
  describe(`story grouping (${name})`, () => {
    it('groups the known stories as labelled: two Glazer bids apart, a fire told in different words together, neighbours alone', async () => {
      const store = await open();
      try {
        const stories = openStories(store)!;
        await write(store, KNOWN);
        await stories.catchUp();
        const storyOf = await stories.storyIdsOf(KNOWN.map((a) => a.id));
        const gold = new Map<string, number>();
        const labels = [...new Set(KNOWN.map((a) => a.story))];
        for (const a of KNOWN) gold.set(a.id, labels.indexOf(a.story));
        expect(partition(storyOf)).toEqual(partition(gold));
        // The two bids share a name and a word for what they are, and still are two stories.
        expect(storyOf.get('glazer-united-1')).not.toBe(storyOf.get('glazer-lightning-1'));
      } finally {
        await store.close();
      }
    });

    it('gives the same stories one article at a time as all at once, and in uneven batches', async () => {
      const one = await open();
      const all = await open();
      const uneven = await open();
      try {
        const s1 = openStories(one)!;
        for (const a of KNOWN) {
          await write(one, [a]);
          await s1.catchUp();
        }
        const s2 = openStories(all)!;
        await write(all, KNOWN);
        await s2.catchUp();
        const s3 = openStories(uneven)!;
        for (const [from, to] of [
          [0, 5],
          [5, 6],
          [6, KNOWN.length],
        ]) {
          await write(uneven, KNOWN.slice(from, to));
          await s3.catchUp();
        }
        const ids = KNOWN.map((a) => a.id);
        const expected = partition(await s2.storyIdsOf(ids));
        expect(partition(await s1.storyIdsOf(ids))).toEqual(expected);
        expect(partition(await s3.storyIdsOf(ids))).toEqual(expected);
        // Not trivially equal: the set has stories of several articles.
        expect(expected.some((g) => g.length === 3)).toBe(true);
      } finally {
        await Promise.all([one.close(), all.close(), uneven.close()]);
      }
    });

    it('keeps story ids in the store: reopened, the same articles have the same stories and new ones join them', async () => {
      const store = await open();
      const first = KNOWN.filter((a) => a.id !== 'leeds-fire-3');
      await write(store, first);
      const grouped = openStories(store)!;
      await grouped.catchUp();
      const before = await grouped.storyIdsOf(first.map((a) => a.id));
      const again = await reopen(store);
      await store.close();
      try {
        const stories = openStories(again)!;
        expect(await stories.storyIdsOf(first.map((a) => a.id))).toEqual(before);
        await write(
          again,
          KNOWN.filter((a) => a.id === 'leeds-fire-3'),
        );
        expect(await stories.catchUp()).toBe(1);
        const after = await stories.storyIdsOf(['leeds-fire-1', 'leeds-fire-3']);
        expect(after.get('leeds-fire-3')).toBe(before.get('leeds-fire-1'));
      } finally {
        await again.close();
      }
    });

    it('lists stories largest and newest first with their headline, articles and dates; a window keeps only recent ones', async () => {
      const store = await open();
      try {
        const stories = openStories(store)!;
        await write(store, KNOWN);
        const all = await stories.list();
        expect(all.map((s) => s.articles.length)).toEqual([3, 3, 2, 1, 1, 1, 1]);
        // Equal sizes: the story that moved last comes first (the fire, in March, before the February bid).
        expect(all[0].articles.map((a) => a.id)).toContain('leeds-fire-1');
        expect(all[0].firstSeen).toBe('2005-03-01T06:00:00Z');
        expect(all[0].lastUpdated).toBe('2005-03-02T11:00:00Z');
        expect(all[0].articles.map((a) => a.title)).toContain(all[0].headline);
        const april = await stories.list({ since: '2005-04-01T00:00:00Z' });
        expect(april.map((s) => s.headline).sort()).toEqual([
          "Sainsbury's sales slide continues",
          'Tesco profits top £2bn',
        ]);
        const glazer = await stories.list({ topic: 'Glazer' });
        expect(glazer.map((s) => s.articles.length)).toEqual([3, 2]);
      } finally {
        await store.close();
      }
    });

    it('drops a removed article from its story', async () => {
      const store = await open();
      try {
        const stories = openStories(store)!;
        await write(store, KNOWN);
        await stories.catchUp();
        await removeArticle(store, 'glazer-united-2');
        const [united] = (await stories.list({ topic: 'Manchester United' })).filter((s) =>
          s.articles.some((a) => a.id === 'glazer-united-1'),
        );
        expect(united.articles.map((a) => a.id)).toEqual(['glazer-united-1', 'glazer-united-3']);
      } finally {
        await store.close();
      }
    });
  });
}

/** Deletes an article row the way a removal would (its story row goes by the foreign key). */
async function removeArticle(store: ArticleStore, id: string): Promise<void> {
  const host = store as unknown as {
    db: {
      prepare?: (sql: string) => { run(...a: unknown[]): unknown };
      query?: (sql: string, p: unknown[]) => Promise<unknown>;
    };
  };
  if (host.db.prepare) host.db.prepare('DELETE FROM articles WHERE id = ?').run(id);
  else await host.db.query!('DELETE FROM articles WHERE id = $1', [id]);
}
