import { rankedSummary } from '../text/summarize/centrality.js';
import type { DigestSummarizer } from './compose.js';

/**
 * Summaries already made, by article version: at a fan-out the same day's articles go into
 * hundreds of digests, and the ranked summary (a similarity graph per article) is the costly part
 * of composing one. Bounded; cleared when full.
 */
const made = new Map<string, string[]>();
const MAX_REMEMBERED = 4000;

/** The offline summarizer for digests: the text module's ranked extractive summary, best first. */
export const extractiveSummarizer: DigestSummarizer = (article, max) => {
  const { meta, sentences } = article;
  const key = `${meta.id}\u0000${meta.updatedAt}\u0000${max}\u0000${sentences.length}\u0000${meta.title}`;
  let summary = made.get(key);
  if (!summary) {
    summary = rankedSummary(sentences, max, { title: meta.title }).map((i) => sentences[i]);
    if (made.size >= MAX_REMEMBERED) made.clear();
    made.set(key, summary);
  }
  return [...summary];
};
