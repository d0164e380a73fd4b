import { queryTerms } from '../core/query-terms.js';
import type { ArticleMeta, ArticleStore } from '../store/article-store.js';
import { STOP_WORDS } from '../text/stopwords.js';
import { termsOf } from './features.js';

/** How an article matched a topic: a score to order by. */
export interface TopicMatch {
  articleId: string;
  /** Topic words in the title count TITLE_HIT each; each matching sentence counts one. */
  score: number;
}

/** The content words of a topic, as plain search terms. */
export function topicWords(topic: string): string[] {
  return queryTerms(topic).filter((t) => !STOP_WORDS.has(t));
}

/** A title mention weighs as much as this many sentences: the title says what the article is about. */
const TITLE_HIT = 3;
/** Sentences this early are the lead; a topic word there is the article's subject, not an aside. */
const LEAD_SENTENCES = 3;
/** Sentences a word must appear in, past the lead and outside the title, to count as a subject. */
const MIN_BODY_SENTENCES = 2;
/** Matching sentences read per topic word (the store's search limit). */
const HITS_PER_WORD = 1000;

/**
 * The articles (among `articles`) that are about the topic, by the store's own full-text search
 * over the topic's words: every word must occur (in the title or a sentence), and at least one of
 * them in the title, in the lead, or in two sentences or more. A word dropped once in passing
 * ("…unlike Yukos, which…") does not make an article about it.
 */
export async function articlesAboutTopic(store: ArticleStore, topic: string, articles: readonly ArticleMeta[]): Promise<Map<string, TopicMatch>> {
  const words = topicWords(topic);
  const out = new Map<string, TopicMatch>();
  if (!words.length || !articles.length) return out;
  const ids = articles.map((a) => a.id);
  // Per word: which sentences of which article the search found (the store stems and folds).
  const found = new Map<string, Map<string, Set<number>>>();
  for (const word of words) {
    const hits = await store.searchSentences([word], { articleIds: ids, limit: HITS_PER_WORD });
    const byArticle = new Map<string, Set<number>>();
    for (const h of hits) (byArticle.get(h.articleId) ?? byArticle.set(h.articleId, new Set()).get(h.articleId)!).add(h.idx);
    found.set(word, byArticle);
  }
  for (const a of articles) {
    const title = new Set(termsOf(a.title));
    const titleTerms = new Set(queryTerms(a.title));
    let all = true;
    let subject = false;
    let score = 0;
    for (const word of words) {
      const sentences = found.get(word)!.get(a.id) ?? new Set<number>();
      const inTitle = title.has(word) || titleTerms.has(word);
      if (!inTitle && sentences.size === 0) {
        all = false;
        break;
      }
      if (inTitle || sentences.size >= MIN_BODY_SENTENCES || [...sentences].some((i) => i < LEAD_SENTENCES)) subject = true;
      score += (inTitle ? TITLE_HIT : 0) + sentences.size;
    }
    if (all && subject) out.set(a.id, { articleId: a.id, score });
  }
  return out;
}
