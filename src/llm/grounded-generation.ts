import type OpenAI from 'openai';
import type { Logger } from 'pino';
import { withDeadline } from './call-deadline.js';
import { parseCompletion, responseFormatFor } from './claims-format.js';
import { classifyError } from './classify-error.js';
import type { ResolvedLlmConfig } from './config.js';
import type { FormatNegotiator } from './format-fallback.js';
import type { FallbackReason, LlmMetrics } from './metrics.js';
import type { Passage } from './passage.js';
import { checkGrounding, MIN_HEADLINE_WORD_OVERLAP } from './grounding.js';
import { buildMessages, type Task } from './prompt.js';
import { ReplyCache } from './reply-cache.js';
import type { TokenLedger } from './token-ledger.js';
import { enoughSurvived, verifyClaims, type DroppedClaim, type VerifiedClaim } from './verify-claims.js';

/** The model's verified claims, or why the extractive path must answer instead. */
export type Generation =
  | { ok: true; claims: VerifiedClaim[]; dropped: DroppedClaim[]; tokens: number }
  | { ok: false; reason: FallbackReason; detail?: string };

export interface GenerationContext {
  client: OpenAI;
  config: ResolvedLlmConfig;
  ledger: TokenLedger;
  cache: ReplyCache<Generation>;
  format: FormatNegotiator;
  logger: Logger;
  metrics?: LlmMetrics;
}

/** Rough prompt size in tokens (about four characters each in English), for the budget check. */
export const estimateTokens = (messages: OpenAI.Chat.ChatCompletionMessageParam[]) =>
  Math.ceil(messages.reduce((n, m) => n + String(m.content ?? '').length, 0) / 4);

/** Cache, budget, one deadline-bound call, strict parsing, verification; counted and logged. */
export async function runGeneration(
  ctx: GenerationContext,
  task: Task,
  passages: readonly Passage[],
): Promise<Generation> {
  const started = Date.now();
  const finish = (g: Generation, extra: Record<string, unknown> = {}, cached = false): Generation => {
    const elapsedMs = Date.now() - started;
    ctx.metrics?.llmCall(g.ok ? (cached ? 'cache_hit' : 'ok') : 'fallback');
    if (!g.ok) ctx.metrics?.llmFallback(g.reason);
    const fields = { kind: task.kind, elapsedMs, tokensToday: ctx.ledger.today(), cached, ...extra };
    if (g.ok)
      ctx.logger.info(
        { ...fields, claims: g.claims.length, dropped: g.dropped.length, tokens: cached ? 0 : g.tokens },
        'llm reply verified',
      );
    else ctx.logger.warn({ ...fields, reason: g.reason, detail: g.detail }, 'llm unavailable, extractive fallback');
    return g;
  };

  if (passages.length === 0) return finish({ ok: false, reason: 'no_passages' });

  const question = task.kind === 'answer' ? task.question : task.kind === 'brief' ? (task.topic ?? '') : '';
  const key = ReplyCache.key({ kind: task.kind, model: ctx.config.model, question, passages });
  const hit = ctx.cache.get(key);
  if (hit) return finish(await hit, {}, true);

  const messages = buildMessages(task, passages);
  const estimate = estimateTokens(messages) + ctx.config.maxOutputTokens;
  if (!ctx.ledger.allows(estimate)) {
    return finish({
      ok: false,
      reason: 'budget_exhausted',
      detail: `${ctx.ledger.thisMonth()} of ${ctx.ledger.monthlyBudget} tokens used this month`,
    });
  }

  const release = ctx.ledger.reserve(estimate);
  const run = callAndVerify(ctx, task, messages, passages).finally(release);
  ctx.cache.set(
    key,
    run.then((r) => r.generation),
    (g) => g.ok,
  );
  const { generation, attempts } = await run;
  return finish(generation, { attempts });
}

type Attempted = { generation: Generation; attempts: number };

