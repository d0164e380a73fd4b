import type { ModelClaim } from './claims-format.js';
import { checkGrounding } from './grounding.js';
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
 * it fails the grounding checks.
 */
export function verifyClaims(claims: readonly ModelClaim[], sent: readonly Passage[]): Verification {
  const kept: VerifiedClaim[] = [];
  const dropped: DroppedClaim[] = [];
  const normalisedSent = sent.map((p) => normaliseForMatch(p.text));

  for (const claim of claims) {
    const text = stripMarkers(claim.text);
    const drop = (why: string) => dropped.push({ text: text.slice(0, 200), why });
    if (!text) { drop('empty claim'); continue; }
    if (text.length > MAX_CLAIM_CHARS) { drop('claim too long'); continue; }

    const valid = [...new Set(claim.passages)].filter((n) => Number.isInteger(n) && n >= 1 && n <= sent.length);
    if (valid.length === 0) { drop(claim.passages.length ? `cites passages never sent (${claim.passages.join(', ')})` : 'no citation'); continue; }

    const quotes = [...claim.quotes, ...quotedSpans(claim.text)];
    const badQuote = quotes.find((q) => !valid.some((n) => quoteFragments(q).every((f) => normalisedSent[n - 1].includes(f))));
    if (badQuote !== undefined) { drop(`quote not in its cited passages: "${badQuote.slice(0, 80)}"`); continue; }

    const grounding = checkGrounding(text, valid.map((n) => sent[n - 1].text));
    if (!grounding.ok) { drop(grounding.why); continue; }

    kept.push({ text, passages: valid.sort((a, b) => a - b) });
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
  return text.replace(/\s*\[\d+(?:\s*,\s*\d+)*\]/g, '').replace(/\s+/g, ' ').trim();
}
