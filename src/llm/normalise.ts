/**
 * Text as compared when checking quotes: NFKC (so "…" becomes "..."), curly and angled quote
 * marks as straight ones, the prompt's neutralised delimiters (‹ ›) as < >, dashes as "-",
 * whitespace collapsed. Case and every other character must match exactly.
 */
export function normaliseForMatch(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u201A\u201B\u2032\u0060\u00B4]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g, '"')
    .replace(/\u2039/g, '<')
    .replace(/\u203A/g, '>')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

const EDGE = /^[\s"'.,;:!?()[\]-]+|[\s"'.,;:!?()[\]-]+$/g;

/** A quote split at elided parts ("a ... b"), each fragment stripped of edge punctuation. */
export function quoteFragments(quote: string): string[] {
  return normaliseForMatch(quote)
    .split(/\[?\.\.\.\]?/)
    .map((f) => f.replace(EDGE, ''))
    .filter((f) => f.length > 0);
}

/** Words in double quotes inside a claim's own text: they are quotations too and get checked. */
export function quotedSpans(text: string): string[] {
  const spans: string[] = [];
  for (const m of normaliseForMatch(text).matchAll(/"([^"]+)"/g)) spans.push(m[1]);
  return spans;
}
