import type { Llm } from '../../../llm/client.js';
import type { FallbackReason } from '../../../llm/metrics.js';
import type { Passage } from '../../../llm/passage.js';
import type { AnswerContext } from '../answer-context.js';
import type { Written } from '../outcome.js';
import type { Strategy } from '../strategies.js';
import { citeOf } from './cite.js';

/** Passages sent to the model: the ranker's best sentences. */
export const LLM_PASSAGES = 8;

/** The model's answer from these passages, or why there is none (src/llm verifies every claim). */
export async function writeAnswer(
  llm: Pick<Llm, 'model' | 'generate'>,
  question: string,
  passages: readonly Passage[],
): Promise<Written | { fallback: FallbackReason }> {
  const generation = await llm.generate({ kind: 'answer', question }, passages);
  if (!generation.ok) return { fallback: generation.reason };
  return {
    kind: 'written',
    model: llm.model,
    // The quote of a cite is the passage itself, never the model's rendering of it.
    claims: generation.claims.map((c) => ({ text: c.text, cites: c.passages.map((n) => citeOf(passages[n - 1])) })),
  };
}

/**
 * The LLM, when one is configured: it writes from the ranker's best sentences. When it cannot
 * (timeout, refusal, claims the sources do not state), the strategies after it answer and the
 * reply says why the model's answer is missing.
 */
export function llmStrategy(llm: Pick<Llm, 'model' | 'generate'>): Strategy {
  return async (ctx: AnswerContext) => {
    const ranked = await ctx.ranked();
    const passages = ranked.slice(0, LLM_PASSAGES).map((s) => ({
      articleId: s.hit.sentence.articleId,
      sentenceIdx: s.hit.sentence.idx,
      text: s.hit.sentence.text,
      article: s.hit.sentence.article,
    }));
    const written = await writeAnswer(llm, ctx.q.text, passages);
    if ('fallback' in written) {
      ctx.llmFallback = written.fallback;
      return undefined;
    }
    return written;
  };
}
