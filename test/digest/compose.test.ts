import { describe, expect, it } from 'vitest';
import { composeDigest, leadSummarizer, type DigestArticle } from '../../src/digest/compose.js';
import type { ArticleMeta } from '../../src/store/article-store.js';

const WM = '2026-03-01T08:00:00.000Z';
const TO = '2026-03-02T08:00:00.000Z';
const clock = () => new Date(TO);

function article(id: string, over: Partial<ArticleMeta>, sentences: string[]): DigestArticle {
  return {
    meta: { id, title: `Title ${id}`, source: 'Wire', authors: [], publishedInferred: false, ingestedAt: '2026-03-01T10:00:00.000Z', updatedAt: '2026-03-01T10:00:00.000Z', contentHash: id, version: 1, ...over },
    sentences,
  };
}

const fresh = article('new-a', { published: '2026-03-01', ingestedAt: '2026-03-01T09:00:00.000Z', updatedAt: '2026-03-01T09:00:00.000Z' }, ['Talks resumed on Sunday.', 'A statement followed.']);
const newer = article('new-b', { published: '2026-03-02', ingestedAt: '2026-03-02T07:00:00.000Z', updatedAt: '2026-03-02T07:00:00.000Z' }, ['A framework was signed.', 'Critics objected.']);
const updated = article('old-c', { published: '2026-02-20', ingestedAt: '2026-02-20T10:00:00.000Z', updatedAt: '2026-03-01T12:00:00.000Z', version: 2 }, ['The correction changed the tally.', 'Other text.']);

describe('composeDigest (pure)', () => {
  it('puts new developments first, newest first, and marks updated articles "updated"', async () => {
    const r = (await composeDigest({ clock, subscription: { timezone: 'UTC' }, articles: [updated, fresh, newer], summarize: leadSummarizer, window: { from: WM, to: TO }, sentencesPerArticle: 1 }))!;
    const headings = r.sections.map((s) => s.heading).filter(Boolean);
    expect(headings).toEqual(['Title new-b — Wire', 'Title new-a — Wire', 'Title old-c (updated) — Wire']);
    expect(r.sections[0].text).toContain('2 new, 1 updated since');
    expect(r.visibility).toBe('channel');
  });

  it('cites every point with the quoted sentence of its article', async () => {
    const r = (await composeDigest({ clock, subscription: { timezone: 'America/Mexico_City', topic: 'talks' }, articles: [fresh, newer], summarize: leadSummarizer, window: { from: WM, to: TO } }))!;
    const points = r.sections.flatMap((s) => s.text.split('\n')).filter((l) => l.startsWith('•'));
    expect(points).toHaveLength(4);
    for (const p of points) {
      const n = Number(/\[(\d+)\]$/.exec(p)![1]);
      const c = r.citations.find((x) => x.n === n)!;
      expect(p).toContain(c.quote);
      const source = [fresh, newer].find((a) => a.meta.id === c.articleId)!;
      expect(source.sentences).toContain(c.quote);
    }
    expect(r.title).toContain('Digest: talks');
  });

  it('drops summarizer output that is not in the article, keeping the digest citable', async () => {
    const inventive = () => ['The minister resigned in disgrace.'];
    const r = (await composeDigest({ clock, subscription: { timezone: 'UTC' }, articles: [fresh], summarize: inventive, window: { from: WM, to: TO } }))!;
    expect(r.citations.map((c) => c.quote)).toEqual(['Talks resumed on Sunday.']);
    expect(JSON.stringify(r)).not.toContain('resigned');
  });

  it('skips an empty digest for a quiet subscription and says "nothing new" otherwise', async () => {
    const quiet = await composeDigest({ clock, subscription: { timezone: 'UTC', quiet: true }, articles: [], summarize: leadSummarizer, window: { from: WM, to: TO } });
    expect(quiet).toBeNull();
    const loud = (await composeDigest({ clock, subscription: { timezone: 'UTC', topic: 'arms' }, articles: [], summarize: leadSummarizer, window: { from: WM, to: TO } }))!;
    expect(loud.sections[0].text).toMatch(/^Nothing new about "arms" since Sun 1 Mar, 08:00/);
    expect(loud.citations).toEqual([]);
  });

  it('gives the same digest for the same inputs (a repost after a crash says the same thing)', async () => {
    const input = { clock, subscription: { timezone: 'Asia/Tokyo' }, articles: [fresh, updated, newer], summarize: leadSummarizer, window: { from: WM, to: TO } };
    expect(await composeDigest(input)).toEqual(await composeDigest({ ...input, articles: [newer, fresh, updated] }));
  });

  it('caps the number of articles and says how many more there are', async () => {
    const many = Array.from({ length: 12 }, (_, i) => article(`a${i}`, { published: `2026-03-01T0${i % 10}:00:00Z` }, [`Sentence ${i}.`]));
    const r = (await composeDigest({ clock, subscription: { timezone: 'UTC' }, articles: many, total: 20, summarize: leadSummarizer, window: { from: WM, to: TO }, maxArticles: 5 }))!;
    expect(r.sections.filter((s) => s.heading)).toHaveLength(5);
    expect(r.sections[0].text).toContain('15 more');
  });
});
