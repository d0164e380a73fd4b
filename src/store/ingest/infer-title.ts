/** Longest inferred title before it is cut at a word boundary. */
const MAX_TITLE = 100;

/**
 * A title for text that has none: its first sentence, or the start of it when long.
 * The sentence end is the first ". ", "! " or "? " after a word of at least three characters that
 * holds a lower-case letter, so "U.S." or "Mr." do not end it early.
 */
export function inferTitle(text: string): string {
  const firstLine = text.trim().split(/\n/)[0]?.replace(/\s+/g, ' ').trim() ?? '';
  if (!firstLine) return 'Untitled';
  const end = /(?<=\b\p{L}*\p{Ll}\p{L}*)[.!?]["'”’)]?(?=\s|$)/gu;
  let sentence = firstLine;
  for (const m of firstLine.matchAll(end)) {
    const word = firstLine.slice(0, m.index).match(/\p{L}+$/u)?.[0] ?? '';
    if (word.length >= 3) {
      sentence = firstLine.slice(0, m.index + m[0].length);
      break;
    }
  }
  return shorten(sentence.replace(/[.]$/, ''), MAX_TITLE);
}

/** Cuts text at the last word boundary before `max` characters and marks the cut with "…". */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const atSpace = cut.lastIndexOf(' ');
  return `${(atSpace > max * 0.5 ? cut.slice(0, atSpace) : cut).replace(/[\s,;:–—-]+$/, '')}…`;
}
