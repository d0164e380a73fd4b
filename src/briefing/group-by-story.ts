import type { Reply, Section } from '../core/reply.js';
import type { StoryService } from '../stories/story-service.js';

/** What the extractive briefer records of each point (src/text/summarize/briefer.ts `data.points`). */
interface BriefPoint {
  articleId: string;
}

/**
 * A topic briefing whose points come from more than one story, regrouped under each story's
 * headline (stories in the order their first point appears); the points, their order within a
 * story and their citations are unchanged. A briefing within one story is returned as it was.
 */
export async function groupBriefByStory(brief: Reply, stories: StoryService): Promise<Reply> {
  const points = (brief.data as { points?: BriefPoint[] } | undefined)?.points;
  const body = brief.sections[0];
  if (!points?.length || brief.sections.length !== 1 || !body) return brief;
  const lines = body.text.split('\n');
  if (lines.length !== points.length) return brief;
  const storyOf = await stories.storyIdsOf(points.map((p) => p.articleId));
  const order: number[] = [];
  const linesOf = new Map<number, string[]>();
  points.forEach((p, i) => {
    const id = storyOf.get(p.articleId);
    if (id === undefined) return;
    if (!linesOf.has(id)) {
      order.push(id);
      linesOf.set(id, []);
    }
    linesOf.get(id)!.push(lines[i]);
  });
  if (order.length < 2 || points.some((p) => !storyOf.has(p.articleId))) return brief;
  const headlines = new Map((await stories.stories(order)).map((s) => [s.id, s]));
  const sections: Section[] = [{ text: `${body.heading ?? 'Key points'}, from ${order.length} stories:` }];
  for (const id of order) {
    const story = headlines.get(id);
    sections.push({
      heading: story
        ? `${story.headline} (${story.articles.length} article${story.articles.length === 1 ? '' : 's'} in the story)`
        : `Story ${id}`,
      text: linesOf.get(id)!.join('\n'),
    });
  }
  return { ...brief, sections, data: { ...(brief.data as object), stories: order } };
}
