import type { Answerer } from '../../core/services.js';
import type { Reply } from '../../core/reply.js';
import type { ArticleStore } from '../../store/article-store.js';
import { answerContext } from './answer-context.js';
import { compose, unusableQuestion } from './compose.js';
import { analyzeQuestion } from './question.js';
import { defaultRanker, type Ranker } from './ranker.js';
import { strategiesFor, type Strategy } from './strategies.js';
import type { Llm } from '../../llm/client.js';

export interface AnswererOptions {
  ranker?: Ranker;
  /** A configured model: it writes answers, checked against the sources, before extraction. */
  llm?: Pick<Llm, 'model' | 'generate'>;
  strategies?: readonly Strategy[];
}

/** /ask: analyse the question once, try the strategies in order, compose the one Reply. */
export function createAnswerer(store: ArticleStore, opts: AnswererOptions = {}): Answerer {
  const ranker = opts.ranker ?? defaultRanker();
  const strategies = opts.strategies ?? strategiesFor(opts.llm);
  return {
    async answer(question: string): Promise<Reply> {
      const q = analyzeQuestion(question);
      if (q.kind === 'empty') {
        return unusableQuestion(
          q.reason === 'no-words'
            ? 'That question has no words in it. Ask about something in the coverage, e.g. “Who met in Mexico City?”'
            : 'That question is only common words (like “what is the”), so there is nothing to look up. Name what you want to know about.',
        );
      }
      if (q.kind === 'foreign')
        return unusableQuestion(
          'I can only answer questions in English (the articles in the store are in English). Please rephrase your question in English.',
        );
      const ctx = answerContext(q, store, ranker);
      for (const strategy of strategies) {
        const outcome = await strategy(ctx);
        if (outcome) return compose(q.text, outcome, { llmFallback: ctx.llmFallback });
      }
      // The last strategy (extract) always decides; this is only reached with a custom list.
      return compose(q.text, {
        kind: 'refused',
        message: `Not in the store: nothing in the articles I have answers “${q.text}”.`,
        closest: await ctx.closest(),
      });
    },
  };
}
