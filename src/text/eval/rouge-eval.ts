import { splitSentences } from '../split.js';
import { leadSummary, textRankSummary } from '../summarize/baselines.js';
import { rankedSummary } from '../summarize/centrality.js';
import { rouge, type RougeScores } from './rouge.js';

/** Share of each article's sentences a summary may keep in the ROUGE evaluation. */
export const ROUGE_BUDGET = 0.4;

export type Summarizer = (sentences: string[], k: number) => number[];

export const SUMMARIZERS: Record<string, Summarizer> = {
  lead: leadSummary,
  textrank: textRankSummary,
  'briefbot (centrality + MMR)': (s, k) => rankedSummary(s, k),
};

/** Mean ROUGE F1 (×100) of each summarizer over articles with reference summaries. */
export function rougeTable(
  rows: { text: string; summary: string }[],
  summarizers = SUMMARIZERS,
): Record<string, RougeScores> {
  const sums: Record<string, RougeScores> = {};
  for (const name of Object.keys(summarizers)) sums[name] = { rouge1: 0, rouge2: 0, rougeL: 0 };
  let n = 0;
  for (const row of rows) {
    const sentences = splitSentences(row.text).map((s) => s.text);
    if (!sentences.length) continue;
    n++;
    const k = Math.max(1, Math.round(ROUGE_BUDGET * sentences.length));
    for (const [name, f] of Object.entries(summarizers)) {
      const s = rouge(
        f(sentences, k)
          .map((i) => sentences[i])
          .join(' '),
        row.summary,
      );
      sums[name].rouge1 += s.rouge1;
      sums[name].rouge2 += s.rouge2;
      sums[name].rougeL += s.rougeL;
    }
  }
  for (const s of Object.values(sums)) {
    s.rouge1 = (100 * s.rouge1) / Math.max(1, n);
    s.rouge2 = (100 * s.rouge2) / Math.max(1, n);
    s.rougeL = (100 * s.rougeL) / Math.max(1, n);
  }
  return sums;
}
