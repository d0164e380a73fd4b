import { join, sep } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ArticleStore } from '../../src/store/article-store.js';
import { fileArticleId } from '../../src/store/ingest/identity.js';
import { article } from './analysis-fixture.js';

const folder = join(sep, 'srv', 'articles');
const inFolder = (...parts: string[]) => join(folder, ...parts);

const talks = article(
  [
    {
      text: 'Blinken met Ebrard in Mexico City on Friday.',
      entities: [{ text: 'Ebrard', type: 'person', key: 'marcelo ebrard' }],
      dates: [{ text: 'Friday', date: '2021-10-08', inferred: true }],
    },
    'The harbour talks lasted two hours.',
  ],
  {
    people: [{ key: 'marcelo ebrard', name: 'Marcelo Ebrard', mentions: 1 }],
    quotes: [{ speakerKey: 'marcelo ebrard', text: 'We agreed.', sentenceIdx: 1, direct: true }],
  },
);
const feedOne = article(['Fentanyl seizures rose at the border.']);
const feedTwo = article(['Extradition requests were filed in Oaxaca.']);
const odd = article(['A folder named with percent signs holds this one.']);
const legacy = article(['An article stored before files were recorded.']);

/** removeArticles and the date source: what `briefbot remove`, the watcher and "(date from file time)" rely on. */
export function removeArticlesSuite(store: () => ArticleStore): void {
  describe('removing articles and recording where dates came from', () => {
    beforeEach(async () => {
      const s = store();
      await s.upsert(
        {
          id: 'talks',
          title: 'Talks',
          source: 'Wire',
          url: 'https://news.example/talks',
          published: '2021-10-08',
          publishedFrom: 'text',
          file: inFolder('talks.txt'),
          text: talks.text,
        },
        talks.analysis,
      );
      await s.upsert(
        {
          id: 'feed-1',
          title: 'Seizures',
          source: 'Border Feed',
          published: '2021-10-09',
          file: inFolder('feeds', 'border.xml'),
          text: feedOne.text,
        },
        feedOne.analysis,
      );
      await s.upsert(
        {
          id: 'feed-2',
          title: 'Extradition',
          source: 'Border Feed',
          file: inFolder('feeds', 'border.xml'),
          text: feedTwo.text,
        },
        feedTwo.analysis,
      );
      await s.upsert(
        {
          id: 'odd',
          title: 'Odd',
          source: 'Wire',
          published: '2021-10-10',
          publishedInferred: true,
          file: join(sep, 'srv', 'articles%_x', 'odd.txt'),
          text: odd.text,
        },
        odd.analysis,
      );
    });

    it('records which source each date came from', async () => {
      const s = store();
      expect((await s.get('talks'))?.publishedFrom).toBe('text');
      expect((await s.get('feed-1'))?.publishedFrom).toBe('metadata');
      expect(await s.get('feed-2')).toMatchObject({ publishedFrom: 'ingest-time', publishedInferred: true });
      expect(await s.get('odd')).toMatchObject({ publishedFrom: 'file-time', publishedInferred: true });
      expect((await s.listArticles()).find((a) => a.id === 'talks')?.publishedFrom).toBe('text');
    });

    it('removes one article by id with its sentences, people, quotes, dates and search entries', async () => {
      const s = store();
      const before = await s.changeVersion();
      expect(await s.removeArticles({ id: 'talks' })).toEqual(['talks']);
      expect(await s.get('talks')).toBeUndefined();
      expect(await s.sentencesOf('talks')).toEqual([]);
      expect(await s.searchSentences(['harbour'])).toEqual([]);
      expect(await s.searchArticles(['harbour'])).toEqual([]);
      expect(await s.countSentences(['harbour'], 10)).toBe(0);
      expect(await s.datedSentences()).toEqual([]);
      expect(await s.personKeys()).toEqual([]);
      expect(await s.personQuotes(['marcelo ebrard'])).toEqual([]);
      expect((await s.stats()).articles).toBe(3);
      expect(await s.changeVersion()).not.toBe(before);
      // The others are untouched and still found.
      expect((await s.searchSentences(['fentanyl'])).map((h) => h.articleId)).toEqual(['feed-1']);
    });

    it('removes by url, by source (any case) and by the file or folder the articles were read from', async () => {
      const s = store();
      expect(await s.removeArticles({ url: 'https://news.example/talks' })).toEqual(['talks']);
      expect((await s.removeArticles({ file: inFolder('feeds', 'border.xml') })).sort()).toEqual(['feed-1', 'feed-2']);
      expect(await s.removeArticles({ folder: folder })).toEqual([]);
      // % and _ in a folder name are taken literally, not as wildcards.
      expect(await s.removeArticles({ folder: join(sep, 'srv', 'articles%_x') })).toEqual(['odd']);
      expect(await s.articleCount()).toBe(0);
    });

    it('removes every article of a source, and nothing when nothing matches', async () => {
      const s = store();
      expect(await s.removeArticles({ id: 'no-such-id' })).toEqual([]);
      expect(await s.removeArticles({ source: 'nobody' })).toEqual([]);
      expect((await s.removeArticles({ source: 'border feed' })).sort()).toEqual(['feed-1', 'feed-2']);
      expect((await s.listArticles()).map((a) => a.id).sort()).toEqual(['odd', 'talks']);
    });

    it('finds an article stored before its file was recorded, by the id ingest derives from the path, or once a re-read fills the file in', async () => {
      const s = store();
      const path = inFolder('old', 'legacy.txt');
      await s.upsert({ id: fileArticleId(path), title: 'Legacy', text: legacy.text }, legacy.analysis);
      expect(await s.removeArticles({ file: path })).toEqual([fileArticleId(path)]);
      await s.upsert({ id: 'legacy', title: 'Legacy', text: legacy.text }, legacy.analysis);
      expect(await s.removeArticles({ folder: inFolder('old') })).toEqual([]);
      // Reading the same content from its file again (a duplicate) records the file.
      expect((await s.upsert({ title: 'Legacy', text: legacy.text, file: path }, legacy.analysis)).status).toBe(
        'skipped',
      );
      expect(await s.removeArticles({ folder: inFolder('old') })).toEqual(['legacy']);
    });
  });
}
