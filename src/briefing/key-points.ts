import type { ArticleMeta } from '../store/article-store.js';
import { pagerank } from '../text/summarize/pagerank.js';
import { contentWords, cosine, similarityMatrix, tfidfVectors } from '../text/summarize/vectors.js';

/** An article of a story with its sentences (as split at ingest), for choosing points. */
export interface StoryArticle {
  meta: ArticleMeta;
  sentences: { idx: number; text: string }[];
  /** True for the articles new in this briefing's window. */
  fresh: boolean;
}

/** A sentence chosen as a key point, or one posted earlier. */
export interface Point {
  articleId: string;
  idx: number;
  text: string;
}

/** Sentences too short to stand alone as a point (headings, bylines, "leave a reply"); the briefer's rule. */
const MIN_WORDS = 6;
/** Cosine at or above which two sentences report the same thing; the briefer's rule (src/text/summarize/briefer.ts). */
const SAME_POINT = 0.6;
/** MMR trade-off between a sentence's score and its likeness to points already chosen; the briefer's. */
const MMR_LAMBDA = 0.7;
/**
 * Score lifts, as in the briefer: news puts the key fact first (lead: 0.4 / (1 + position)), and a
 * story that grew should lead with what is new (fresh articles: +0.2).
 */
const LEAD_LIFT = 0.4;
const FRESH_LIFT = 0.2;
/** One article may give at most this many points when the story has several articles. */
const PER_ARTICLE = 2;

interface Candidate {
  article: StoryArticle;
  idx: number;
  text: string;
}

/**
 * Up to `k` key points across a story's articles: central sentences (what many sentences of the
 * story agree on, PageRank over their tf-idf cosine graph), news-first and fresh-first, chosen by
 * MMR so no two say the same thing. `onlyFresh` limits candidates to the fresh articles (a story
 * the channel has seen: only what is new) and `only` to some sentences (those on a topic);
 * sentences like an earlier point are never chosen again.
 */
export function keyPoints(
  articles: readonly StoryArticle[],
  k: number,
  opts: { onlyFresh?: boolean; posted?: readonly Point[]; only?: (articleId: string, idx: number) => boolean } = {},
): Point[] {
  const posted = opts.posted ?? [];
  const postedKeys = new Set(posted.map((p) => `${p.articleId}\u0000${p.idx}`));
  const pool: Candidate[] = [];
  const seenText = new Set<string>();
  for (const article of articles) {
    if (opts.onlyFresh && !article.fresh) continue;
    for (const s of article.sentences) {
      const text = s.text.replace(/\s+/g, ' ').trim();
      if (text.split(' ').length < MIN_WORDS || postedKeys.has(`${article.meta.id}\u0000${s.idx}`)) continue;
      if (opts.only && !opts.only(article.meta.id, s.idx)) continue;
      const norm = text.toLowerCase();
      if (seenText.has(norm)) continue; // the same sentence in two versions of a report
      seenText.add(norm);
      pool.push({ article, idx: s.idx, text: s.text });
    }
  }
  if (!pool.length || k <= 0) return [];
  const words = pool.map((c) => contentWords(c.text));
  const vectors = tfidfVectors([...words, ...posted.map((p) => contentWords(p.text))]);
  const sv = vectors.slice(0, pool.length);
  const pv = vectors.slice(pool.length);
  // A sentence that repeats an earlier point is out, whichever article it comes from.
  const fresh = pool.map((_, i) => !pv.some((v) => cosine(sv[i], v) >= SAME_POINT));
  const sim = similarityMatrix(sv);
  const pr = pagerank(sim);
  let maxPr = 0;
  for (const v of pr) maxPr = Math.max(maxPr, v);
  const score = pool.map((c, i) =>
    fresh[i] ? (maxPr ? pr[i] / maxPr : 0) + LEAD_LIFT / (1 + c.idx) + (c.article.fresh ? FRESH_LIFT : 0) : -Infinity,
  );
  const several = new Set(pool.map((c) => c.article.meta.id)).size > 1;
  // Greedy MMR: each step takes the best score less its likeness to the points already taken,
  // skipping repeats of a taken point and a third point from one article.
  const picked: number[] = [];
  const perArticle = new Map<string, number>();
  const maxSim = new Float64Array(pool.length);
  while (picked.length < k) {
    let best = -1;
    let bestVal = -Infinity;
    for (let i = 0; i < pool.length; i++) {
      if (score[i] === -Infinity || picked.includes(i) || maxSim[i] >= SAME_POINT) continue;
      if (several && (perArticle.get(pool[i].article.meta.id) ?? 0) >= PER_ARTICLE) continue;
      const v = MMR_LAMBDA * score[i] - (1 - MMR_LAMBDA) * maxSim[i];
      if (v > bestVal) {
        best = i;
        bestVal = v;
      }
    }
    if (best < 0) break;
    picked.push(best);
    perArticle.set(pool[best].article.meta.id, (perArticle.get(pool[best].article.meta.id) ?? 0) + 1);
    for (let i = 0; i < pool.length; i++) if (sim[best][i] > maxSim[i]) maxSim[i] = sim[best][i];
  }
  return picked.map((i) => ({ articleId: pool[i].article.meta.id, idx: pool[i].idx, text: pool[i].text }));
}
