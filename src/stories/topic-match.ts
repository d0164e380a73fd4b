import { queryTerms } from '../core/query-terms.js';
import type { ArticleMeta, ArticleStore } from '../store/article-store.js';
import { STOP_WORDS } from '../text/stopwords.js';
import { termsOf } from './features.js';

/** How an article matched a topic. */
export interface TopicMatch {
  articleId: string;
  /** Topic words in the title count TITLE_HIT each; each matching sentence counts one. */
  score: number;
  /** The sentences (by index) that hold a topic word: the material a topic briefing quotes. */
  sentences: Set<number>;
  /** False when the topic is only mentioned in passing (one sentence past the lead, not the title). */
  about: boolean;
}

/** The articles that match a topic, and whether any of them is about it rather than mentioning it. */
export interface TopicMatches {
  matches: Map<string, TopicMatch>;
  /** True when no article is about the topic and `matches` holds the ones that mention it. */
  mentionsOnly: boolean;
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
 * ("…unlike Yukos, which…") does not make an article about it. When no article is about the
 * topic, the ones that mention it are returned instead, flagged `mentionsOnly`: a channel that
 * asked for a topic hears of its only mention rather than of nothing.
 */
export async function articlesAboutTopic(
  store: ArticleStore,
  topic: string,
  articles: readonly ArticleMeta[],
): Promise<TopicMatches> {
  const words = topicWords(topic);
  const all = new Map<string, TopicMatch>();
  if (!words.length || !articles.length) return { matches: all, mentionsOnly: false };
  const ids = articles.map((a) => a.id);
  // Per word: which sentences of which article the search found (the store stems and folds).
  const found = new Map<string, Map<string, Set<number>>>();
  for (const word of words) {
    const hits = await store.searchSentences([word], { articleIds: ids, limit: HITS_PER_WORD });
    const byArticle = new Map<string, Set<number>>();
    for (const h of hits)
      (byArticle.get(h.articleId) ?? byArticle.set(h.articleId, new Set()).get(h.articleId)!).add(h.idx);
    found.set(word, byArticle);
  }
  for (const a of articles) {
    const title = new Set([...termsOf(a.title), ...queryTerms(a.title)]);
    const sentences = new Set<number>();
    let every = true;
    let about = false;
    let score = 0;
    for (const word of words) {
      const hits = found.get(word)!.get(a.id) ?? new Set<number>();
      const inTitle = title.has(word);
      if (!inTitle && hits.size === 0) {
        every = false;
        break;
      }
      if (inTitle || hits.size >= MIN_BODY_SENTENCES || [...hits].some((i) => i < LEAD_SENTENCES)) about = true;
      score += (inTitle ? TITLE_HIT : 0) + hits.size;
      for (const i of hits) sentences.add(i);
    }
    if (every) all.set(a.id, { articleId: a.id, score, sentences, about });
  }
  const about = new Map([...all].filter(([, m]) => m.about));
  return about.size || !all.size ? { matches: about, mentionsOnly: false } : { matches: all, mentionsOnly: true };
}
