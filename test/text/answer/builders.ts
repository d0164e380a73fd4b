/*
 * Hand-built inputs for the /ask pipeline's steps, so each step is tested on its own without an
 * article store: a question, a sentence as the extractors see it, a retrieved hit, a scored hit.
 */
import type { ArticleMeta } from '../../../src/store/article-store.js';
import type { EntityMention, ResolvedDate } from '../../../src/text/types.js';
import { FEATURE_NAMES, type FeatureName } from '../../../src/text/answer/features.js';
import { analyzeQuestion, type Question } from '../../../src/text/answer/question.js';
import type { Scored } from '../../../src/text/answer/rank.js';
import type { Hit, Retrieval } from '../../../src/text/answer/retrieve.js';
import { wordTokens } from '../../../src/text/answer/terms.js';
import type { Extracted, SentenceView } from '../../../src/text/answer/extract/view.js';
import type { Cite } from '../../../src/text/answer/outcome.js';

/** An analysed question; fails the test when the text is not a usable question. */
export function question(text: string): Question {
  const a = analyzeQuestion(text);
  if (a.kind !== 'ok') throw new Error(`not a usable question (${a.kind}): ${text}`);
  return a;
}

const keysOf = (text: string) => new Set(wordTokens(text).map((t) => t.key));

/** A sentence as the extractors read it, with the analysis (entities, dates) ingest would store. */
export function sentence(
  text: string,
  analysis: { entities?: EntityMention[]; dates?: ResolvedDate[] } = {},
): SentenceView {
  return {
    text,
    tokens: wordTokens(text),
    entities: analysis.entities ?? [],
    dates: analysis.dates ?? [],
    hasNumber: /\d/.test(text),
  };
}

export const person = (text: string): EntityMention => ({ text, type: 'person', key: text.toLowerCase() });
export const place = (text: string): EntityMention => ({ text, type: 'place' });

/** An article's metadata; `published: null` for an undated one. */
export function article(id: string, title = `Article ${id}`, published: string | null = '2021-10-08'): ArticleMeta {
  return {
    id,
    title,
    source: 'test',
    url: `https://example.test/${id}`,
    authors: [],
    published: published ?? undefined,
    publishedInferred: false,
    ingestedAt: '2021-10-08T12:00:00Z',
    updatedAt: '2021-10-08T12:00:00Z',
    contentHash: id,
    version: 1,
  };
}

export interface HitOptions {
  articleId?: string;
  idx?: number;
  headline?: string;
  /** The text of the sentences before and after it (empty: none). */
  prev?: string;
  next?: string;
  /** Other text of its article, beyond the headline and these sentences. */
  rest?: string;
  articleScore?: number;
  articleRank?: number;
  articleLength?: number;
  entities?: EntityMention[];
  dates?: ResolvedDate[];
}

/** A retrieved sentence with the article context retrieve() would put around it. */
export function hit(text: string, o: HitOptions = {}): Hit {
  const articleId = o.articleId ?? 'a1';
  const headline = o.headline ?? `Article ${articleId}`;
  const idx = o.idx ?? 1;
  const prevKeys = keysOf(o.prev ?? '');
  const nextKeys = keysOf(o.next ?? '');
  const headlineKeys = keysOf(headline);
  return {
    sentence: {
      sentenceId: idx,
      articleId,
      idx,
      text,
      score: 0,
      entities: o.entities ?? [],
      dates: o.dates ?? [],
      hasNumber: /\d/.test(text),
      article: article(articleId, headline),
    },
    tokens: wordTokens(text),
    prevKeys,
    nextKeys,
    headlineKeys,
    articleKeys: new Set([...headlineKeys, ...prevKeys, ...nextKeys, ...keysOf(text), ...keysOf(o.rest ?? '')]),
    articleScore: o.articleScore ?? 1,
    articleRank: o.articleRank ?? 0,
    articleLength: o.articleLength ?? 10,
    articleRoles: new Set(),
  };
}

/** A retrieval of these hits; every question term gets idf 1 unless given. */
export function retrieval(q: Question, hits: Hit[], idf: Record<string, number> = {}): Retrieval {
  return {
    hits,
    idf: new Map(q.terms.map((t) => [t.key, idf[t.key] ?? 1])),
    df: new Map(q.terms.map((t) => [t.key, 1])),
    sentences: 1000,
  };
}

/** A feature vector with the named features set and the rest 0. */
export function features(values: Partial<Record<FeatureName, number>> = {}): Float64Array {
  return Float64Array.from(FEATURE_NAMES, (n) => values[n] ?? 0);
}

/** A ranked sentence: its softmax share, score, short answers and features set by hand. */
export function scored(
  text: string,
  o: { p: number; score?: number; spans?: Extracted[]; features?: Partial<Record<FeatureName, number>> } & HitOptions,
): Scored {
  return {
    hit: hit(text, o),
    features: features(o.features),
    spans: o.spans ?? [],
    score: o.score ?? Math.log(o.p),
    p: o.p,
  };
}

export function cite(articleId: string, quote: string): Cite {
  return {
    articleId,
    title: `Article ${articleId}`,
    url: `https://example.test/${articleId}`,
    published: '2021-10-08',
    quote,
  };
}
