import type { ArticleMeta, ArticleStore } from '../../store/article-store.js';
import { answerContext } from './answer-context.js';
import { analyzeQuestion } from './question.js';
import { defaultRanker } from './ranker.js';

/** A retrieved sentence for grounded generation (the LLM path quotes and cites these). */
export interface Passage {
  articleId: string;
  sentenceIdx: number;
  text: string;
  article: ArticleMeta;
  score: number;
}

/** The k best sentences for a question by the answerer's own ranking, best first (no confidence cut). */
export async function retrievePassages(store: ArticleStore, question: string, k: number): Promise<Passage[]> {
  const q = analyzeQuestion(question);
  if (q.kind !== 'ok' || k <= 0) return [];
  const ranked = await answerContext(q, store, defaultRanker()).ranked();
  return ranked.slice(0, k).map((s) => ({
    articleId: s.hit.sentence.articleId,
    sentenceIdx: s.hit.sentence.idx,
    text: s.hit.sentence.text,
    article: s.hit.sentence.article,
    score: s.score,
  }));
}
