import OpenAI from 'openai';
import type { Logger } from 'pino';
import type { LlmStatus } from '../core/services.js';
import { deadlineAwareFetch } from './call-deadline.js';
import {
  displayEndpoint,
  OPENAI_DEFAULT_BASE_URL,
  resolveLlmConfig,
  type LlmConfig,
  type ResolvedLlmConfig,
} from './config.js';
import { FormatNegotiator } from './format-fallback.js';
import { runGeneration, type Generation } from './grounded-generation.js';
import type { LlmMetrics } from './metrics.js';
import type { Passage } from './passage.js';
import type { Task } from './prompt.js';
import { ReplyCache } from './reply-cache.js';
import { TokenLedger } from './token-ledger.js';

export interface LlmDeps {
  logger: Logger;
  /** Decides the day and month tokens are counted against, and cache ages. */
  clock: () => Date;
  metrics?: LlmMetrics;
  /** For tests and proxies; defaults to the global fetch. */
  fetch?: typeof fetch;
}

/** Time over the deadline allowed for aborting and handing over to the fallback (see docs/llm.md). */
export const FALLBACK_MARGIN_MS = 1000;

/** The optional LLM path: grounded generation plus the status line /sources shows. */
export interface Llm extends LlmStatus {
  readonly model: string;
  /** Base URL without credentials or query, safe to show. */
  readonly endpoint: string;
  /** The whole call, retries included, is abandoned after this many ms. */
  readonly timeoutMs: number;
  /** Upper bound for generate() to settle: timeoutMs + FALLBACK_MARGIN_MS. */
  readonly settleWithinMs: number;
  generate(task: Task, passages: readonly Passage[]): Promise<Generation>;
  tokensToday(): number;
  tokensThisMonth(): number;
}

/**
 * Builds the LLM path, or returns undefined when neither a key nor a base URL is configured
 * (the composition root then logs "offline: extractive summaries" once). Reads no environment:
 * every setting arrives through `config`.
 */
export function createLlm(config: LlmConfig, deps: LlmDeps): Llm | undefined {
  const cfg = resolveLlmConfig(config);
  if (!cfg.apiKey && !cfg.baseUrl) return undefined;
  const baseURL = cfg.baseUrl ?? OPENAI_DEFAULT_BASE_URL;
  const client = new OpenAI({
    // Local servers (Ollama, llama.cpp, vLLM) ignore the key but the SDK requires a non-empty one.
    apiKey: cfg.apiKey ?? 'not-needed',
    baseURL,
    timeout: cfg.timeoutMs,
    maxRetries: cfg.maxRetries,
    organization: null,
    project: null,
    fetch: deadlineAwareFetch(deps.fetch ?? globalThis.fetch),
    logLevel: 'warn',
    logger: sdkLogger(deps.logger),
  });
  const ledger = new TokenLedger(deps.clock, cfg.monthlyTokenBudget);
  const cache = new ReplyCache<Generation>(deps.clock, cfg.cacheTtlMs);
  const endpoint = displayEndpoint(baseURL);
  const format = new FormatNegotiator(cfg.responseFormat);
  const ctx = {
    client,
    config: cfg,
    ledger,
    cache,
    format,
    logger: deps.logger.child({ component: 'llm' }),
    metrics: deps.metrics,
  };

  return {
    model: cfg.model,
    endpoint,
    timeoutMs: cfg.timeoutMs,
    settleWithinMs: cfg.timeoutMs + FALLBACK_MARGIN_MS,
    generate: (task, passages) => runGeneration(ctx, task, passages),
    tokensToday: () => ledger.today(),
    tokensThisMonth: () => ledger.thisMonth(),
    describe: () => describeStatus(cfg, endpoint, ledger),
  };
}

const fmt = (n: number) => n.toLocaleString('en-US');

function describeStatus(cfg: ResolvedLlmConfig, endpoint: string, ledger: TokenLedger): string {
  return `LLM: ${cfg.model} via ${endpoint} — ${fmt(ledger.today())} tokens today, ${fmt(ledger.thisMonth())} this month of ${fmt(cfg.monthlyTokenBudget)}`;
}

/** The SDK logs (message, ...details); pino wants (object, message). */
function sdkLogger(logger: Logger) {
  const child = logger.child({ component: 'openai-sdk' });
  const at =
    (level: 'error' | 'warn' | 'info' | 'debug') =>
    (message: string, ...rest: unknown[]) =>
      child[level](rest.length ? { details: rest.map(String) } : {}, String(message));
  return { error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') };
}
