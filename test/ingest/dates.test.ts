import { utimesSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleStore } from '../../src/store/article-store.js';
import { datelineDate } from '../../src/store/ingest/dateline.js';
import { ingestPaths } from '../../src/store/ingest/ingest.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { analyze } from '../../src/text/analyze.js';
import { tempDir } from '../store/temp-dir.js';
import { writeTree } from './ingest-fixtures.js';

const FILE_TIME = new Date('2026-12-03T09:00:00Z');

const FILES = {
  'dateline.txt':
    'Mexico and U.S. agree on extraditions\n\nMEXICO CITY, Oct. 12, 2021 — Mexican officials said on Friday that the extradition talks had gone well.\n\nThe next round is planned for next month.\n',
  'dateline-line.txt':
    'Security talks resume\nOctober 18, 2021\n\nOfficials from both countries met again to discuss firearms trafficking.\n',
  'body-date.txt':
    'Officials reviewed the pact that was signed on March 3, 2019, and said it had worked.\n\nThey will meet again.\n',
  'dateline.html':
    '<!doctype html><html><head><title>Border talks</title></head><body><article><h1>Border talks</h1><p>WASHINGTON (AP) — Oct. 12, 2021 — Negotiators from both sides met again on Monday to discuss the flow of firearms across the border.</p><p>They said more meetings would follow before the end of the year, and that progress had been made.</p></article></body></html>',
  'json-ld.html':
    '<!doctype html><html><head><title>Fentanyl seizures</title><script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Example"},{"@type":"NewsArticle","headline":"Fentanyl seizures","datePublished":"2021-10-09T08:00:00Z"}]}</script></head><body><article><h1>Fentanyl seizures</h1><p>Border agents reported record fentanyl seizures this month, officials said in a statement on Saturday.</p><p>The figures were published by the customs agency on its website for the first time.</p></article></body></html>',
  'front-matter.md':
    '---\ntitle: Bridge repairs\npublished: 2024-03-02\n---\n\nMEXICO CITY, Oct. 12, 2021 — The metadata wins over a dateline in the text.\n',
  'undated.txt': 'Harbour reopens\n\nThe harbour reopened after the storm. Fishing boats returned at dawn.\n',
};

describe('article dates: metadata, then the text, then the file time', () => {
  const dir = tempDir('briefbot-dates-');
  let store: ArticleStore;
  let root: string;
  beforeEach(async () => {
    root = writeTree(join(dir, `run-${Date.now()}-${Math.random()}`), FILES);
    for (const name of Object.keys(FILES)) utimesSync(join(root, name), FILE_TIME, FILE_TIME);
    store = await openSqliteStore(join(root, 'store.db'));
    await ingestPaths([root], { store, analyze });
  });
  afterEach(async () => {
    await store.close();
  });

  const dated = async (title: string) => {
    const meta = (await store.listArticles()).find((a) => a.title === title);
    if (!meta) throw new Error(`no article titled ${title}`);
    return { published: meta.published, from: meta.publishedFrom, inferred: meta.publishedInferred };
  };

  it('dates plain text and HTML by the dateline or date line at the top, not by the file time', async () => {
    expect(await dated('Mexico and U.S. agree on extraditions')).toEqual({
      published: '2021-10-12',
      from: 'text',
      inferred: false,
    });
    expect(await dated('Security talks resume')).toEqual({ published: '2021-10-18', from: 'text', inferred: false });
    expect(await dated('Border talks')).toEqual({ published: '2021-10-12', from: 'text', inferred: false });
  });

  it('prefers the metadata (JSON-LD datePublished, front matter) over any date in the text', async () => {
    expect(await dated('Fentanyl seizures')).toEqual({
      published: '2021-10-09T08:00:00.000Z',
      from: 'metadata',
      inferred: false,
    });
    expect(await dated('Bridge repairs')).toEqual({ published: '2024-03-02', from: 'metadata', inferred: false });
  });

  it('falls back to the file time, flagged as a guess, when neither states a date', async () => {
    expect(await dated('Harbour reopens')).toEqual({
      published: FILE_TIME.toISOString(),
      from: 'file-time',
      inferred: true,
    });
    // A date inside a story sentence is an event, not when the article was published.
    const body = (await store.listArticles()).find((a) => a.title.startsWith('Officials reviewed the pact'));
    expect(body).toMatchObject({ published: FILE_TIME.toISOString(), publishedFrom: 'file-time' });
  });

  it('resolves a weekday in the text against the dateline date, so the timeline gets the right day', async () => {
    const events = await store.datedSentences();
    const friday = events.find((e) => e.text.startsWith('MEXICO CITY, Oct. 12, 2021'));
    // Tuesday 12 October 2021: "on Friday" is the 8th, not a Friday near the file's time in 2026.
    expect(friday?.date).toMatchObject({ date: '2021-10-08', inferred: true });
  });
});

describe('datelineDate', () => {
  const now = new Date('2026-12-03T00:00:00Z');
  it('reads full dates in a dateline or on a short line near the top', () => {
    expect(datelineDate('MEXICO CITY, Oct 12, 2021 (Reuters) - Mexico said it would act.', now)).toBe('2021-10-12');
    expect(datelineDate('By Ana Ruiz | Published Oct. 12, 2021\nBody text here.', now)).toBe('2021-10-12');
  });

  it('ignores weekdays, dates inside sentences, dates below the top and dates in the future', () => {
    expect(datelineDate('Blinken met Ebrard in Mexico City on Friday, officials said.', now)).toBeUndefined();
    expect(
      datelineDate(
        'Senior officials said on Oct. 12, 2021 — in a long statement that went on well past a short date line — that talks went well.',
        now,
      ),
    ).toBeUndefined();
    expect(datelineDate(`${'A line of the story.\n'.repeat(8)}October 18, 2021`, now)).toBeUndefined();
    expect(datelineDate('Summit planned\nDecember 25, 2030\n', now)).toBeUndefined();
  });
});
