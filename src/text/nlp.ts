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

/** Tokenises and tags `text` with one wink pass, using bulk `out()` calls (per-token calls are slow). */
export function parse(text: string): ParsedText {
  const n = winkEngine();
  const its = n.its;
  const doc = n.readDoc(text);
  const tokens = doc.tokens();
  const values = tokens.out(its.value) as string[];
  const spaces = tokens.out(its.precedingSpaces) as string[];
  const pos = tokens.out(its.pos) as string[];
  const types = tokens.out(its.type) as string[];
  const out: Token[] = new Array(values.length);
  let offset = 0;
  for (let i = 0; i < values.length; i++) {
    offset += spaces[i].length;
    const v = values[i];
    out[i] = { value: v, lower: v.toLowerCase(), pos: pos[i], type: types[i], start: offset, end: offset + v.length, space: spaces[i] };
    offset += v.length;
  }
  const spans = doc.sentences().out(its.span) as unknown as [number, number][];
  return { tokens: out, sentenceSpans: spans };
}
