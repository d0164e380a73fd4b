import type { ArticleMeta, ArticleStore, SentenceHit } from '../../store/article-store.js';
import { analyzeQuestion, type QuestionAnalysis } from './question.js';
import { rankCandidates, type Candidate, type IdfTable } from './rank.js';
import { searchVariants } from './terms.js';

type OkQuestion = Extract<QuestionAnalysis, { kind: 'ok' }>;

/** A retrieved sentence for grounded generation (the LLM path quotes and cites these). */
export interface Passage {
  articleId: string;
  sentenceIdx: number;
  text: string;
  article: ArticleMeta;
  score: number;
}

/** BM25 candidates fetched per question before reranking. */
const CANDIDATES = 300;
/** Document-frequency counts stop here: beyond it a word is common and its exact count does not matter. */
const DF_CAP = 500;

export interface Retrieval {
  candidates: Candidate[];
  idf: IdfTable;
  /** Sentences in the store containing each term key (capped at DF_CAP). */
  df: Map<string, number>;
}

/** Sentence counts only scale the idf, so a count up to this old is good enough (stats can be slow on big stores). */
const COUNT_TTL_MS = 30_000;
const counts = new WeakMap<ArticleStore, { n: number; at: number }>();

async function sentenceCount(store: ArticleStore): Promise<number> {
  const hit = counts.get(store);
  if (hit && Date.now() - hit.at < COUNT_TTL_MS) return hit.n;
  const n = Math.max(1, (await store.stats()).sentences);
  counts.set(store, { n, at: Date.now() });
  return n;
}

/** Whether any sentence holds the phrase: a count that stops at one where the store can count (no bm25 over every match). */
export async function occurs(store: ArticleStore, phrase: string): Promise<boolean> {
  if (store.countSentences) return (await store.countSentences([phrase], 1)) > 0;
  return (await store.searchSentences([phrase], { limit: 1 })).length > 0;
}

/** BM25 over sentences (the store), then the question-aware rerank. */
export async function retrieve(store: ArticleStore, q: OkQuestion): Promise<Retrieval> {
  const n = await sentenceCount(store);
  const idf: IdfTable = new Map();
  const df = new Map<string, number>();
  const searchTerms: string[] = [];
  for (const t of q.terms) {
    const forms = searchVariants(t.text);
    searchTerms.push(...forms);
    // A count, not rows: stores that can count skip ranking and loading up to DF_CAP sentences a term.
    const count = store.countSentences ? await store.countSentences(forms, DF_CAP) : (await store.searchSentences(forms, { limit: DF_CAP })).length;
    df.set(t.key, count);
    idf.set(t.key, Math.log(1 + n / (count + 1)));
  }
  const hits: SentenceHit[] = await store.searchSentences([...new Set(searchTerms)], { limit: CANDIDATES });
  return { candidates: rankCandidates(q, hits, idf), idf, df };
}

/** The k best sentences for a question, best first (no confidence cut: the caller decides). */
export async function retrievePassages(store: ArticleStore, question: string, k: number): Promise<Passage[]> {
  const q = analyzeQuestion(question);
  if (q.kind !== 'ok' || k <= 0) return [];
  const { candidates } = await retrieve(store, q);
  return candidates.slice(0, k).map((c) => ({
    articleId: c.hit.articleId,
    sentenceIdx: c.hit.idx,
    text: c.hit.text,
    article: c.hit.article,
    score: c.score,
  }));
}
