/** Longest inferred title before it is cut at a word boundary. */
const MAX_TITLE = 100;

/** How much of the first line is examined: a title is never longer, and the checks below look back over words. */
const EXAMINED = 1000;

/**
 * A title for text that has none: its first sentence, or the start of it when long.
 * The sentence end is the first ". ", "! " or "? " after a word of at least three letters that
 * holds a lower-case letter, so "U.S." or "Mr." do not end it early. Only the first EXAMINED
 * characters are read: a lookbehind over the whole line once made a 500 kB one-word file take minutes.
 */
export function inferTitle(text: string): string {
  const firstLine = text.trimStart().slice(0, EXAMINED).split('\n')[0].replace(/\s+/g, ' ').trim();
  if (!firstLine) return 'Untitled';
  let sentence = firstLine;
  for (const m of firstLine.matchAll(/[.!?]["'”’)]?(?=\s|$)/g)) {
    const word = /\p{L}+$/u.exec(firstLine.slice(Math.max(0, m.index - 64), m.index))?.[0] ?? '';
    if (word.length >= 3 && /\p{Ll}/u.test(word)) {
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
