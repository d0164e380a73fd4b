import { contentWords, similarityMatrix, tfidfVectors } from './vectors.js';
import { pagerank } from './pagerank.js';

/** Indices of the k best-scoring sentences, returned in text order. */
export function topK(scores: ArrayLike<number>, k: number): number[] {
  const idx = Array.from({ length: scores.length }, (_, i) => i);
  idx.sort((a, b) => scores[b] - scores[a] || a - b);
  return idx.slice(0, Math.max(0, k)).sort((a, b) => a - b);
}

/** Lead baseline: the first k sentences. */
export function leadSummary(sentences: string[], k: number): number[] {
  return Array.from({ length: Math.min(k, sentences.length) }, (_, i) => i);
}

/** Plain TextRank (Mihalcea & Tarau 2004 with TF-IDF cosine edges): PageRank, top k. */
export function textRankSummary(sentences: string[], k: number): number[] {
  const m = similarityMatrix(tfidfVectors(sentences.map(contentWords)));
  return topK(pagerank(m), k);
}
