import type { Answerer } from '../core/services.js';
import { citeClaims, llmAnswerReply, markExtractive } from './build-reply.js';
import type { Llm } from './client.js';
import type { Passage } from './passage.js';

export interface LlmAnswererDeps {
  /** Top passages for a question, e.g. (q) => retrievePassages(store, q, 8) from src/text/. */
  retrieve: (question: string) => Promise<readonly Passage[]>;
  /** The extractive answerer, used whenever the model's reply cannot be posted. */
  fallback: Answerer;
}

/** /ask through the model, verified, with the extractive answer as the floor. */
export function createLlmAnswerer(llm: Llm, deps: LlmAnswererDeps): Answerer {
  return {
    async answer(question) {
      const passages = await deps.retrieve(question);
      const generation = await llm.generate({ kind: 'answer', question }, passages);
      if (!generation.ok) return markExtractive(await deps.fallback.answer(question), generation.reason);
      return llmAnswerReply(llm.model, citeClaims(generation.claims, passages));
    },
  };
}
