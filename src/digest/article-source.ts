import type { SubscriptionFilter } from '../core/services.js';
import type { ArticleMeta, ArticleStore } from '../store/article-store.js';
import { openStories } from '../stories/open-stories.js';
import type { Story, StoryService } from '../stories/story-service.js';
import { articlesAboutTopic, type TopicMatch } from '../stories/topic-match.js';
import { isEmptyFilter, narrowArticles, type FilterDeps } from './subscription-filter.js';

/** What a digest covers: the articles changed in its window and the stories they belong to. */
export interface DigestWindow {
  /** Every article changed in (from, to], after the topic filter. */
  articles: ArticleMeta[];
  /** The stories of those articles, each with all its articles (older ones too). */
  stories: Story[];
  /** For a topic: how each article of `articles` matched it (score, the sentences that hold it). */
  topical?: Map<string, TopicMatch>;
  /** For a topic: true when no article is about it and `articles` are the ones that mention it. */
  mentionsOnly?: boolean;
}

/** Where digests read their articles: changed in (from, to], matching the subscription's filter, about the topic, by story. */
export interface DigestArticleSource {
  changedArticles(opts: {
    topic?: string;
    filter?: SubscriptionFilter;
    from?: string;
    to: string;
  }): Promise<DigestWindow>;
  /** An article's sentences as split at ingest, in order. */
  sentences(meta: ArticleMeta): Promise<{ idx: number; text: string }[]>;
}

/**
 * Reads digest windows from the article store. A topic keeps the articles the store's own search
 * finds to be about it (stories/topic-match.ts): the topic's words are plain terms the store
 * quotes, so no topic text reaches the full-text query language.
 */
export class StoreArticleSource implements DigestArticleSource {
  /**
   * Window reads, their stories and articles' sentences, kept while the store is unchanged (its
   * changeVersion): at a fan-out, hundreds of channels due at the same slot ask for the same
   * window and the same articles' sentences.
   */
  private cache = new Map<string, Promise<unknown>>();
  private cacheVersion: string | undefined;
  private readonly stories?: StoryService;

  constructor(
    private readonly store: ArticleStore,
    opts: { stories?: StoryService; articlesFromFeeds?: FilterDeps['articlesFromFeeds'] } = {},
  ) {
    this.stories = opts.stories ?? openStories(store);
    this.articlesFromFeeds = opts.articlesFromFeeds;
  }

  /** Which articles came from which feeds, for `feed:` filters. */
  private readonly articlesFromFeeds?: FilterDeps['articlesFromFeeds'];

  async changedArticles(opts: {
    topic?: string;
    filter?: SubscriptionFilter;
    from?: string;
    to: string;
  }): Promise<DigestWindow> {
    // Articles that reached the store since the last read get their story first (this moves the
    // store's version, so it comes before the cache is consulted).
    await this.stories?.catchUp();
    const read = await this.reader();
    const filter = isEmptyFilter(opts.filter) ? '' : JSON.stringify(opts.filter);
    const window = `${opts.from ?? ''}|${opts.to}|${filter}`;
    let articles = await read(`window|${opts.from ?? ''}|${opts.to}`, () =>
      this.store.listArticles({ changedAfter: opts.from, changedUpTo: opts.to }),
    );
    if (filter) {
      const listed = articles;
      articles = await read(`filter|${window}`, () =>
        narrowArticles(listed, opts.filter, { store: this.store, articlesFromFeeds: this.articlesFromFeeds }),
      );
    }
    if (!opts.topic)
      return { articles, stories: await read(`stories|${window}|`, () => this.storiesOf(articles, filter !== '')) };
    const all = articles;
    const topic = await read(`topic|${window}|${opts.topic}`, () => articlesAboutTopic(this.store, opts.topic!, all));
    articles = all.filter((m) => topic.matches.has(m.id));
    const stories = await read(`stories|${window}|${opts.topic}`, () => this.storiesOf(articles, filter !== ''));
    return { articles, stories, topical: topic.matches, mentionsOnly: topic.mentionsOnly };
  }

  async sentences(meta: ArticleMeta): Promise<{ idx: number; text: string }[]> {
    const read = await this.reader();
    return read(`sentences|${meta.id}|${meta.updatedAt}`, async () =>
      (await this.store.sentencesOf(meta.id)).map((s) => ({ idx: s.idx, text: s.text })),
    );
  }

  /**
   * Stories of the articles; without a story component, each article is a story of its own. A
   * filtered digest keeps in each story only the articles its filter let through: a story that
   * also holds an excluded article must not bring it back.
   */
  private async storiesOf(articles: ArticleMeta[], filtered: boolean): Promise<Story[]> {
    if (!articles.length) return [];
    if (!this.stories)
      return articles.map((m, i) => ({
        id: -(i + 1),
        headline: m.title,
        headlineArticleId: m.id,
        articles: [m],
        firstSeen: m.published ?? m.ingestedAt,
        lastUpdated: m.published ?? m.ingestedAt,
      }));
    const ids = await this.stories.storyIdsOf(articles.map((m) => m.id));
    const stories = await this.stories.stories([...new Set(ids.values())]);
    if (!filtered) return stories;
    const kept = new Set(articles.map((m) => m.id));
    return stories.map((st) => {
      const own = st.articles.filter((m) => kept.has(m.id));
      const headliner = own.find((m) => m.id === st.headlineArticleId) ?? own[0];
      return { ...st, articles: own, headline: headliner.title, headlineArticleId: headliner.id };
    });
  }

  /** A read-through cache for the current store version. */
  private async reader(): Promise<<T>(key: string, load: () => Promise<T>) => Promise<T>> {
    const version = await this.store.changeVersion();
    if (version !== this.cacheVersion || this.cache.size > 20_000) {
      this.cache = new Map();
      this.cacheVersion = version;
    }
    const cache = this.cache;
    return <T>(key: string, load: () => Promise<T>) => {
      let hit = cache.get(key) as Promise<T> | undefined;
      if (!hit) {
        hit = load();
        cache.set(key, hit);
        hit.catch(() => cache.delete(key)); // a failed read is retried next time, not remembered
      }
      return hit;
    };
  }
}
