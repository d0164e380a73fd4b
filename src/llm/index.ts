/** The optional LLM path: what the composition root wires. */
export { createLlm, FALLBACK_MARGIN_MS, type Llm, type LlmDeps } from './client.js';
export { LLM_DEFAULTS, resolveLlmConfig, type LlmConfig } from './config.js';
export { createLlmAnswerer, type LlmAnswererDeps } from './llm-answerer.js';
export { createLlmBriefer, type LlmBrieferDeps } from './llm-briefer.js';
export type { FallbackReason, LlmCallOutcome, LlmMetrics } from './metrics.js';
export type { Passage } from './passage.js';
export { collectBriefPassages } from './collect-passages.js';
export { createHeadlineWriter, type HeadlineWriterDeps } from './headline-writer.js';
