import type { ArticleMeta, ArticleStore } from '../store/article-store.js';
import type { StoryBackend, StoryRecord } from './story-backend.js';
import { articlesAboutTopic } from './topic-match.js';
import { dot } from './vectors.js';

/** A story as every reader sees it: a headline, its articles, when it started and last moved. */
export interface Story {
  id: number;
  /** The title of its most central article. */
  headline: string;
  /** The article the headline comes from. */
  headlineArticleId: string;
  /** Its articles, oldest first. */
  articles: ArticleMeta[];
  /** Earliest and latest publication time of its articles (ingest time for undated ones). */
  firstSeen: string;
  lastUpdated: string;
}

/** Articles grouped per transaction when catching up: bounded work per write lock. */
const CATCH_UP_BATCH = 500;

const timeOf = (m: ArticleMeta) => m.published ?? m.ingestedAt;
const ms = (iso: string) => Date.parse(iso) || 0;

/** Largest first, then the one that moved last, then the newest id: one order everywhere. */
export function byImportance(a: Story, b: Story): number {
  return b.articles.length - a.articles.length || ms(b.lastUpdated) - ms(a.lastUpdated) || b.id - a.id;
}

/**
 * Stories over the store's backend: grouping is caught up before every read, so articles that
 * reached the store by any path (ingest, feeds, another process) are in a story when read.
 */
export class StoryService {
  /** The store's changeVersion when a pass last found no article without a story. */
  private caughtUpAt?: string;
  /** Catch-ups run one after another, so callers at once (a fan-out's digests) share one scan. */
  private catchingUp: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly backend: StoryBackend,
    private readonly store: ArticleStore,
  ) {}

  /**
   * Groups every article that has no story yet; returns how many were grouped. Skipped while the
   * store's changeVersion is the one read before a pass that found nothing pending: looking for
   * ungrouped articles scans the whole articles table (about 130 ms at 100,000 articles), and
   * every digest of a fan-out called this twice (27× slower at 1,000 channels, BENCHMARKS.md).
   * An article written since, by this process or another, moves the version. Callers at once
   * queue: one scans and the others then find the version unchanged, while a caller whose write
   * came during a pass (an ingest batch) sees a new version and has it grouped before returning.
   */
  catchUp(): Promise<number> {
    const run = this.catchingUp.then(() => this.catchUpNow());
    this.catchingUp = run.catch(() => undefined);
    return run;
  }

  private async catchUpNow(): Promise<number> {
    let total = 0;
    for (;;) {
      const version = await this.store.changeVersion();
      if (version === this.caughtUpAt) return total;
      const n = await this.backend.assignPending(CATCH_UP_BATCH);
      total += n;
      // The version read before the pass: a write committed during it leaves one that differs next time.
      if (n === 0) this.caughtUpAt = version;
      if (n < CATCH_UP_BATCH) return total;
    }
  }

  /** Every story with an article published at or after `since` (all without it), largest and newest first. */
  async list(opts: { since?: string; topic?: string } = {}): Promise<Story[]> {
    await this.catchUp();
    const ids = await this.backend.storyIdsSince(opts.since);
    let stories = (await this.backend.stories(ids)).map(toStory);
    if (opts.topic) {
      const { matches } = await articlesAboutTopic(
        this.store,
        opts.topic,
        stories.flatMap((s) => s.articles),
      );
      stories = stories.filter((s) => s.articles.some((a) => matches.has(a.id)));
    }
    return stories.sort(byImportance);
  }

  /** The story of each article (every article has one once caught up). */
  async storyIdsOf(articleIds: readonly string[]): Promise<Map<string, number>> {
    await this.catchUp();
    return this.backend.storyIdsOf(articleIds);
  }

  /** These stories with all their articles. */
  async stories(ids: readonly number[]): Promise<Story[]> {
    return (await this.backend.stories(ids)).map(toStory);
  }
}

/** The headline is the title of the article closest to the story's centre (its summed signatures). */
export function toStory(r: StoryRecord): Story {
  let central = r.members[0];
  let best = -Infinity;
  for (const m of r.members) {
    const s = dot(m.signature, r.centroid);
    if (s > best) {
      best = s;
      central = m;
    }
  }
  const times = r.members.map((m) => timeOf(m.meta)).sort((a, b) => ms(a) - ms(b));
  return {
    id: r.id,
    headline: central.meta.title,
    headlineArticleId: central.meta.id,
    articles: r.members.map((m) => m.meta),
    firstSeen: times[0],
    lastUpdated: times[times.length - 1],
  };
}
