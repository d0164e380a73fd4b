import type { ArticleMeta, ArticleStore, SentenceHit } from '../../store/article-store.js';
import { searchVariants, wordTokens } from '../answer/terms.js';

/** Content words of a topic and their match keys. */
export function topicTerms(topic: string): { text: string; key: string }[] {
  const seen = new Set<string>();
  return wordTokens(topic)
    .filter((t) => !t.stop && !t.part && !seen.has(t.key) && seen.add(t.key))
    .map((t) => ({ text: t.text, key: t.key }));
}

/** Whether a sentence's words hold a topic term. */
export function mentionsAny(text: string, keys: Set<string>): boolean {
  return wordTokens(text).some((t) => keys.has(t.key));
}

/**
 * Articles about a topic: every topic word must occur somewhere in the article (FTS finds
 * articles with any of them, which would let "Canadian trade" match any trade story).
 */
export async function articlesAbout(
  store: ArticleStore,
  topic: string,
  limit = 20,
): Promise<{ articles: ArticleMeta[]; sentences: Map<string, SentenceHit[]>; keys: Set<string> }> {
  const terms = topicTerms(topic);
  const keys = new Set(terms.map((t) => t.key));
  const sentences = new Map<string, SentenceHit[]>();
  if (!terms.length) return { articles: [], sentences, keys };
  const hits = await store.searchArticles(
    terms.flatMap((t) => searchVariants(t.text)),
    { limit: limit * 3 },
  );
  const articles: ArticleMeta[] = [];
  for (const h of hits) {
    const sents = await store.sentencesOf(h.article.id);
    const have = new Set<string>();
    for (const t of wordTokens(`${h.article.title} ${sents.map((s) => s.text).join(' ')}`))
      if (keys.has(t.key)) have.add(t.key);
    if (have.size < keys.size) continue;
    articles.push(h.article);
    sentences.set(h.article.id, sents);
    if (articles.length >= limit) break;
  }
  return { articles, sentences, keys };
}

/** Whether a sentence's words hold every topic term. */
export function mentionsAll(text: string, keys: Set<string>): boolean {
  const have = new Set(wordTokens(text).map((t) => t.key));
  for (const k of keys) if (!have.has(k)) return false;
  return true;
}
