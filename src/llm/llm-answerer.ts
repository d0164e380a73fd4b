import type { Answerer } from '../core/services.js';
import { compose } from '../text/answer/compose.js';
import { markExtractive } from './build-reply.js';
import { writeAnswer } from '../text/answer/strategies/llm.js';
import type { Llm } from './client.js';
import type { Passage } from './passage.js';

export interface LlmAnswererDeps {
  /** Top passages for a question. */
  retrieve: (question: string) => Promise<readonly Passage[]>;
  /** The extractive answerer, used whenever the model's reply cannot be posted. */
  fallback: Answerer;
}

/**
 * /ask through the model over passages from elsewhere, with another answerer as the floor. The
 * bot itself runs the model as one of the answerer's strategies (createAnswerer's `llm`); this
 * serves callers with their own passage source. Both write through the same step and compose.
 */
export function createLlmAnswerer(llm: Llm, deps: LlmAnswererDeps): Answerer {
  return {
    async answer(question) {
      const written = await writeAnswer(llm, question, await deps.retrieve(question));
      if (!('fallback' in written)) return compose(question, written);
      return markExtractive(await deps.fallback.answer(question), written.fallback);
    },
  };
}
