import { createRequire } from 'node:module';
import type winkNLP from 'wink-nlp';

/** One token of a parsed text, with its character offsets in the original string. */
export interface Token {
  value: string;
  lower: string;
  pos: string;
  type: string;
  start: number;
  end: number;
  /** Whitespace before the token (a newline here marks a line or paragraph break). */
  space: string;
}

export interface ParsedText {
  tokens: Token[];
  /** wink's sentence spans as [firstToken, lastToken] inclusive. */
  sentenceSpans: [number, number][];
}

type Nlp = ReturnType<typeof winkNLP>;
let nlp: Nlp | undefined;

/**
 * The one wink instance of the process (ingest analysis and the answerer's lemmas share it: each
 * instance holds its own copy of the model). The model is ~3 MB of JSON: it loads on first use so
 * importing this module stays cheap. Only the annotations read below run: sentence boundaries and
 * part of speech (token types come from the tokenizer). wink's NER, negation and sentiment passes
 * are not used by the analysis and took over a third of ingest CPU time; they do not alter tokens,
 * tags or sentences.
 */
export function winkEngine(): Nlp {
  // Required here rather than imported at the top: loading wink and its model's package costs
  // ~150 ms, which the bot's start-up should not pay before the first question or ingest.
  if (!nlp) {
    const require = createRequire(import.meta.url);
    nlp = (require('wink-nlp') as typeof winkNLP)(require('wink-eng-lite-web-model'), ['sbd', 'pos']);
  }
  return nlp;
}

/**
 * Longest run without whitespace wink is given. Its token features test each token with patterns
 * like /[a-z].*\.$/, which take time in the square of the token's length: a 500 kB "word" took
 * minutes. Ingest removes such runs before analysis (store/ingest/prose-limits.ts); here they are
 * blanked out for any other caller (summarize), keeping every offset where it was.
 */
export const MAX_WINK_TOKEN = 200;
const LONG_RUN = new RegExp(`[^\\s]{${MAX_WINK_TOKEN + 1}}[^\\s]*`, 'g');

function blankLongRuns(text: string): string {
  // A cheap test first: most texts have no such run and are passed through untouched.
  let run = 0;
  let found = false;
  for (let i = 0; i < text.length && !found; i++) {
    const c = text.charCodeAt(i);
    run = c === 32 || c === 10 || c === 9 || c === 13 ? 0 : run + 1;
    found = run > MAX_WINK_TOKEN;
  }
  return found ? text.replace(LONG_RUN, (m) => ' '.repeat(m.length)) : text;
}

const WINK_MAX_SPACES = 65_534;

/** Tokenises and tags `text` with one wink pass, using bulk `out()` calls (per-token calls are slow). */
export function parse(text: string): ParsedText {
  const n = winkEngine();
  const its = n.its;
  const source = blankLongRuns(text);
  const doc = n.readDoc(source);
  const tokens = doc.tokens();
  const values = tokens.out(its.value) as string[];
  const spaces = tokens.out(its.precedingSpaces) as string[];
  const pos = tokens.out(its.pos) as string[];
  const types = tokens.out(its.type) as string[];
  const out: Token[] = new Array(values.length);
  let offset = 0;
  for (let i = 0; i < values.length; i++) {
    offset += spaces[i].length;
    // wink keeps at most 65,534 characters of preceding whitespace: past that, find the token.
    if (spaces[i].length >= WINK_MAX_SPACES) offset = Math.max(offset, source.indexOf(values[i], offset));
    const v = values[i];
    out[i] = {
      value: v,
      lower: v.toLowerCase(),
      pos: pos[i],
      type: types[i],
      start: offset,
      end: offset + v.length,
      space: spaces[i],
    };
    offset += v.length;
  }
  const spans = doc.sentences().out(its.span) as unknown as [number, number][];
  return { tokens: out, sentenceSpans: spans };
}
