/** Why a reply came from the extractive path instead of the model. */
export type FallbackReason =
  | 'timeout'
  | 'rate_limited'
  | 'server_error'
  | 'connection_error'
  | 'auth_error'
  | 'bad_request'
  | 'malformed_output'
  | 'truncated_output'
  | 'empty_output'
  | 'refusal'
  | 'budget_exhausted'
  | 'no_passages'
  | 'no_claims'
  | 'unverified_claims'
  | 'error';

/** Words shown in the footer "extractive (LLM unavailable: …)". */
export const FALLBACK_PHRASES: Record<FallbackReason, string> = {
  timeout: 'timeout',
  rate_limited: 'rate limited',
  server_error: 'server error',
  connection_error: 'connection failed',
  auth_error: 'authentication failed',
  bad_request: 'request rejected',
  malformed_output: 'malformed response',
  truncated_output: 'truncated response',
  empty_output: 'empty response',
  refusal: 'model refused',
  budget_exhausted: 'monthly token budget exhausted',
  no_passages: 'no matching passages',
  no_claims: 'model found no answer in the passages',
  unverified_claims: 'too few verified claims',
  error: 'unexpected error',
};

/** How one grounded request ended: posted from the model, served from cache, or fell back. */
export type LlmCallOutcome = 'ok' | 'cache_hit' | 'fallback';

/** Hook for the app's metrics (prom-client counters); the hook as a whole is optional. */
export interface LlmMetrics {
  llmCall(outcome: LlmCallOutcome): void;
  llmFallback(reason: FallbackReason): void;
  tokens(n: number): void;
}
