import { describe, expect, it } from 'vitest';
import { articleCitation, citeEachSourceOnce, dayOf } from '../../src/core/citations.js';
import { formatCitationLine, type Reply } from '../../src/core/reply.js';
import type { ArticleMeta } from '../../src/store/article-store.js';

const meta = (id: string, extra: Partial<ArticleMeta> = {}): ArticleMeta => ({
  id,
  title: `Title ${id}`,
  source: 'Wire',
  authors: [],
  publishedInferred: false,
  ingestedAt: '',
  updatedAt: '',
  contentHash: id,
  version: 1,
  published: '2021-10-08',
  url: `https://news.example/${id}`,
  ...extra,
});

const reply = (text: string, citations: Reply['citations']): Reply => ({
  sections: [{ text }],
  citations,
  visibility: 'ephemeral',
});

describe('each source cited once', () => {
  it('merges citations of one article into one, renumbering the markers and saying a repeated marker once', () => {
    const r = citeEachSourceOnce(
      reply('• First point. [1]\n• Second point. [2][3]\n• Third point. [4]', [
        articleCitation(meta('a'), 1, 'First point.'),
        articleCitation(meta('b'), 2, 'Second point.'),
        articleCitation(meta('a'), 3, 'Second point, as article a puts it.'),
        articleCitation(meta('a'), 4, 'Third point.'),
      ]),
    );
    expect(r.sections[0].text).toBe('• First point. [1]\n• Second point. [2][1]\n• Third point. [1]');
    expect(r.citations.map((c) => [c.n, c.articleId])).toEqual([
      [1, 'a'],
      [2, 'b'],
    ]);
    // Quotes the bullets already show are not repeated; the one they do not show stays.
    expect(r.citations.map((c) => c.quote)).toEqual(['Second point, as article a puts it.', '']);
    expect(citeEachSourceOnce(r)).toEqual(r);
  });

  it('keeps every number when no two citations share an article', () => {
    const r = citeEachSourceOnce(
      reply('One [2]. Two [5].', [
        articleCitation(meta('b'), 5, 'Quote b.'),
        articleCitation(meta('a'), 2, 'Quote a.'),
      ]),
    );
    expect(r.sections[0].text).toBe('One [2]. Two [5].');
    expect(r.citations.map((c) => [c.n, c.articleId, c.quote])).toEqual([
      [2, 'a', 'Quote a.'],
      [5, 'b', 'Quote b.'],
    ]);
  });

  it('drops a quote shown in the text whatever its quotation marks, markup or spacing', () => {
    const r = citeEachSourceOnce(
      reply('Source\n“He said  it was **very** productive.” [1]', [
        articleCitation(meta('a'), 1, 'He said it was "very productive."'),
      ]),
    );
    expect(r.citations[0].quote).toBe('');
    expect(formatCitationLine(r.citations[0])).toBe('[1] Title a (2021-10-08) <https://news.example/a>');
  });

  it('leaves a bracketed number that is no citation alone', () => {
    const r = citeEachSourceOnce(
      reply('The report [7] says so. [2] And more. [3]', [
        articleCitation(meta('x'), 2, 'Something else.'),
        articleCitation(meta('x'), 3, 'More.'),
      ]),
    );
    expect(r.sections[0].text).toBe('The report [7] says so. [1] And more. [1]');
  });

  it('says beside the date when it is a guess, in the citation and in listings', () => {
    const guessed = meta('g', {
      published: '2026-12-03T09:00:00.000Z',
      publishedInferred: true,
      publishedFrom: 'file-time',
    });
    expect(formatCitationLine(articleCitation(guessed, 1, 'A line.'))).toBe(
      '[1] Title g (2026-12-03, date from file time) <https://news.example/g>: “A line.”',
    );
    expect(dayOf(guessed)).toBe('2026-12-03, date from file time');
    expect(dayOf(meta('t', { publishedFrom: 'text' }))).toBe('2021-10-08');
    expect(dayOf(meta('i', { publishedFrom: 'ingest-time', publishedInferred: true }))).toBe(
      '2021-10-08, date from ingest time',
    );
  });
});
