import type { Platform } from '../core/invocation.js';
import type { Provenance, Reply } from '../core/reply.js';
import type { Subscription } from '../core/services.js';
import type { ArticleMeta } from '../store/article-store.js';
import { BUDGETS } from '../briefing/budget.js';
import {
  composeStories,
  plural,
  shownStoriesData,
  type BriefingStory,
  type PostedPoint,
} from '../briefing/compose-stories.js';
import type { HeadlineWriter } from '../briefing/headlines.js';
import type { Point } from '../briefing/key-points.js';
import { BoundedMemo } from '../util/bounded-memo.js';
import type { DigestArticleSource, DigestWindow } from './article-source.js';

/** One formatter per timezone: building an Intl.DateTimeFormat costs far more than formatting with it. */
const zoneFormats = new BoundedMemo<string, Intl.DateTimeFormat>(512);
const zoneFormat = (timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  });

/** "Fri 27 Nov, 08:00" in the subscription's timezone. */
export function formatInZone(iso: string | Date, timezone: string): string {
  return zoneFormats.get(timezone, zoneFormat).format(new Date(iso));
}

/** True when the article existed before the window and its content changed inside it. */
export function isUpdate(meta: ArticleMeta, from?: string): boolean {
  return from !== undefined && meta.ingestedAt <= from && meta.updatedAt > from;
}

/** What composing a digest needs: the window's articles and stories, and the channel's memory. */
export interface ComposeInput {
  clock: () => Date;
  subscription: Pick<Subscription, 'topic' | 'quiet' | 'timezone'>;
  /** The window the digest covers: from the watermark (absent for a first digest) to the run's cutoff. */
  window: { from?: string; to: string };
  /** Every article changed in (from, to], already filtered by topic, and their stories. */
  digest: DigestWindow;
  sentences: DigestArticleSource['sentences'];
  /** Points posted to this channel before, for the articles of the window's stories. */
  posted: readonly PostedPoint[];
  /** Where it will be posted: the message must fit that platform's limits. */
  platform: Platform;
  provenance?: Provenance;
  /** Writes the shown stories' headlines (the LLM path); without it they are the central titles. */
  headlines?: HeadlineWriter;
}

/** A composed digest and the points it posts (the ledger remembers them once it is posted). */
export interface ComposedDigest {
  reply: Reply | null;
  points: Point[];
}

const timeOf = (m: ArticleMeta) => m.published ?? m.ingestedAt;

/**
 * Composes a digest as a briefing: the window's articles grouped into stories, the stories in
 * order (size and recency, or relevance for a topic), each with its headline, its new articles and
 * their sources, and two or three cited key points; a story the channel saw before shows only
 * what is new. The counts line adds up: articles, the stories they form, the stories shown and
 * the rest, with where to find them. Returns a null reply when there is nothing new and the
 * subscription is quiet. Pure apart from the injected clock, sentence reader and headline writer.
 */
