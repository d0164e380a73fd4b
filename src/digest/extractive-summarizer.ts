import { rankedSummary } from '../text/summarize/centrality.js';
import type { DigestSummarizer } from './compose.js';

/** The offline summarizer for digests: the text module's ranked extractive summary, best first. */
export const extractiveSummarizer: DigestSummarizer = (article, max) =>
  rankedSummary(article.sentences, max, { title: article.meta.title }).map((i) => article.sentences[i]);
