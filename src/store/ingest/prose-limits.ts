/**
 * Bounds on what one article may hand to text analysis. Parts of the analysis (wink's token
 * features, sentence repair, title inference) look back over a word or a line, so their cost grew
 * with the square of a word's length: 500 kB without a space took minutes and a 52 MB one-line
 * file never finished. News has no such words and no such articles, so text that cannot be prose is
 * removed before analysis and storage, and the removal is reported.
 */

/** Longest run of characters without whitespace kept: long URLs pass, base64 and minified blobs do not. */
export const MAX_TOKEN_CHARS = 200;
/** Longest article kept, in characters (a long feature is 50,000); the rest is cut at a paragraph or sentence end. */
export const MAX_ARTICLE_CHARS = 200_000;
/** A line at least this long whose non-space characters are mostly not letters is data, not prose. */
const DATA_LINE_CHARS = 400;
const MIN_LETTER_SHARE = 0.5;

export interface LimitedText {
  text: string;
  /** What was removed, for the ingest report; empty when the text was kept whole. */
  notes: string[];
}

const isSpace = (c: number) =>
  c === 32 ||
  c === 10 ||
  c === 13 ||
  c === 9 ||
  c === 12 ||
  c === 11 ||
  c === 0xa0 ||
  c === 0x2028 ||
  c === 0x2029 ||
  c === 0x3000 ||
  (c >= 0x2000 && c <= 0x200a);

/**
 * Drops every run of more than `max` non-space characters, in one pass over the text (a regex such
 * as /\S{201,}/ restarts at every position of a long run). Stops reading once `keepAtMost`
 * characters are kept, so a 50 MB file costs no more than the article it will be cut to.
 */
export function dropLongTokens(
  text: string,
  max = MAX_TOKEN_CHARS,
  keepAtMost = Infinity,
): { text: string; dropped: number; droppedChars: number; stopped: boolean } {
  let out = '';
  let kept = 0;
  let dropped = 0;
  let droppedChars = 0;
  let runStart = -1;
  for (let i = 0; i <= text.length; i++) {
    const space = i === text.length || isSpace(text.charCodeAt(i));
    if (!space) {
      if (runStart < 0) runStart = i;
      continue;
    }
    if (runStart >= 0 && i - runStart > max) {
      out += text.slice(kept, runStart);
      kept = i;
      dropped++;
      droppedChars += i - runStart;
    } else if (out.length + (i - kept) > keepAtMost && i < text.length) {
      return { text: out + text.slice(kept, i), dropped, droppedChars, stopped: true };
    }
    runStart = -1;
  }
  if (dropped === 0) return { text, dropped, droppedChars, stopped: false };
  return { text: out + text.slice(kept), dropped, droppedChars, stopped: false };
}

/** The report's note for runs dropped by dropLongTokens. */
export function limitNote(tokens: { dropped: number; droppedChars: number }): string {
  return `removed ${tokens.dropped} run${tokens.dropped === 1 ? '' : 's'} of more than ${MAX_TOKEN_CHARS} characters without a space (${tokens.droppedChars.toLocaleString('en')} characters; not prose)`;
}

/** Share of letters among a line's visible characters, by character codes (this runs over whole articles). */
function letterShare(line: string): number {
  let letters = 0;
  let visible = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (isSpace(c)) continue;
    visible++;
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && /\p{L}/u.test(line[i]))) letters++;
  }
  return visible === 0 ? 1 : letters / visible;
}

/** Removes long lines that are mostly digits, symbols or punctuation (tables of numbers, dumps). */
function dropDataLines(text: string): { text: string; dropped: number } {
  let dropped = 0;
  const lines = text.split('\n').filter((line) => {
    const prose = line.length < DATA_LINE_CHARS || letterShare(line) >= MIN_LETTER_SHARE;
    if (!prose) dropped++;
    return prose;
  });
  return dropped ? { text: lines.join('\n'), dropped } : { text, dropped };
}

/** Cuts at the last paragraph break, else sentence end, else space in the second half of `max` characters. */
export function cut(text: string, max: number): string {
  const head = text.slice(0, max);
  const floor = Math.floor(max / 2);
  const paragraph = head.lastIndexOf('\n\n');
  if (paragraph >= floor) return head.slice(0, paragraph).trimEnd();
  for (let i = head.length - 2; i >= floor; i--) {
    if ((head[i] === '.' || head[i] === '!' || head[i] === '?') && isSpace(head.charCodeAt(i + 1)))
      return head.slice(0, i + 1);
  }
  const space = head.lastIndexOf(' ');
  return (space >= floor ? head.slice(0, space) : head).trimEnd();
}

/** The text analysis and the store receive: without words that cannot be words, data lines, or excess length. */
export function limitProse(text: string): LimitedText {
  const notes: string[] = [];
  const tokens = dropLongTokens(text, MAX_TOKEN_CHARS, MAX_ARTICLE_CHARS);
  if (tokens.dropped) notes.push(limitNote(tokens));
  let out = tokens.text;
  // Cut before looking at lines, so the line pass reads at most one article's worth of text.
  if (tokens.stopped || out.length > MAX_ARTICLE_CHARS) {
    out = cut(out, MAX_ARTICLE_CHARS);
    notes.push(
      `cut to its first ${out.length.toLocaleString('en')} of ${text.length.toLocaleString('en')} characters (articles are limited to ${MAX_ARTICLE_CHARS.toLocaleString('en')})`,
    );
  }
  const lines = dropDataLines(out);
  if (lines.dropped)
    notes.push(`removed ${lines.dropped} line${lines.dropped === 1 ? '' : 's'} of data (mostly digits or symbols)`);
  return { text: notes.length ? lines.text.trim() : text, notes };
}
