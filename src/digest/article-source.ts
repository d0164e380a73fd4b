import { queryTerms } from '../core/query-terms.js';
import type { ArticleStore } from '../store/article-store.js';
import type { DigestArticle } from './compose.js';

/** Where digests read their articles: changed in (from, to] and matching the topic. */
export interface DigestArticleSource {
  changedArticles(opts: { topic?: string; from?: string; to: string; limit: number }): Promise<{ articles: DigestArticle[]; total: number }>;
}

/**
 * Reads digest articles from the article store. A topic becomes plain word terms (query syntax
 * such as quotes, `*`, `AND` is dropped) and the store quotes each term, so no topic text reaches
 * the full-text query language.
 */
export class StoreArticleSource implements DigestArticleSource {
  constructor(
    private readonly store: ArticleStore,
    /** How many matching sentences a topic search may return. */
    private readonly topicHitLimit = 2000,
  ) {}

  async changedArticles(opts: { topic?: string; from?: string; to: string; limit: number }): Promise<{ articles: DigestArticle[]; total: number }> {
    let metas = await this.store.listArticles({ changedAfter: opts.from, changedUpTo: opts.to });
    if (opts.topic) {
      const terms = queryTerms(opts.topic);
      if (!terms.length) return { articles: [], total: 0 };
      if (!metas.length) return { articles: [], total: 0 };
      // Search only inside the window's articles: cheap when the window is small, as it usually is.
      const hits = await this.store.searchSentences(terms, { limit: this.topicHitLimit, articleIds: metas.map((m) => m.id) });
      const ids = new Set(hits.map((h) => h.articleId));
      // Sentence search does not see titles; a topic word in the title counts too.
      const wanted = new Set(terms);
      metas = metas.filter((m) => ids.has(m.id) || queryTerms(m.title).some((t) => wanted.has(t)));
    }
    const articles: DigestArticle[] = [];
    for (const meta of metas.slice(0, opts.limit)) {
      const sentences = (await this.store.sentencesOf(meta.id)).map((s) => s.text);
      articles.push({ meta, sentences });
    }
    return { articles, total: metas.length };
  }
}
