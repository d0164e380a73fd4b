import { queryTerms } from '../core/query-terms.js';
import type { ArticleMeta, ArticleStore, SentenceHit } from '../store/article-store.js';
import type { Passage } from './passage.js';

/** How many articles a briefing without a topic covers, and how many lead sentences of each. */
const NEWEST_ARTICLES = 5;
const LEAD_SENTENCES = 2;
const TOPIC_SENTENCES = 10;

export function passageFrom(hit: { articleId: string; idx: number; text: string; article: ArticleMeta }): Passage {
  return {
    articleId: hit.articleId,
    sentenceIdx: hit.idx,
    text: hit.text,
    article: {
      title: hit.article.title,
      url: hit.article.url,
      published: hit.article.published,
      publishedFrom: hit.article.publishedFrom,
      publishedInferred: hit.article.publishedInferred,
    },
  };
}

/**
 * Passages for a briefing, when the composition root gives a store rather than a collector:
 * with a topic, the best-matching sentences; without one, the lead sentences of the newest
 * articles (news puts the key facts first).
 */
export async function collectBriefPassages(store: ArticleStore, topic?: string): Promise<Passage[]> {
  const terms = topic ? queryTerms(topic) : [];
  if (terms.length) {
    const hits: SentenceHit[] = await store.searchSentences(terms, { limit: TOPIC_SENTENCES });
    return hits.map(passageFrom);
  }
  const articles = await store.listArticles({ limit: NEWEST_ARTICLES });
  const passages: Passage[] = [];
  for (const article of articles) {
    const sentences = await store.sentencesOf(article.id);
    passages.push(...sentences.slice(0, LEAD_SENTENCES).map(passageFrom));
  }
  return passages;
}
