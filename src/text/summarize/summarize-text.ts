import { splitSentences } from '../split.js';
import { rankedSummary } from './centrality.js';

export interface SummaryOptions {
  /** Number of sentences to keep. */
  sentences?: number;
  /** Share of the text's sentences to keep, 0 < ratio ≤ 1 (used when `sentences` is absent). */
  ratio?: number;
}

/** Sentences kept when neither a count nor a ratio is given. */
export const DEFAULT_SUMMARY_SENTENCES = 5;

/** How many sentences a summary of `n` sentences keeps under the options (at least 1 when n > 0). */
export function summaryLength(n: number, opts: SummaryOptions = {}): number {
  if (n === 0) return 0;
  if (opts.sentences !== undefined) {
    if (!Number.isFinite(opts.sentences) || opts.sentences < 1)
      throw new RangeError('sentences must be a positive number');
    return Math.min(n, Math.floor(opts.sentences));
  }
  if (opts.ratio !== undefined) {
    if (!Number.isFinite(opts.ratio) || opts.ratio <= 0 || opts.ratio > 1)
      throw new RangeError('ratio must be in (0, 1]');
    return Math.max(1, Math.min(n, Math.round(opts.ratio * n)));
  }
  return Math.min(n, DEFAULT_SUMMARY_SENTENCES);
}

/** An extractive summary of one text, its sentences in the text's own order (`briefbot summarize`). */
export function summarizeText(text: string, opts: SummaryOptions = {}): string[] {
  const sentences = splitSentences(text).map((s) => s.text);
  const k = summaryLength(sentences.length, opts);
  return rankedSummary(sentences, k).map((i) => sentences[i]);
}