async function callAndVerify(
  ctx: GenerationContext,
  task: Task,
  messages: OpenAI.Chat.ChatCompletionMessageParam[],
  passages: readonly Passage[],
): Promise<Attempted> {
  let completion: unknown;
  let attempts = 0;
  try {
    const { value, state } = await withDeadline(ctx.config.timeoutMs, async (signal) => {
      // A format rejection is retried at once with a simpler format, inside the same deadline.
      for (;;) {
        try {
          return await ctx.client.chat.completions.create(requestBody(ctx, messages), {
            signal,
            timeout: ctx.config.timeoutMs,
          });
        } catch (e) {
          const next = ctx.format.downgradeAfter(e);
          if (!next) throw e;
          ctx.logger.warn({ responseFormat: next }, 'server rejected the output format; asking for a simpler one');
        }
      }
    });
    completion = value;
    attempts = state.attempts;
  } catch (e) {
    attempts = (e as { callState?: { attempts: number } })?.callState?.attempts ?? 0;
    const detail = e instanceof Error ? e.message.slice(0, 200) : String(e);
    return { generation: { ok: false, reason: classifyError(e), detail }, attempts };
  }
  return { generation: checkCompletion(ctx, task, completion, messages, passages), attempts };
}

function requestBody(
  ctx: GenerationContext,
  messages: OpenAI.Chat.ChatCompletionMessageParam[],
): OpenAI.Chat.ChatCompletionCreateParamsNonStreaming {
  const body: OpenAI.Chat.ChatCompletionCreateParamsNonStreaming = { model: ctx.config.model, messages };
  // OpenAI's newer models accept only max_completion_tokens; many compatible servers only max_tokens.
  if (isOpenAi(ctx.config.baseUrl)) body.max_completion_tokens = ctx.config.maxOutputTokens;
  else body.max_tokens = ctx.config.maxOutputTokens;
  const format = responseFormatFor(ctx.format.mode);
  if (format) body.response_format = format;
  return body;
}

function isOpenAi(baseUrl: string | undefined): boolean {
  if (!baseUrl) return true;
  try {
    return new URL(baseUrl).hostname === 'api.openai.com';
  } catch {
    return false;
  }
}

function checkCompletion(
  ctx: GenerationContext,
  task: Task,
  completion: unknown,
  messages: OpenAI.Chat.ChatCompletionMessageParam[],
  passages: readonly Passage[],
): Generation {
  const usage = (completion as { usage?: { total_tokens?: number } } | undefined)?.usage?.total_tokens;
  const tokens = typeof usage === 'number' && usage > 0 ? usage : estimateTokens(messages);
  ctx.ledger.record(tokens);
  ctx.metrics?.tokens(tokens);

  const parsed = parseCompletion(completion);
  if (!parsed.ok) return parsed;
  if (parsed.claims.length === 0) return { ok: false, reason: 'no_claims' };
  // A headline is the first claim alone: a verified second one cannot rescue a made-up first.
  const claims = task.kind === 'headline' ? parsed.claims.slice(0, 1) : parsed.claims;
  const verification = verifyClaims(claims, passages);
  if (verification.dropped.length)
    ctx.logger.info({ kind: task.kind, dropped: verification.dropped }, 'llm claims dropped by verification');
  if (!enoughSurvived(verification)) {
    return {
      ok: false,
      reason: 'unverified_claims',
      detail: `${verification.kept.length} of ${claims.length} claims verified`,
    };
  }
  if (task.kind === 'headline') {
    const [headline] = verification.kept;
    const words = checkGrounding(
      headline.text,
      headline.passages.map((n) => passages[n - 1].text),
      MIN_HEADLINE_WORD_OVERLAP,
    );
    if (!words.ok) {
      ctx.logger.info({ kind: task.kind, dropped: [{ text: headline.text, why: words.why }] }, 'llm headline dropped');
      return { ok: false, reason: 'unverified_claims', detail: `headline: ${words.why}` };
    }
  }
  return { ok: true, claims: verification.kept, dropped: verification.dropped, tokens };
}
