import { z } from 'zod';
import type OpenAI from 'openai';
import type { FallbackReason } from './metrics.js';

/** What the model must return: claims, each resting on numbered passages, with exact quotes. */
export interface ModelClaim {
  text: string;
  passages: number[];
  quotes: string[];
}

const claimSchema = z
  .object({
    text: z.string(),
    passages: z.array(z.number()),
    quotes: z.array(z.string()).default([]),
  })
  .strict();

const outputSchema = z.object({ claims: z.array(claimSchema).max(20) }).strict();

/** The same shape as JSON Schema for `response_format` (strict mode: all fields required, no extras). */
export const CLAIMS_JSON_SCHEMA = {
  type: 'object',
  properties: {
    claims: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          text: { type: 'string', description: 'One self-contained statement supported by the cited passages.' },
          passages: { type: 'array', items: { type: 'integer' }, description: 'Numbers of the passages it rests on.' },
          quotes: {
            type: 'array',
            items: { type: 'string' },
            description: 'Words copied exactly from those passages.',
          },
        },
        required: ['text', 'passages', 'quotes'],
        additionalProperties: false,
      },
    },
  },
  required: ['claims'],
  additionalProperties: false,
} as const;

export function responseFormatFor(
  mode: 'json_schema' | 'json_object' | 'none',
): OpenAI.Chat.ChatCompletionCreateParams['response_format'] {
  if (mode === 'json_schema') {
    return { type: 'json_schema', json_schema: { name: 'grounded_claims', strict: true, schema: CLAIMS_JSON_SCHEMA } };
  }
  if (mode === 'json_object') return { type: 'json_object' };
  return undefined;
}

export type ParsedOutput = { ok: true; claims: ModelClaim[] } | { ok: false; reason: FallbackReason; detail: string };

/**
 * Reads the completion strictly. The body itself may not be a completion at all (a proxy's HTML
 * page parses to a string), so nothing about its shape is assumed.
 */
export function parseCompletion(completion: unknown): ParsedOutput {
  if (!completion || typeof completion !== 'object' || !Array.isArray((completion as { choices?: unknown }).choices)) {
    return { ok: false, reason: 'malformed_output', detail: 'response is not a chat completion' };
  }
  const choice = (completion as OpenAI.Chat.ChatCompletion).choices[0];
  if (!choice?.message) return { ok: false, reason: 'empty_output', detail: 'no choices' };
  const { message, finish_reason: finish } = choice;
  if (typeof message.refusal === 'string' && message.refusal.trim()) {
    return { ok: false, reason: 'refusal', detail: message.refusal.slice(0, 200) };
  }
  if (finish === 'content_filter') return { ok: false, reason: 'refusal', detail: 'content filter' };
  const content = typeof message.content === 'string' ? message.content.trim() : '';
  if (!content)
    return { ok: false, reason: finish === 'length' ? 'truncated_output' : 'empty_output', detail: 'no content' };

  let json: unknown;
  try {
    json = JSON.parse(unfence(content));
  } catch {
    return finish === 'length'
      ? { ok: false, reason: 'truncated_output', detail: 'output cut off at the token limit' }
      : { ok: false, reason: 'malformed_output', detail: 'content is not JSON' };
  }
  const parsed = outputSchema.safeParse(json);
  if (!parsed.success)
    return { ok: false, reason: 'malformed_output', detail: parsed.error.issues[0]?.message ?? 'schema mismatch' };
  return { ok: true, claims: parsed.data.claims };
}

/** Servers without JSON mode often wrap JSON in one Markdown fence; that much is tolerated, no more. */
function unfence(s: string): string {
  if (!s.startsWith('```') || !s.endsWith('```')) return s;
  const firstNewline = s.indexOf('\n');
  return firstNewline < 0 ? s : s.slice(firstNewline + 1, -3).trim();
}
