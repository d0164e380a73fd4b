import { winkEngine } from '../nlp.js';

/** One word of a short text with wink's lemma and universal part of speech. */
export interface LemmaToken {
  value: string;
  lower: string;
  lemma: string;
  pos: string;
}

/**
 * wink's lemmatiser ("met" → "meet", "won" → "win"), used only to check whether a sentence
 * states what a yes/no question asks. The wink instance is the one ingest analysis uses (nlp.ts),
 * loaded on first use (nothing is downloaded).
 */
export function lemmatise(text: string): LemmaToken[] {
  const nlp = winkEngine();
  const its = nlp.its;
  const tokens = nlp.readDoc(text).tokens();
  const values = tokens.out(its.value) as string[];
  // wink types its.lemma with an add-on signature; at run time out() accepts it like the others.
  const lemmas = tokens.out(its.lemma as unknown as typeof its.value) as string[];
  const pos = tokens.out(its.pos) as string[];
  return values.map((v, i) => ({
    value: v,
    lower: v.toLowerCase(),
    lemma: (lemmas[i] ?? v).toLowerCase(),
    pos: pos[i],
  }));
}
