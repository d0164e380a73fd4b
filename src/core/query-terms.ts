/**
 * Plain search terms from user text: word-like segments only (Intl.Segmenter, so punctuation and
 * query syntax such as quotes, `*`, `^`, `:` and parentheses never survive as terms).
 */
// Made on first use: building a segmenter loads ICU's word-break data (~20 ms), which start-up need not wait for.
let segmenter: Intl.Segmenter | undefined;

const OPERATORS = new Set(['and', 'or', 'not', 'near']);

export function queryTerms(text: string, opts: { dropOperators?: boolean } = {}): string[] {
  const seen = new Set<string>();
  const terms: string[] = [];
  segmenter ??= new Intl.Segmenter('en', { granularity: 'word' });
  for (const seg of segmenter.segment(text.normalize('NFC'))) {
    if (!seg.isWordLike) continue;
    const t = seg.segment.toLowerCase();
    if (opts.dropOperators !== false && OPERATORS.has(t)) continue;
    if (!seen.has(t)) {
      seen.add(t);
      terms.push(t);
    }
  }
  return terms;
}
