/** Settings of the optional LLM path; the app-wide config (src/config/) validates and fills them. */
export interface LlmConfig {
  /** Secret; never logged, never put in a prompt. */
  apiKey?: string;
  /** Any OpenAI-compatible server, e.g. http://localhost:11434/v1 for Ollama. */
  baseUrl?: string;
  model: string;
  /** Deadline for the whole call, retries included (default 20 000 ms). */
  timeoutMs?: number;
  /** Retries the SDK may make inside that deadline (default 2). */
  maxRetries?: number;
  maxOutputTokens?: number;
  /** Tokens (prompt + completion) allowed per calendar month, UTC; 0 disables the LLM path. */
  monthlyTokenBudget?: number;
  /** How long an identical request (same question, same passages) is answered from memory. */
  cacheTtlMs?: number;
  /**
   * How the output format is requested: 'json_schema' (OpenAI structured outputs, Ollama ≥ 0.5,
   * vLLM, llama.cpp's server), 'json_object' (older JSON mode) or 'none'. The reply is parsed
   * strictly and verified in every case.
   */
  responseFormat?: 'json_schema' | 'json_object' | 'none';
}

export const OPENAI_DEFAULT_BASE_URL = 'https://api.openai.com/v1';

/** Defaults, exported so the app-wide config schema can use the same values. */
export const LLM_DEFAULTS = {
  model: 'gpt-4o-mini',
  timeoutMs: 20_000,
  maxRetries: 2,
  maxOutputTokens: 800,
  monthlyTokenBudget: 2_000_000,
  cacheTtlMs: 10 * 60_000,
  responseFormat: 'json_schema',
} as const;

export type ResolvedLlmConfig = Required<Omit<LlmConfig, 'apiKey' | 'baseUrl'>> & {
  apiKey?: string;
  baseUrl?: string;
};

/** Fills defaults; blank strings count as unset (an empty env var must not switch the LLM on). */
export function resolveLlmConfig(config: LlmConfig): ResolvedLlmConfig {
  const blank = (s?: string) => (s && s.trim() ? s.trim() : undefined);
  return {
    apiKey: blank(config.apiKey),
    baseUrl: blank(config.baseUrl),
    model: blank(config.model) ?? LLM_DEFAULTS.model,
    timeoutMs: config.timeoutMs ?? LLM_DEFAULTS.timeoutMs,
    maxRetries: config.maxRetries ?? LLM_DEFAULTS.maxRetries,
    maxOutputTokens: config.maxOutputTokens ?? LLM_DEFAULTS.maxOutputTokens,
    monthlyTokenBudget: config.monthlyTokenBudget ?? LLM_DEFAULTS.monthlyTokenBudget,
    cacheTtlMs: config.cacheTtlMs ?? LLM_DEFAULTS.cacheTtlMs,
    responseFormat: config.responseFormat ?? LLM_DEFAULTS.responseFormat,
  };
}

/** The base URL as it may be shown: no credentials, no query string. */
export function displayEndpoint(baseUrl: string): string {
  try {
    const u = new URL(baseUrl);
    return `${u.protocol}//${u.host}${u.pathname.replace(/\/$/, '')}`;
  } catch {
    return '(invalid base URL)';
  }
}
