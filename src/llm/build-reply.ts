import { articleCitation } from '../core/citations.js';
import { reply, type Citation, type Reply } from '../core/reply.js';
import { FALLBACK_PHRASES, type FallbackReason } from './metrics.js';
import type { Passage } from './passage.js';
import type { VerifiedClaim } from './verify-claims.js';

/** Each claim with its renumbered markers, and the citations they point at. */
export interface CitedClaims {
  lines: { text: string; marked: string }[];
  citations: Citation[];
}

/**
 * Citations are numbered by first use and map to the real passages: the quote is the passage
 * text itself, never the model's rendering of it.
 */
export function citeClaims(claims: readonly VerifiedClaim[], passages: readonly Passage[]): CitedClaims {
  const numberOf = new Map<number, number>();
  const citations: Citation[] = [];
  const lines = claims.map((claim) => {
    const marks = claim.passages.map((p) => {
      let n = numberOf.get(p);
      if (n === undefined) {
        n = citations.length + 1;
        numberOf.set(p, n);
        const passage = passages[p - 1];
        citations.push(articleCitation({ ...passage.article, id: passage.articleId }, n, passage.text));
      }
      return `[${n}]`;
    });
    return { text: claim.text, marked: `${claim.text} ${marks.join('')}` };
  });
  return { lines, citations };
}

function sourcesPhrase(citations: readonly Citation[]): string {
  const articles = new Set(citations.map((c) => c.articleId)).size;
  return `${articles} source${articles === 1 ? '' : 's'}`;
}

export function llmBriefReply(model: string, cited: CitedClaims, topic?: string): Reply {
  return reply({
    title: topic ? `Briefing: ${topic}` : 'Briefing',
    sections: [{ text: cited.lines.map((l) => `• ${l.marked}`).join('\n') }],
    citations: cited.citations,
    answered: true,
    answer: cited.lines.map((l) => l.text).join(' '),
    provenance: { path: 'llm', footer: `written by ${model} from ${sourcesPhrase(cited.citations)}` },
  });
}

/** The extractive reply, marked as such with the reason the model's was not used. */
export function markExtractive(r: Reply, reason: FallbackReason): Reply {
  return {
    ...r,
    provenance: { path: 'extractive', footer: `extractive (LLM unavailable: ${FALLBACK_PHRASES[reason]})` },
  };
}
