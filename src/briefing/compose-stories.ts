import { articleCitation } from '../core/citations.js';
import type { Citation, Section } from '../core/reply.js';
import type { ArticleMeta } from '../store/article-store.js';
import type { BriefingBudget } from './budget.js';
import { renderedChars } from './budget.js';
import { headlineFooter, type HeadlineWriter } from './headlines.js';
import { keyPoints, type Point, type StoryArticle } from './key-points.js';
import { sourceNames } from './source-name.js';
import { BoundedMemo } from '../util/bounded-memo.js';

/** A story as a briefing shows it: what it is, what came in, what the channel already saw. */
export interface BriefingStory {
  id: number;
  headline: string;
  headlineArticleId: string;
  /** All its articles, oldest first. */
  articles: ArticleMeta[];
  /** Its articles that are new or changed in the briefing's window. */
  fresh: ArticleMeta[];
  /** How many of `fresh` existed before the window (changed, not new). */
  updated: number;
  firstSeen: string;
  lastUpdated: string;
  /** Topic relevance (topic briefings order by it). */
  relevance?: number;
  /** Points posted to this channel earlier for this story's articles (empty for /brief). */
  posted: PostedPoint[];
  /**
   * For a topic briefing: the sentences (by article, then index) that hold the topic. Points are
   * then chosen among them only, so what is quoted is about the topic.
   */
  topical?: ReadonlyMap<string, ReadonlySet<number>>;
}

/** A point as the delivery ledger remembers it. */
export interface PostedPoint extends Point {
  postedAt: string;
}

export interface ComposeStoriesInput {
  title: string;
  /** In the order they should be shown; the ones that do not fit are dropped from the end. */
  stories: readonly BriefingStory[];
  sentences: (meta: ArticleMeta) => Promise<{ idx: number; text: string }[]>;
  budget: BriefingBudget;
  /** The counts line, given how many stories are shown. */
  header: (shown: number) => string;
  /** The pointer to the stories left out, given them (none when all are shown). */
  more: (rest: readonly BriefingStory[]) => string | undefined;
  /** "Fri 3 Dec" for "first posted here" notes. */
  formatDay: (iso: string) => string;
  /** What the window's articles are called: "new" in a digest, "recent" in a briefing. */
  freshWord?: string;
  /** Writes the shown stories' headlines (the LLM path); without it each keeps its central title. */
  headlines?: HeadlineWriter;
}

export interface ShownStory {
  story: BriefingStory;
  points: Point[];
  /** The headline shown: the written one when accepted, else the story's central title. */
  headline: string;
  /** True when `headline` was written by the model. */
  written: boolean;
}

export interface ComposedStories {
  sections: Section[];
  citations: Citation[];
  shown: ShownStory[];
  rest: BriefingStory[];
  /** Says which headlines the model wrote; absent when it wrote none. */
  footer?: string;
}

/** The shown stories as a reply's data records them: headline (and the central title when written), articles, points. */
export function shownStoriesData(shown: readonly ShownStory[]) {
  return shown.map(({ story, points, headline, written }) => ({
    id: story.id,
    headline,
    ...(written ? { title: story.headline, headlineBy: 'llm' } : {}),
    articleIds: story.fresh.map((m) => m.id),
    points: points.map((p) => ({ articleId: p.articleId, idx: p.idx })),
  }));
}

/** Key points by their inputs (see storySection); bounded, cleared when full. */
const chosenPoints = new BoundedMemo<string, Point[]>(2_000);

/** Fresh articles read for points, newest first; earlier ones besides the headline's. */
const FRESH_READ = 8;
const EARLIER_READ = 4;
/** A story of one article gets two points; a story told by several, three. */
const pointsFor = (s: BriefingStory) => (s.articles.length > 1 ? 3 : 2);

const newest = (a: ArticleMeta, b: ArticleMeta) =>
  (b.published ?? b.ingestedAt).localeCompare(a.published ?? a.ingestedAt) || b.updatedAt.localeCompare(a.updatedAt);
/** "1 story", "1,691 stories". */
export const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

/**
 * Story sections in order while the message stays within the budget: a headline, how many new
 * articles and from which sources, and two or three cited key points across the story's articles
 * (only new ones for a story the channel saw). The first story that does not fit ends the list:
 * it and every later one are left out whole, never cut, and `more` says where they are.
 */
