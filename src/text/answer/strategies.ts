import type { AnswerContext } from './answer-context.js';
import type { Outcome } from './outcome.js';
import type { Llm } from '../../llm/client.js';
import { extract } from './strategies/extract.js';
import { llmStrategy } from './strategies/llm.js';
import { said } from './strategies/said.js';
import { unknownName } from './strategies/unknown-name.js';
import { whoIs } from './strategies/who-is.js';

/** One way of answering: an outcome, or undefined to let the next strategy try. */
export type Strategy = (ctx: AnswerContext) => Promise<Outcome | undefined>;

/**
 * The strategies, tried in order until one decides. A name the store has never seen is refused
 * before anything is searched for (or a model is paid) for it; a configured LLM writes next, from
 * the ranker's best sentences; "who is NAME" and "what did X say" are read from the people and
 * quotes found at ingest; everything else is ranked extraction, which always decides.
 */
export function strategiesFor(llm?: Pick<Llm, 'model' | 'generate'>): Strategy[] {
  return [unknownName, ...(llm ? [llmStrategy(llm)] : []), whoIs, said, extract];
}

/** The strategies without a model. */
export const STRATEGIES: readonly Strategy[] = strategiesFor();
