import { queryTerms } from '../core/query-terms.js';
import type { SubscriptionFilter } from '../core/services.js';
import type { ArticleStore } from '../store/article-store.js';
import type { DigestArticle } from './compose.js';
import { isEmptyFilter, narrowArticles, type FilterDeps } from './subscription-filter.js';

/** Where digests read their articles: changed in (from, to], matching the topic and the subscription's filter. */
export interface DigestArticleSource {
  changedArticles(opts: { topic?: string; filter?: SubscriptionFilter; from?: string; to: string; limit: number }): Promise<{ articles: DigestArticle[]; total: number }>;
}

/**
 * Reads digest articles from the article store. A topic becomes plain word terms (query syntax
 * such as quotes, `*`, `AND` is dropped) and the store quotes each term, so no topic text reaches
 * the full-text query language.
 */
export class StoreArticleSource implements DigestArticleSource {
  /**
   * Results of the window and topic reads, and articles' sentences, kept while the store is
   * unchanged (its changeVersion): at a fan-out, hundreds of channels due at the same slot ask for
   * the same window, and the same articles' sentences.
   */
  private cache = new Map<string, Promise<unknown>>();
  private cacheVersion: string | undefined;

  constructor(
    private readonly store: ArticleStore,
    /** How many matching sentences a topic search may return. */
    private readonly topicHitLimit = 2000,
    /** Which articles came from which feeds, for `feed:` filters. */
    private readonly articlesFromFeeds?: FilterDeps['articlesFromFeeds'],
  ) {}

  async changedArticles(opts: { topic?: string; filter?: SubscriptionFilter; from?: string; to: string; limit: number }): Promise<{ articles: DigestArticle[]; total: number }> {
    const read = await this.reader();
    let metas = await read(`window|${opts.from ?? ''}|${opts.to}`, () => this.store.listArticles({ changedAfter: opts.from, changedUpTo: opts.to }));
    if (!isEmptyFilter(opts.filter)) {
      const window = metas;
      metas = await read(`filter|${opts.from ?? ''}|${opts.to}|${JSON.stringify(opts.filter)}`, () =>
        narrowArticles(window, opts.filter, { store: this.store, articlesFromFeeds: this.articlesFromFeeds }));
    }
    if (opts.topic) {
      const terms = queryTerms(opts.topic);
      if (!terms.length) return { articles: [], total: 0 };
      if (!metas.length) return { articles: [], total: 0 };
      const all = metas;
      const window = `${opts.from ?? ''}|${opts.to}`;
      metas = await read(`topic|${window}|${terms.join(' ')}`, async () => {
        // Search only inside the window's articles: cheap when the window is small, as it usually is.
        const hits = await this.store.searchSentences(terms, { limit: this.topicHitLimit, articleIds: all.map((m) => m.id) });
        const ids = new Set(hits.map((h) => h.articleId));
        // Sentence search does not see titles; a topic word in the title counts too. The titles'
        // words are worked out once per window, not once per topic.
        const titleTerms = await read(`title-terms|${window}`, async () => all.map((m) => new Set(queryTerms(m.title))));
        return all.filter((m, i) => ids.has(m.id) || terms.some((t) => titleTerms[i].has(t)));
      });
    }
    const articles: DigestArticle[] = [];
    for (const meta of metas.slice(0, opts.limit)) {
      const sentences = await read(`sentences|${meta.id}|${meta.updatedAt}`, async () => (await this.store.sentencesOf(meta.id)).map((s) => s.text));
      articles.push({ meta, sentences });
    }
    return { articles, total: metas.length };
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