export async function composeStories(input: ComposeStoriesInput): Promise<ComposedStories> {
  const citations: Citation[] = [];
  const parts: Section[] = [];
  const shown: ShownStory[] = [];
  let i = 0;
  for (; i < input.stories.length && shown.length < input.budget.stories; i++) {
    const story = input.stories[i];
    const built = await storySection(story, input, citations.length);
    const sections = [{ text: input.header(shown.length + 1) }, ...parts, built.section];
    const more = input.more(input.stories.slice(i + 1));
    if (more) sections.push({ text: more });
    if (
      built.section.text.length > input.budget.sectionChars ||
      renderedChars(input.title, sections, [...citations, ...built.citations]) > input.budget.chars
    )
      break;
    parts.push(built.section);
    citations.push(...built.citations);
    shown.push({ story, points: built.points, headline: story.headline, written: false });
  }
  const rest = input.stories.slice(shown.length);
  const more = input.more(rest);
  const sections = () => [{ text: input.header(shown.length) }, ...parts, ...(more ? [{ text: more }] : [])];
  const footer = input.headlines && (await writeHeadlines(input, input.headlines, shown, parts, sections, citations));
  return { sections: sections(), citations, shown, rest, ...(footer ? { footer } : {}) };
}

/**
 * Asks for the shown stories' headlines once they are chosen (never for a story left out) and
 * puts each in place of the central title when the message, footer included, still fits.
 */
async function writeHeadlines(
  input: ComposeStoriesInput,
  writer: HeadlineWriter,
  shown: ShownStory[],
  parts: Section[],
  sections: () => Section[],
  citations: readonly Citation[],
): Promise<string | undefined> {
  if (!shown.length) return undefined;
  // The writer never rejects by contract; a headline still must not be able to fail a digest.
  const written = await writer
    .write(
      shown.map((s) => s.story),
      input.sentences,
    )
    .catch(() => new Map<number, string>());
  // The longest footer this can end with, so the budget holds whichever headlines are accepted.
  const reserve = headlineFooter(writer.model, shown.length - 1, shown.length).length + 8;
  shown.forEach((s, i) => {
    const text = written.get(s.story.id);
    if (!text || text === s.headline) return;
    const before = parts[i];
    parts[i] = { ...before, heading: text };
    if (renderedChars(input.title, sections(), citations) + reserve > input.budget.chars) {
      parts[i] = before;
      return;
    }
    s.headline = text;
    s.written = true;
  });
  const count = shown.filter((s) => s.written).length;
  return count ? headlineFooter(writer.model, count, shown.length) : undefined;
}

async function storySection(
  story: BriefingStory,
  input: ComposeStoriesInput,
  cited: number,
): Promise<{ section: Section; citations: Citation[]; points: Point[] }> {
  const seen = story.posted.length > 0;
  const freshIds = new Set(story.fresh.map((m) => m.id));
  const read = [...story.fresh].sort(newest).slice(0, FRESH_READ);
  const earlier = story.articles.filter((m) => !freshIds.has(m.id)).sort(newest);
  const headline = earlier.find((m) => m.id === story.headlineArticleId);
  for (const m of [...(headline ? [headline] : []), ...earlier.filter((m) => m !== headline).slice(0, EARLIER_READ)])
    read.push(m);
  const articles: StoryArticle[] = [];
  for (const meta of read)
    articles.push({ meta, sentences: await input.sentences(meta), fresh: freshIds.has(meta.id) });
  // The same story with the same new articles reads the same in every channel that has not seen
  // it: at a fan-out the points are chosen once, not once per channel.
  const topical = story.topical;
  const only = topical && ((articleId: string, idx: number) => topical.get(articleId)?.has(idx) === true);
  const key = JSON.stringify([
    pointsFor(story),
    seen,
    read.map((m) => [m.id, m.updatedAt, freshIds.has(m.id), [...(topical?.get(m.id) ?? [])]]),
    story.posted.map((p) => [p.articleId, p.idx]),
    Boolean(topical),
  ]);
  const points = chosenPoints.get(key, () =>
    keyPoints(articles, pointsFor(story), { onlyFresh: seen, posted: story.posted, only }),
  );

  const byId = new Map(read.map((m) => [m.id, m]));
  const citations: Citation[] = [];
  const lines = points.map((p) => {
    const meta = byId.get(p.articleId)!;
    const n = cited + citations.length + 1;
    citations.push(articleCitation(meta, n, p.text));
    return `• ${p.text.replace(/\s+/g, ' ').trim()} [${n}]`;
  });
  if (!lines.length)
    lines.push(seen ? '• Nothing beyond the points posted here before.' : '• (no sentence long enough to quote)');
  const fresh = story.fresh.length;
  const word = `${input.freshWord ?? 'new'} article`;
  const news = story.updated ? `${plural(fresh, word)}, ${story.updated} of them updated` : plural(fresh, word);
  const sources = sourceNames(story.fresh);
  const since = seen ? ` · following up the story posted here on ${input.formatDay(earliest(story.posted))}` : '';
  const about = `${news}${sources.length ? ` from ${sources.join(', ')}` : ''}${story.articles.length > fresh ? ` (${plural(story.articles.length, 'article')} in all)` : ''}${since}`;
  return { section: { heading: story.headline, text: [about, ...lines].join('\n') }, citations, points };
}

function earliest(points: readonly PostedPoint[]): string {
  return points.reduce((m, p) => (p.postedAt < m ? p.postedAt : m), points[0].postedAt);
}
