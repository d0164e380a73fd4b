import type { ModelClaim } from './claims-format.js';
import { parseClaim, statesClaim } from './claim-support.js';
import { normaliseForMatch, quoteFragments, quotedSpans } from './normalise.js';
import type { Passage } from './passage.js';

/** A claim that passed every check, citing 1-based numbers of passages that were really sent. */
export interface VerifiedClaim {
  text: string;
  passages: number[];
}

export interface DroppedClaim {
  text: string;
  why: string;
}

export interface Verification {
  kept: VerifiedClaim[];
  dropped: DroppedClaim[];
}

/** Fewer surviving claims than this, or a smaller share of those returned, and the reply falls back. */
export const MIN_KEPT_CLAIMS = 1;
export const MIN_KEPT_SHARE = 0.5;
const MAX_CLAIM_CHARS = 1000;

/**
 * Checks every claim against the passages actually sent. Citations to numbers never sent are
 * removed; a claim left with none is dropped; a claim is dropped whole if any of its quotations
 * (listed, or in double quotes in its text) is not verbatim in one of its cited passages, or if
 * no single cited passage states it (claim-support.ts: its numbers, names, negation and the roles
 * of its names all in that one sentence). A kept claim cites only the passages that state it.
 */
export function verifyClaims(claims: readonly ModelClaim[], sent: readonly Passage[]): Verification {
  const kept: VerifiedClaim[] = [];
  const dropped: DroppedClaim[] = [];
  const normalisedSent = sent.map((p) => normaliseForMatch(p.text));

  for (const claim of claims) {
    const text = stripMarkers(claim.text);
    const drop = (why: string) => dropped.push({ text: text.slice(0, 200), why });
    if (!text) {
      drop('empty claim');
      continue;
    }
    if (text.length > MAX_CLAIM_CHARS) {
      drop('claim too long');
      continue;
    }

    const valid = [...new Set(claim.passages)].filter((n) => Number.isInteger(n) && n >= 1 && n <= sent.length);
    if (valid.length === 0) {
      drop(claim.passages.length ? `cites passages never sent (${claim.passages.join(', ')})` : 'no citation');
      continue;
    }

    const quotes = [...claim.quotes, ...quotedSpans(claim.text)];
    const badQuote = quotes.find(
      (q) => !valid.some((n) => quoteFragments(q).every((f) => normalisedSent[n - 1].includes(f))),
    );
    if (badQuote !== undefined) {
      drop(`quote not in its cited passages: "${badQuote.slice(0, 80)}"`);
      continue;
    }

    // One cited sentence must state the whole claim: facts stitched from two passages, or a
    // true sentence's words rearranged around another name, are not stated by any of them.
    const parsed = parseClaim(text);
    const verdicts = valid.map((n) => ({ n, verdict: statesClaim(parsed, text, sent[n - 1].text) }));
    const stating = verdicts.filter((v) => v.verdict.ok).map((v) => v.n);
    if (!stating.length) {
      const why = verdicts.map((v) => (v.verdict.ok ? '' : `[${v.n}] ${v.verdict.why}`)).join('; ');
      drop(`no cited passage states it alone: ${why}`);
      continue;
    }

    kept.push({ text, passages: stating.sort((a, b) => a - b) });
  }
  return { kept, dropped };
}

/** Whether enough survived to post the model's reply rather than the extractive one. */
export function enoughSurvived(v: Verification): boolean {
  const total = v.kept.length + v.dropped.length;
  return v.kept.length >= MIN_KEPT_CLAIMS && v.kept.length / Math.max(total, 1) >= MIN_KEPT_SHARE;
}

/** The model's own "[3]" markers refer to passage numbers; the reply adds its own, renumbered. */
function stripMarkers(text: string): string {
  return text
    .replace(/\s*\[\d+(?:\s*,\s*\d+)*\]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