export async function composeDigest(input: ComposeInput): Promise<ComposedDigest> {
  const { subscription, window } = input;
  const tz = subscription.timezone;
  const topic = subscription.topic ? `: ${subscription.topic}` : '';
  const title = `Digest${topic} (${formatInZone(input.clock(), tz)})`;
  const since = window.from ? `since ${formatInZone(window.from, tz)}` : 'in the store';
  const articles = input.digest.articles;

  if (articles.length === 0) {
    if (subscription.quiet) return { reply: null, points: [] };
    const about = subscription.topic ? ` about "${subscription.topic}"` : '';
    return {
      reply: {
        title,
        sections: [{ text: `Nothing new${about} ${since}.` }],
        citations: [],
        visibility: 'channel',
        answered: true,
        data: { articleIds: [], window, stories: [] },
      },
      points: [],
    };
  }

  const stories = briefingStories(input);
  const updated = articles.filter((a) => isUpdate(a, window.from)).length;
  const about = subscription.topic
    ? ` ${input.digest.mentionsOnly ? 'mentioning' : 'about'} "${subscription.topic}"`
    : '';
  const counted = updated
    ? `${plural(articles.length - updated, 'new article')} and ${updated} updated${about}`
    : `${plural(articles.length, 'new article')}${about}`;
  const order = subscription.topic ? 'most relevant first' : 'largest and newest first';
  const composed = await composeStories({
    title,
    stories,
    sentences: input.sentences,
    budget: BUDGETS[input.platform],
    formatDay: (iso) => formatInZone(iso, tz),
    headlines: input.headlines,
    header: (shown) =>
      `${counted} ${since}, in ${plural(stories.length, 'story', 'stories')}. ${shown === stories.length ? (shown === 1 ? 'Showing it' : `Showing all ${shown}`) : `Showing ${shown}, ${order}`}.`,
    more: (rest) => {
      if (!rest.length) return undefined;
      const n = rest.reduce((sum, s) => sum + s.fresh.length, 0);
      return `${plural(rest.length, 'more story', 'more stories')} (${plural(n, 'article')}) not shown here: see /stories${subscription.topic ? ` ${subscription.topic}` : ''}.`;
    },
  });
  const points = composed.shown.flatMap((s) => s.points);
  return {
    reply: {
      title,
      sections: composed.sections,
      citations: composed.citations,
      visibility: 'channel',
      answered: true,
      // Written headlines are named in the footer; the points stay quoted, so the path stays the caller's.
      provenance: composed.footer
        ? { path: input.provenance?.path ?? 'extractive', footer: composed.footer }
        : input.provenance,
      data: {
        articleIds: articles.map((a) => a.id),
        window,
        stories: shownStoriesData(composed.shown),
        notShown: composed.rest.map((s) => ({ id: s.id, headline: s.headline, articleIds: s.fresh.map((m) => m.id) })),
      },
    },
    points,
  };
}

/** The window's stories, each with its fresh articles and memory, in the order a reader wants them. */
function briefingStories(input: ComposeInput): BriefingStory[] {
  const inWindow = new Map(input.digest.articles.map((a) => [a.id, a]));
  const topical = input.digest.topical;
  const relevance = topical && new Map([...topical].map(([id, m]) => [id, m.score]));
  const postedBy = new Map<string, PostedPoint[]>();
  for (const p of input.posted) (postedBy.get(p.articleId) ?? postedBy.set(p.articleId, []).get(p.articleId)!).push(p);
  const stories = input.digest.stories.map((s): BriefingStory => {
    const fresh = s.articles.filter((a) => inWindow.has(a.id)).map((a) => inWindow.get(a.id)!);
    return {
      ...s,
      fresh,
      updated: fresh.filter((a) => isUpdate(a, input.window.from)).length,
      relevance: relevance ? fresh.reduce((sum, a) => sum + (relevance.get(a.id) ?? 0), 0) : undefined,
      posted: s.articles.flatMap((a) => postedBy.get(a.id) ?? []),
      topical: topical && new Map(fresh.map((a) => [a.id, topical.get(a.id)?.sentences ?? new Set<number>()])),
    };
  });
  // An article no story holds (a store that could not group it) is a story of its own, so the counts add up.
  const covered = new Set(stories.flatMap((s) => s.fresh.map((a) => a.id)));
  input.digest.articles.forEach((a, i) => {
    if (covered.has(a.id)) return;
    const t = timeOf(a);
    stories.push({
      id: -(i + 1),
      headline: a.title,
      headlineArticleId: a.id,
      articles: [a],
      fresh: [a],
      updated: Number(isUpdate(a, input.window.from)),
      firstSeen: t,
      lastUpdated: t,
      relevance: relevance?.get(a.id),
      posted: postedBy.get(a.id) ?? [],
      topical: topical && new Map([[a.id, topical.get(a.id)?.sentences ?? new Set<number>()]]),
    });
  });
  const latest = (s: BriefingStory) => s.fresh.reduce((m, a) => (timeOf(a) > m ? timeOf(a) : m), '');
  return stories
    .filter((s) => s.fresh.length > 0)
    .sort(
      (a, b) =>
        (b.relevance ?? 0) - (a.relevance ?? 0) ||
        b.fresh.length - a.fresh.length ||
        b.articles.length - a.articles.length ||
        latest(b).localeCompare(latest(a)) ||
        b.id - a.id,
    );
}
