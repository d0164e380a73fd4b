import { nameAt } from './name-span.js';

/* Pieces of what/why answers (clauses.ts, reasons.ts): names given by apposition, quoted words, purpose clauses. */

const EDGE_WORDS = /^(and|or|but|that|which|who|the|a|an|of|to|for|with|by|is|are|was|were|will|be|as|in|on|at)$/i;

/** A span without sentence-final punctuation or dangling function words at its end. */
export function trimEdges(s: string): string {
  const words = s
    .trim()
    .replace(/[.!?]+$/, '')
    .split(/\s+/)
    .filter(Boolean);
  while (words.length > 1 && EDGE_WORDS.test(words[words.length - 1])) words.pop();
  return words.join(' ');
}

/** ", called X", " known as X", or a closed appositive ", the X Framework," right after `at`. */
export function appositiveName(text: string, at: number): string | undefined {
  const rest = text.slice(at);
  const naming =
    /^\s*,?\s*(?:(?:which is|that is|now|officially|to be)\s+)?(?:called|named|known as|dubbed|titled|entitled|labell?ed|renamed)\s+/i.exec(
      rest,
    );
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
