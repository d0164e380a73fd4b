import { nameAt, restates } from './name-span.js';
import type { WordToken } from './terms.js';

/* Pieces of what/why answers (span.ts): names given by apposition, quoted words, purpose clauses. */

const EDGE_WORDS = /^(and|or|but|that|which|who|the|a|an|of|to|for|with|by|is|are|was|were|will|be|as|in|on|at)$/i;

/** A span without sentence-final punctuation or dangling function words at its end. */
export function trimEdges(s: string): string {
  const words = s.trim().replace(/[.!?]+$/, '').split(/\s+/).filter(Boolean);
  while (words.length > 1 && EDGE_WORDS.test(words[words.length - 1])) words.pop();
  return words.join(' ');
}

/** ", called X", " known as X", or a closed appositive ", the X Framework," right after `at`. */
export function appositiveName(text: string, at: number): string | undefined {
  const rest = text.slice(at);
  const naming = /^\s*,?\s*(?:(?:which is|that is|now|officially|to be)\s+)?(?:called|named|known as|dubbed|titled|entitled|labell?ed|renamed)\s+/i.exec(rest);
  if (naming) return nameAt(text, at + naming[0].length)?.text;
  const comma = /^\s*,\s*/.exec(rest);
  if (!comma) return undefined;
  const name = nameAt(text, at + comma[0].length);
  // Only a closed appositive: the name must end at a comma or the sentence's end.
  return name && /^\s*(,|[.!?]?\s*$)/.test(text.slice(name.end)) ? name.text : undefined;
}

/** Words inside quotation marks; a quote the splitter cut ("…," said X) reads up to its closing mark. */
export function quotedWords(text: string): string | undefined {
  const pairs = [...text.matchAll(/[“"]([^”"]{8,})[”"]/g)].map((m) => m[1].trim().replace(/[,.]$/, ''));
  if (pairs.length) return pairs.join(' … ');
  const close = /^(.{8,}?)[,.]?\s*[”"]\s*,?\s*(?:said|says|added|according)\b/i.exec(text);
  return close ? close[1].trim().replace(/[,.]$/, '') : undefined;
}

const PURPOSE = /\b(?:because(?: of)?|in order to|so that|so as to|due to|as a result of|aimed at|in protest (?:against|at|over)|demanding|calling for|to (?!(?:the|a|an|be|his|her|their|its)\b)[a-z]+)\b/g;

/**
 * why: the cause or purpose clause after the question's verb ("… unveiling a new initiative …
 * [to look for ways to reinvigorate security cooperation]"), to the clause's end (quotation
 * marks do not end it here).
 */
export function purposeSpan(text: string, toks: WordToken[], matchedIdx: number[], byKey: Map<string, { pos: string }>): string | undefined {
  const verb = matchedIdx.find((i) => byKey.get(toks[i].key)?.pos === 'VERB');
  const from = toks[verb ?? matchedIdx[0]].end;
  PURPOSE.lastIndex = from;
  for (let m = PURPOSE.exec(text); m; m = PURPOSE.exec(text)) {
    const end = text.slice(m.index).search(/[;:()—–]|\s-\s/);
    const span = trimEdges(text.slice(m.index, end < 0 ? text.length : m.index + end).replace(/[“”"]/g, ''));
    const words = span.split(/\s+/);
    // "miss the chance [to vote]" for "Why might residents miss the chance to vote?" says nothing new.
    if (words.length >= 2 && !restates(span, new Set(byKey.keys()))) return words.slice(0, 30).join(' ');
  }
  return undefined;
}

