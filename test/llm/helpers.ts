import { readFileSync } from 'node:fs';
import { reply, type Reply } from '../../src/core/reply.js';
import type { Answerer, Briefer } from '../../src/core/services.js';
import { silentLogger } from '../../src/log.js';
import { createLlm, type Llm } from '../../src/llm/client.js';
import type { LlmConfig } from '../../src/llm/config.js';
import type { FallbackReason, LlmCallOutcome, LlmMetrics } from '../../src/llm/metrics.js';
import type { Passage } from '../../src/llm/passage.js';

const fixture = JSON.parse(readFileSync(new URL('./fixtures/passages.json', import.meta.url), 'utf8')) as {
  passages: Passage[];
  injection: Passage[];
};
export const PASSAGES: readonly Passage[] = fixture.passages;
export const INJECTION: readonly Passage[] = fixture.injection;

/** Counts what the LLM path reports, as the app's prom-client counters would. */
export class RecordingMetrics implements LlmMetrics {
  calls: LlmCallOutcome[] = [];
  fallbacks: FallbackReason[] = [];
  tokenCounts: number[] = [];
  llmCall(outcome: LlmCallOutcome) {
    this.calls.push(outcome);
  }
  llmFallback(reason: FallbackReason) {
    this.fallbacks.push(reason);
  }
  tokens(n: number) {
    this.tokenCounts.push(n);
  }
}

/**
 * A small extractive answerer standing in for the text team's (src/text/answer/): it is a
 * dependency of the code under test, so it only has to return a real, cited extractive reply.
 */
export function extractiveFrom(passages: () => readonly Passage[]): Answerer & Briefer {
  const build = (title?: string): Reply => {
    const top = passages()[0];
    if (!top)
      return reply({ sections: [{ text: 'Not in the store.' }], answered: false, provenance: { path: 'extractive' } });
    return reply({
      title,
      sections: [{ text: `${top.text} [1]` }],
      citations: [
        {
          n: 1,
          articleId: top.articleId,
          title: top.article.title,
          url: top.article.url,
          published: top.article.published,
          quote: top.text,
        },
      ],
      answered: true,
      answer: top.text,
      provenance: { path: 'extractive' },
    });
  };
  return { answer: async () => build(), brief: async (topic) => build(topic ? `Briefing: ${topic}` : 'Briefing') };
}

export interface Harness {
  llm: Llm;
  metrics: RecordingMetrics;
  now: { value: Date };
}

export function makeLlm(
  config: Partial<LlmConfig> & { baseUrl?: string },
  start = new Date('2026-03-14T10:00:00Z'),
): Harness {
  const metrics = new RecordingMetrics();
  const now = { value: start };
  const llm = createLlm(
    { model: 'fake-model', ...config },
    { logger: silentLogger(), clock: () => now.value, metrics },
  );
  if (!llm) throw new Error('expected the LLM path to be configured');
  return { llm, metrics, now };
}

/** Milliseconds a promise takes to settle, with its value. */
export async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await work();
  return { value, ms: Math.round(performance.now() - start) };
}
