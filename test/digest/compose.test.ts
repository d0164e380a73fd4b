import { describe, expect, it } from 'vitest';
import type { DigestWindow } from '../../src/digest/article-source.js';
import { composeDigest, type ComposeInput } from '../../src/digest/compose.js';
import type { ArticleMeta } from '../../src/store/article-store.js';
import type { Story } from '../../src/stories/story-service.js';

const WM = '2026-03-01T08:00:00.000Z';
const TO = '2026-03-02T08:00:00.000Z';
const clock = () => new Date(TO);

/** Articles with their sentences; the sentence reader below serves them. */
const SENTENCES = new Map<string, string[]>();

function article(id: string, over: Partial<ArticleMeta>, sentences: string[]): ArticleMeta {
  SENTENCES.set(id, sentences);
  return {
    id,
    title: `Title ${id}`,
    source: 'Wire',
    authors: [],
    publishedInferred: false,
    published: '2026-03-01T10:00:00Z',
    ingestedAt: '2026-03-01T10:00:00.000Z',
    updatedAt: '2026-03-01T10:00:00.000Z',
    contentHash: id,
    version: 1,
    ...over,
  };
}

function story(id: number, articles: ArticleMeta[], headline = articles[0].title): Story {
  const times = articles.map((a) => a.published!).sort();
  return {
    id,
    headline,
    headlineArticleId: articles.find((a) => a.title === headline)?.id ?? articles[0].id,
    articles,
    firstSeen: times[0],
    lastUpdated: times[times.length - 1],
  };
}

const sentences: ComposeInput['sentences'] = async (meta) =>
  (SENTENCES.get(meta.id) ?? []).map((text, idx) => ({ idx, text }));

// A story of three new articles (two sources), a story that grew by one article, a single article.
const talks1 = article('talks-1', { title: 'Talks open in Mexico City', source: 'Wire One' }, [
  'Senior officials opened two days of security talks in Mexico City on Friday.',
  'The delegations said fentanyl trafficking would top the agenda.',
  'A joint statement is expected at the close of the talks.',
]);
const talks2 = article(
  'talks-2',
  { title: 'Arms flow dominates talks', source: 'Wire Two', published: '2026-03-01T14:00:00Z' },
  [
    'Mexican negotiators pressed for curbs on the flow of firearms across the border.',
    'Most guns seized at crime scenes were bought in the United States, Mexico says.',
    'Senior officials opened two days of security talks in Mexico City on Friday.',
  ],
);
const talks3 = article(
  'talks-3',
  {
    title: 'Security framework signed',
    source: 'Unknown',
    url: 'https://www.example.test/framework',
    published: '2026-03-02T07:00:00Z',
  },
  [
    'The two governments signed a bicentennial framework for security cooperation on Saturday.',
    'The framework replaces the Merida Initiative after more than a decade.',
    'Critics said the text lacked measurable targets for cutting violence.',
  ],
);
const oldBid = article(
  'bid-0',
  {
    title: 'Glazer bid for United',
    published: '2026-02-20T09:00:00Z',
    ingestedAt: '2026-02-20T09:00:00.000Z',
    updatedAt: '2026-02-20T09:00:00.000Z',
  },
  [
    'Malcolm Glazer has made a fresh approach to the board of Manchester United.',
    'The American already owns almost a third of the club through his investment vehicle.',
  ],
);
const newBid = article(
  'bid-1',
  { title: 'United board weighs Glazer plan', source: 'Unknown', published: '2026-03-01T18:00:00Z' },
  [
    'The Manchester United board is studying a revised business plan from Malcolm Glazer this week.',
    'Malcolm Glazer has made a fresh approach to the board of Manchester United.',
    'Supporters groups said they would refuse to renew season tickets in protest.',
  ],
);
const avocado = article('avocado', { title: 'Avocado exports rise', source: 'Farm News' }, [
  'Avocado exports from Michoacan rose sharply this season, growers said.',
  'Prices at the border eased late in the month after a strong start.',
]);

const window = (
  articles: ArticleMeta[],
  stories: Story[],
  topical?: DigestWindow['topical'],
  mentionsOnly?: boolean,
): DigestWindow => ({ articles, stories, topical, mentionsOnly });
/** A topic match as the store's search gives it: a score and the sentences that hold the topic. */
const match = (articleId: string, score: number, sentences: number[], about = true) =>
  [articleId, { articleId, score, sentences: new Set(sentences), about }] as const;
