/**
 * Lexical checks that a claim says what its passages say. They cannot prove entailment; they
 * catch the cheap failures: numbers, codes, keys and links that appear in no cited passage
 * (the usual hallucination and exfiltration vectors), and text that shares little with them.
 */

const segmenter = new Intl.Segmenter('en', { granularity: 'word' });

const STOPWORDS = new Set(
  (
    'also that this with from have been were will would could should their there them they these those ' +
    'which what when where while about after before into over under more most some such than then very ' +
    'said says according being does other only just both each many much said'
  ).split(' '),
);

/** Share of a claim's content words that must occur in its cited passages (see docs/llm.md). */
export const MIN_WORD_OVERLAP = 0.4;
/**
 * The same share for a headline. It is shown uncited, above the story, and is only a few words,
 * so 0.4 lets half of it be invented ("Chelsea sack their manager after Highbury defeat" shares
 * two of five words with a match report). At most one content word in four may be the model's own.
 * A chosen bar, not a fitted one.
 */
export const MIN_HEADLINE_WORD_OVERLAP = 0.75;

/** Five-letter stems let "closure" match "closed" and "officials" match "official". */
function stem(word: string): string {
  return word.slice(0, 5);
}

function contentStems(text: string): string[] {
  const out: string[] = [];
  for (const seg of segmenter.segment(text.normalize('NFKC').toLowerCase())) {
    if (!seg.isWordLike || seg.segment.length < 4 || STOPWORDS.has(seg.segment)) continue;
    out.push(stem(seg.segment));
  }
  return out;
}

/** Whitespace-separated tokens carrying a digit, an @ or a scheme: exact facts, not prose. */
function exactTokens(text: string): string[] {
  return text
    .normalize('NFKC')
    .split(/\s+/)
    .map((t) => t.replace(/^[("'\u2018\u201C[]+|[)"'\u2019\u201D\].,;:!?]+$/g, ''))
    .filter((t) => /\d|@|:\/\//.test(t));
}

const compactNumber = (s: string) => s.replace(/(\d),(?=\d{3}\b)/g, '$1');

/** Whole-token containment: "3" is not found inside "13", but "13" is inside "13-year-old". */
function containsToken(haystack: string, token: string): boolean {
  const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);
  for (let i = haystack.indexOf(token); i >= 0; i = haystack.indexOf(token, i + 1)) {
    if (!isWordChar(haystack[i - 1]) && !isWordChar(haystack[i + token.length])) return true;
  }
  return false;
}

export type GroundingResult = { ok: true } | { ok: false; why: string };

export function checkGrounding(claim: string, cited: string[], minOverlap = MIN_WORD_OVERLAP): GroundingResult {
  const source = compactNumber(cited.join('\n').normalize('NFKC'));
  for (const token of exactTokens(claim)) {
    if (!containsToken(source, compactNumber(token))) return { ok: false, why: `"${token}" is in no cited passage` };
  }
  const words = contentStems(claim);
  if (words.length < 2) return { ok: true };
  const available = new Set(contentStems(cited.join('\n')));
  const found = words.filter((w) => available.has(w)).length;
  if (found / words.length < minOverlap) {
    return { ok: false, why: `only ${found} of ${words.length} content words occur in the cited passages` };
  }
  return { ok: true };
}
