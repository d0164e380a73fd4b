import type { Briefer } from '../core/services.js';
import type { ArticleStore } from '../store/article-store.js';
import { citeClaims, llmBriefReply, markExtractive } from './build-reply.js';
import type { Llm } from './client.js';
import { collectBriefPassages } from './collect-passages.js';
import type { Passage } from './passage.js';

/** The extractive briefer is the floor; passages come from a collector or, by default, the store. */
export type LlmBrieferDeps = { fallback: Briefer } & (
  | { collect: (topic?: string) => Promise<readonly Passage[]> }
  | { store: ArticleStore }
);

/** /brief and digests through the model, verified, with the extractive briefing as the floor. */
export function createLlmBriefer(llm: Llm, deps: LlmBrieferDeps): Briefer {
  const collect = 'collect' in deps ? deps.collect : (topic?: string) => collectBriefPassages(deps.store, topic);
  return {
    async brief(topic) {
      const passages = await collect(topic);
      const generation = await llm.generate({ kind: 'brief', topic }, passages);
      if (!generation.ok) return markExtractive(await deps.fallback.brief(topic), generation.reason);
      return llmBriefReply(llm.model, citeClaims(generation.claims, passages), topic);
    },
  };
}
