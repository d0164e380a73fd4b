import type { ArticleMeta, ArticleStore, SentenceHit } from '../../store/article-store.js';
import type { Question } from './question.js';
import { searchVariants, wordTokens, type WordToken } from './terms.js';

/** A candidate sentence with what the ranker reads around it. */
export interface Hit {
  sentence: SentenceHit;
  tokens: WordToken[];
  /** Word keys of the sentences just before and after it in its article. */
  prevKeys: ReadonlySet<string>;
  nextKeys: ReadonlySet<string>;
  /** Word keys of its article's headline. */
  headlineKeys: Set<string>;
  /** Word keys of its whole article (headline included). */
  articleKeys: Set<string>;
  /** The article's bm25 for the question, as a share of the best article's (0 when it did not match). */
  articleScore: number;
  /** The article's place in the article ranking (0 = best; articles found only by sentence come after). */
  articleRank: number;
  /** Sentences in its article. */
  articleLength: number;
  /** The question's qualified roles (Question.roles, as "qualifier role") its article states. */
  articleRoles: ReadonlySet<string>;
}

export interface Retrieval {
  hits: Hit[];
  /** Inverse document frequency of each question term key, from sentence counts in the store. */
  idf: Map<string, number>;
  /** Sentences in the store holding each term key (counted up to DF_CAP). */
  df: Map<string, number>;
  /** The store's sentences, for idf. */
  sentences: number;
}

/**
 * How many articles are read whole. Measured on the tuning half of the BBC questions: the
 * article holding the answer is first by article bm25 for 87% of questions, in the first three
 * for 97% and in the first five for 99%; three by article and three by sentence bm25 (often the
 * same ones) read whole cover the answer's article for 268 of 270 questions.
 */
const ARTICLES_BY_ARTICLE = 3;
const ARTICLES_BY_SENTENCE = 3;
/** Sentence hits read to find the articles whose single sentences match best. */
const SENTENCE_HITS = 30;
/** Document-frequency counts stop here: beyond it a word is common and its exact count does not matter. */
const DF_CAP = 500;
/**
 * The article search reads the question's rarest words, as many as fit in this many sentence
 * postings (at least one word): a common word's postings run through most of a large store and
 * move the bm25 order of whole articles little. At 100,000 articles "said" alone took 278 ms of
 * an article search and "Duchy" 7 ms; on the 1,781-article dev store the cut leaves the eval's
 * answers unchanged (docs/answer-quality.md).
 */
const POSTINGS_BUDGET = 1000;

function rarestTerms(terms: { forms: string[]; count: number }[]): string[] {
  const out: string[] = [];
  let postings = 0;
  for (const t of [...terms].sort((a, b) => a.count - b.count)) {
    if (out.length && postings + t.count > POSTINGS_BUDGET) break;
    postings += t.count;
    out.push(...t.forms);
  }
  return [...new Set(out)];
}

/**
 * The sentence search's words: those under the postings budget. The sentence search only picks
 * the articles whose single sentences match best, and a common word ("said", "year") reads
 * postings across most of a large store while hardly moving which sentences match best.
 */
function uncommonTerms(terms: { forms: string[]; count: number }[]): string[] {
  return [...new Set(terms.filter((t) => t.count < POSTINGS_BUDGET).flatMap((t) => t.forms))];
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

/** Whether any sentence holds the phrase (a count that stops at one). */
export async function occurs(store: ArticleStore, phrase: string): Promise<boolean> {
  return (await store.countSentences([phrase], 1)) > 0;
}

const EMPTY: ReadonlySet<string> = new Set();
const keysOf = (text: string) => new Set(wordTokens(text).map((t) => t.key));

/**
 * Which of the question's qualified roles the sentences state: the role noun with its qualifier
 * a few words before it ("Mexican President", "Scottish Finance Minister") or after it ("Prime
 * Minister of Canada").
 */
function rolesStated(q: Question, sentences: WordToken[][]): Set<string> {
  const found = new Set<string>();
  for (const toks of sentences) {
    toks.forEach((t, i) => {
      for (const r of q.roles) {
        if (t.key !== r.role) continue;
        const near = [...toks.slice(Math.max(0, i - 4), i), ...toks.slice(i + 1, i + 4)];
        if (near.some((w) => w.key === r.qualifier)) found.add(`${r.qualifier} ${r.role}`);
      }
    });
  }
  return found;
}

/**
 * The candidate sentences for a question: every sentence of the few articles that match it best,
 * by article bm25 and by their best sentence's bm25, each with its neighbours, headline and
 * article around it. An answer often sits in a sentence that shares few words with the question
 * ("It sold out in 36 hours") while its article shares many, so sentences are read by article.
 */
export async function retrieve(store: ArticleStore, q: Question): Promise<Retrieval> {
  const n = await sentenceCount(store);
  const idf = new Map<string, number>();
  const df = new Map<string, number>();
  const searchTerms: string[] = [];
  const byRarity: { forms: string[]; count: number }[] = [];
  for (const t of q.terms) {
    const forms = searchVariants(t.text);
    searchTerms.push(...forms);
    const count = await store.countSentences(forms, POSTINGS_BUDGET);
    df.set(t.key, Math.min(count, DF_CAP));
    idf.set(t.key, Math.log(1 + n / (Math.min(count, DF_CAP) + 1)));
    byRarity.push({ forms, count });
  }
  const terms = [...new Set(searchTerms)];
  // When even the rarest word is common (more than the budget's postings), a whole-article bm25
  // costs as much as the sentence search and ranks articles no better: the articles of the best
  // sentences are read instead.
  const allCommon = byRarity.every((t) => t.count >= POSTINGS_BUDGET);
  const [articles, sentenceHits] = await Promise.all([
    allCommon ? [] : store.searchArticles(rarestTerms(byRarity), { limit: ARTICLES_BY_ARTICLE, snippet: false }),
    store.searchSentences(allCommon ? terms : uncommonTerms(byRarity), { limit: SENTENCE_HITS }),
  ]);
  const best = Math.max(1e-9, ...articles.map((a) => a.score));
  const ranked: { article: ArticleMeta; score: number }[] = articles.map((a) => ({
    article: a.article,
    score: a.score / best,
  }));
  for (const h of sentenceHits) {
    if (ranked.length >= ARTICLES_BY_ARTICLE + ARTICLES_BY_SENTENCE) break;
    if (!ranked.some((r) => r.article.id === h.articleId)) ranked.push({ article: h.article, score: 0 });
  }
  const hits: Hit[] = [];
  for (const [rank, r] of ranked.entries()) {
    const sentences = await store.sentencesOf(r.article.id);
    const keys = sentences.map((s) => keysOf(s.text));
    const headlineKeys = keysOf(r.article.title);
    const articleKeys = new Set([...headlineKeys, ...keys.flatMap((k) => [...k])]);
    const articleRoles = q.roles.length
      ? rolesStated(
          q,
          sentences.map((s) => wordTokens(s.text)),
        )
      : EMPTY;
    sentences.forEach((s, i) => {
      hits.push({
        sentence: s,
        tokens: wordTokens(s.text),
        prevKeys: keys[i - 1] ?? EMPTY,
        nextKeys: keys[i + 1] ?? EMPTY,
        headlineKeys,
        articleKeys,
        articleScore: r.score,
        articleRank: rank,
        articleLength: sentences.length,
        articleRoles,
      });
    });
  }
  return { hits, idf, df, sentences: n };
}
