import { createRequire } from 'node:module';
import winkNLP from 'wink-nlp';

/** One word of a short text with wink's lemma and universal part of speech. */
export interface LemmaToken {
  value: string;
  lower: string;
  lemma: string;
  pos: string;
}

type Nlp = ReturnType<typeof winkNLP>;
let nlp: Nlp | undefined;

/**
 * wink's lemmatiser ("met" → "meet", "won" → "win"), used only to check whether a sentence
 * states what a yes/no question asks. Loaded on the first such question; the model package is
 * the one ingest already uses (nothing is downloaded).
 */
export function lemmatise(text: string): LemmaToken[] {
  if (!nlp) nlp = winkNLP(createRequire(import.meta.url)('wink-eng-lite-web-model'), ['sbd', 'pos']);
  const its = nlp.its;
  const tokens = nlp.readDoc(text).tokens();
  const values = tokens.out(its.value) as string[];
  // wink types its.lemma with an add-on signature; at run time out() accepts it like the others.
  const lemmas = tokens.out(its.lemma as unknown as typeof its.value) as string[];
  const pos = tokens.out(its.pos) as string[];
  return values.map((v, i) => ({ value: v, lower: v.toLowerCase(), lemma: (lemmas[i] ?? v).toLowerCase(), pos: pos[i] }));
}
