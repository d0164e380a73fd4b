import type { Platform } from '../core/invocation.js';
import type { Reply } from '../core/reply.js';
import type { ArticleStore } from '../store/article-store.js';
import type { Story, StoryService } from '../stories/story-service.js';
import { BUDGETS } from './budget.js';
import { composeStories, plural, shownStoriesData, type BriefingStory } from './compose-stories.js';
import type { HeadlineWriter } from './headlines.js';
import { latestDayStart } from './latest-day.js';

const day = (iso: string) =>
  new Date(iso).toLocaleString('en-GB', {
    timeZone: 'UTC',
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  });

/**
 * /brief without a topic: the top stories of the latest day of coverage, in the digest's form
 * (headline, how many articles and from which sources, two or three cited key points across the
 * story's articles), fitted to the platform it is shown on. With a headline writer (the LLM path)
 * the shown stories' headlines are written and verified, else the central titles.
 */
export async function topStoriesBrief(
  stories: StoryService,
  store: ArticleStore,
  platform: Platform,
  headlines?: HeadlineWriter,
): Promise<Reply> {
  const since = await latestDayStart(store);
  if (!since)
    return {
      sections: [{ text: 'The store is empty: there is nothing to brief on yet.' }],
      citations: [],
      visibility: 'ephemeral',
      answered: false,
      answer: '',
    };
  const list = await stories.list({ since });
  const briefing = list.map((s) => recentPart(s, since));
  const articles = briefing.reduce((n, s) => n + s.fresh.length, 0);
  const title = 'Briefing: top stories';
  const composed = await composeStories({
    title,
    stories: briefing,
    sentences: async (meta) => (await store.sentencesOf(meta.id)).map((s) => ({ idx: s.idx, text: s.text })),
    budget: BUDGETS[platform],
    formatDay: day,
    freshWord: 'recent',
    headlines,
    header: (shown) =>
      `The latest day in the store (since ${day(since)}): ${plural(articles, 'article')} in ${plural(briefing.length, 'story', 'stories')}. ` +
      `${shown === briefing.length ? `Showing ${shown === 1 ? 'it' : `all ${shown}`}` : `Showing the ${shown} largest and newest`}.`,
    more: (rest) =>
      rest.length
        ? `${plural(rest.length, 'more story', 'more stories')} (${plural(
            rest.reduce((n, s) => n + s.fresh.length, 0),
            'article',
          )}) in /stories.`
        : undefined,
  });
  return {
    title,
    sections: composed.sections,
    citations: composed.citations,
    visibility: 'ephemeral',
    answered: composed.shown.length > 0,
    answer: composed.shown.flatMap((s) => s.points.map((p) => p.text)).join(' '),
    // Written headlines are named in the footer; the points stay quoted, so the path stays extractive.
    provenance: composed.footer ? { path: 'extractive', footer: composed.footer } : { path: 'extractive' },
    data: {
      since,
      stories: shownStoriesData(composed.shown),
    },
  };
}

/** A story as the latest day saw it: its articles of that day are the recent ones. */
function recentPart(s: Story, since: string): BriefingStory {
  const from = Date.parse(since);
  const fresh = s.articles.filter((m) => (Date.parse(m.published ?? m.ingestedAt) || 0) >= from);
  return { ...s, fresh: fresh.length ? fresh : s.articles, updated: 0, posted: [] };
}
