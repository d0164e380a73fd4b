import { expect, it } from 'vitest';
import type { ArticleStore } from '../../src/store/article-store.js';
import { article } from './analysis-fixture.js';

const story = (id: string, ...sentences: string[]) => {
  const a = article(sentences, {
    people: [{ key: `${id} reporter`, name: `${id} Reporter`, mentions: 1 }],
  });
  return {
    input: { id, title: `Story ${id}`, source: 'Wire', published: '2024-05-01', text: a.text },
    analysis: a.analysis,
  };
};

const first = story('first', 'The harbour reopened on Monday after the storm.');
const revised = story('first', 'The harbour reopened on Tuesday after the storm, a day late.');
const second = story('second', 'Ferries resumed their crossings to the islands.');

/** Every read a cache might be built from; none of them may move the version. */
async function readEverything(store: ArticleStore): Promise<void> {
  await store.get('first');
  await store.sentencesOf('first');
  await store.stats();
  await store.articleCount();
  await store.searchArticles(['harbour']);
  await store.searchSentences(['harbour']);
  await store.countSentences(['harbour'], 10);
  await store.listArticles();
  await store.people();
  await store.personTallies();
  await store.personQuotes(['first reporter']);
  await store.personKeys();
  await store.sentenceTexts([{ articleId: 'first', idx: 0 }]);
  await store.datedSentences();
}

/**
 * changeVersion: callers keep whole-store reads (/who's index, cards, digests' windows) until it
 * moves, so it must move on every write, from this process or another, and only then. Tokens are
 * compared within one store instance only: two instances may spell the same state differently.
 */
export function changeVersionSuite(store: () => ArticleStore, openAgain: () => Promise<ArticleStore>): void {
  it('moves the change version when an article is added or replaced, and not when the store is only read', async () => {
    const s = store();
    const empty = await s.changeVersion();
    await readEverything(s);
    expect(await s.changeVersion()).toBe(empty);

    expect((await s.upsert(first.input, first.analysis)).status).toBe('added');
    const added = await s.changeVersion();
    expect(added).not.toBe(empty);
    await readEverything(s);
    expect(await s.changeVersion()).toBe(added);

    expect((await s.upsert(revised.input, revised.analysis)).status).toBe('updated');
    const replaced = await s.changeVersion();
    expect([empty, added]).not.toContain(replaced);
    await readEverything(s);
    expect(await s.changeVersion()).toBe(replaced);
  });

  it("shows each of two instances on one database (two processes) the other's writes", async () => {
    const here = store();
    const there = await openAgain();
    try {
      const hereBefore = await here.changeVersion();
      const thereBefore = await there.changeVersion();
      await there.upsert(first.input, first.analysis);
      expect(await here.changeVersion()).not.toBe(hereBefore);

      const thereAfterOwn = await there.changeVersion();
      expect(thereAfterOwn).not.toBe(thereBefore);
      await here.upsert(second.input, second.analysis);
      expect(await there.changeVersion()).not.toBe(thereAfterOwn);
    } finally {
      await there.close();
    }
  });

  it("answers whole-store reads it remembers with the other instance's writes included", async () => {
    const here = store();
    const there = await openAgain();
    try {
      await here.upsert(first.input, first.analysis);
      // Read (and so remember) once before the other process writes.
      expect((await here.stats()).articles).toBe(1);
      expect((await here.personTallies()).map((t) => t.key)).toEqual(['first reporter']);
      expect(await here.personKeys()).toEqual(['first reporter']);

      await there.upsert(second.input, second.analysis);
      expect((await here.stats()).articles).toBe(2);
      expect((await here.personTallies()).map((t) => t.key).sort()).toEqual(['first reporter', 'second reporter']);
      expect(await here.personKeys()).toEqual(['first reporter', 'second reporter']);
    } finally {
      await there.close();
    }
  });

  it('lets two instances write at once without an error, and each then reports a new version', async () => {
    const here = store();
    const there = await openAgain();
    try {
      const hereBefore = await here.changeVersion();
      const thereBefore = await there.changeVersion();
      const writes = Array.from({ length: 6 }, (_, i) => {
        const s = story(`racer${i}`, `Racer ${i} crossed the line in lane ${i}.`);
        return (i % 2 ? here : there).upsert(s.input, s.analysis);
      });
      expect((await Promise.all(writes)).map((r) => r.status)).toEqual(Array(6).fill('added'));
      expect(await here.changeVersion()).not.toBe(hereBefore);
      expect(await there.changeVersion()).not.toBe(thereBefore);
      expect(await here.articleCount()).toBe(6);
    } finally {
      await there.close();
    }
  });
}