const base = {
  clock,
  subscription: { timezone: 'UTC' },
  window: { from: WM, to: TO },
  sentences,
  posted: [],
  platform: 'console' as const,
};

const points = (text: string) => text.split('\n').filter((l) => l.startsWith('• '));

describe('composeDigest: a briefing by story (pure)', () => {
  it('groups the window by story, largest first, with counts that add up and sources by name', async () => {
    const stories = [story(1, [talks1, talks2, talks3]), story(2, [oldBid, newBid]), story(3, [avocado])];
    const { reply } = await composeDigest({
      ...base,
      digest: window([talks1, talks2, talks3, newBid, avocado], stories),
    });
    const [header, ...rest] = reply!.sections;
    expect(header.text).toBe('5 new articles since Sun 1 Mar, 08:00 UTC, in 3 stories. Showing all 3.');
    expect(rest.map((s) => s.heading)).toEqual([
      'Talks open in Mexico City',
      'Glazer bid for United',
      'Avocado exports rise',
    ]);
    expect(rest[0].text.split('\n')[0]).toBe('3 new articles from example.test, Wire One, Wire Two');
    // "Unknown" is never shown: a site's host when there is a url, nothing otherwise.
    expect(rest[1].text.split('\n')[0]).toBe('1 new article (2 articles in all)');
    expect(JSON.stringify(reply)).not.toMatch(/Unknown/);
    const shown = rest.map((s) => Number(/^(\d+) new article/.exec(s.text)![1]));
    expect(shown.reduce((a, b) => a + b, 0)).toBe(5);
  });

  it('gives two or three key points across the story, each cited with a sentence of its article, none repeated', async () => {
    const stories = [story(1, [talks1, talks2, talks3])];
    const { reply, points: chosen } = await composeDigest({
      ...base,
      digest: window([talks1, talks2, talks3], stories),
    });
    const lines = points(reply!.sections[1].text);
    expect(lines.length).toBe(3);
    expect(new Set(chosen.map((p) => p.articleId)).size).toBeGreaterThan(1);
    for (const line of lines) {
      const n = Number(/\[(\d+)\]$/.exec(line)![1]);
      const c = reply!.citations.find((x) => x.n === n)!;
      expect(line).toBe(`• ${c.quote} [${n}]`);
      expect(SENTENCES.get(c.articleId)).toContain(c.quote);
    }
    // The opening sentence both talks-1 and talks-2 carry is one point, not two.
    expect(lines.filter((l) => l.includes('opened two days of security talks')).length).toBeLessThanOrEqual(1);
    expect(new Set(lines.map((l) => l.replace(/ \[\d+\]$/, ''))).size).toBe(lines.length);
  });

  it('shows only what is new on a story the channel saw: no point posted before comes back', async () => {
    const stories = [story(2, [oldBid, newBid])];
    const posted = [
      {
        articleId: 'bid-0',
        idx: 0,
        text: 'Malcolm Glazer has made a fresh approach to the board of Manchester United.',
        postedAt: '2026-02-20T10:00:00.000Z',
      },
      {
        articleId: 'bid-0',
        idx: 1,
        text: 'The American already owns almost a third of the club through his investment vehicle.',
        postedAt: '2026-02-20T10:00:00.000Z',
      },
    ];
    const { reply, points: chosen } = await composeDigest({ ...base, digest: window([newBid], stories), posted });
    const section = reply!.sections[1];
    expect(section.text).toContain('following up the story posted here on Fri 20 Feb');
    const lines = points(section.text);
    expect(lines.length).toBeGreaterThan(0);
    // bid-1 repeats bid-0's opening word for word: it is not posted again, from either article.
    for (const line of lines) expect(line).not.toContain('fresh approach to the board');
    expect(chosen.every((p) => p.articleId === 'bid-1')).toBe(true);
  });

  it('orders a topic digest by relevance, not size, and quotes only sentences on the topic', async () => {
    const stories = [story(1, [talks1, talks2, talks3]), story(3, [avocado])];
    const topical = new Map([match('avocado', 9, [0, 1]), match('talks-1', 1, [1])]);
    const { reply } = await composeDigest({
      ...base,
      subscription: { timezone: 'UTC', topic: 'avocado' },
      digest: window([talks1, avocado], stories, topical),
    });
    expect(reply!.sections.slice(1).map((s) => s.heading)).toEqual([
      'Avocado exports rise',
      'Talks open in Mexico City',
    ]);
    expect(reply!.sections[0].text).toContain('2 new articles about "avocado"');
    // The talks story has three articles, but the only sentence on the topic is talks-1's second.
    expect(points(reply!.sections[2].text)).toEqual([`• ${SENTENCES.get('talks-1')![1]} [3]`]);
  });

  it('says so when the window only mentions the topic in passing', async () => {
    const topical = new Map([match('talks-1', 1, [1], false)]);
    const { reply } = await composeDigest({
      ...base,
      subscription: { timezone: 'UTC', topic: 'fentanyl' },
      digest: window([talks1], [story(1, [talks1])], topical, true),
    });
    expect(reply!.sections[0].text).toBe(
      '1 new article mentioning "fentanyl" since Sun 1 Mar, 08:00 UTC, in 1 story. Showing it.',
    );
    expect(points(reply!.sections[1].text)).toEqual([`• ${SENTENCES.get('talks-1')![1]} [1]`]);
  });

  it('drops the least important stories whole when the platform budget is reached, and says where they are', async () => {
    const many: Story[] = [];
    const all: ArticleMeta[] = [];
    for (let i = 0; i < 14; i++) {
      const metas = Array.from({ length: 14 - i }, (_, j) =>
        article(`s${i}-a${j}`, { title: `Story ${i} report ${j}`, published: `2026-03-01T1${j % 10}:00:00Z` }, [
          `Story ${i} began when officials in region ${i} announced a review of the port authority budget on Monday morning.`,
          `Report ${j} on story ${i} says the review covers contracts signed over the last ten years in region ${i}.`,
          `Critics of the plan in region ${i} said the review would take far too long to change anything at all.`,
        ]),
      );
      all.push(...metas);
      many.push(story(i + 1, metas));
    }
    const { reply } = await composeDigest({ ...base, platform: 'discord', digest: window(all, many) });
    const shownStories = reply!.sections.filter((s) => s.heading);
    expect(shownStories.length).toBeGreaterThan(0);
    expect(shownStories.length).toBeLessThan(14);
    // The largest stories are the ones kept.
    expect(shownStories.map((s) => s.heading)).toEqual(many.slice(0, shownStories.length).map((s) => s.headline));
    const more = reply!.sections[reply!.sections.length - 1].text;
    const rest = many.slice(shownStories.length);
    expect(more).toBe(
      `${rest.length} more stories (${rest.reduce((n, s) => n + s.articles.length, 0)} articles) not shown here: see /stories.`,
    );
    expect(reply!.sections[0].text).toBe(
      `${all.length} new articles since Sun 1 Mar, 08:00 UTC, in 14 stories. Showing ${shownStories.length}, largest and newest first.`,
    );
  });

  it('skips an empty digest for a quiet subscription and says "nothing new" otherwise', async () => {
    const quiet = await composeDigest({
      ...base,
      subscription: { timezone: 'UTC', quiet: true },
      digest: window([], []),
    });
    expect(quiet.reply).toBeNull();
    const loud = await composeDigest({
      ...base,
      subscription: { timezone: 'UTC', topic: 'arms' },
      digest: window([], []),
    });
    expect(loud.reply!.sections[0].text).toMatch(/^Nothing new about "arms" since Sun 1 Mar, 08:00/);
    expect(loud.reply!.citations).toEqual([]);
  });

  it('gives the same digest for the same inputs in any order (a repost after a crash says the same thing)', async () => {
    const stories = [story(1, [talks1, talks2, talks3]), story(2, [oldBid, newBid]), story(3, [avocado])];
    const a = await composeDigest({ ...base, digest: window([talks1, talks2, talks3, newBid, avocado], stories) });
    const b = await composeDigest({
      ...base,
      digest: window([avocado, newBid, talks3, talks2, talks1], [...stories].reverse()),
    });
    expect(a.reply!.sections).toEqual(b.reply!.sections);
    expect(a.reply!.citations).toEqual(b.reply!.citations);
  });
});
