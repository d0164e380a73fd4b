import { STOP_WORDS } from '../stopwords.js';

/** A sparse TF-IDF vector with its norm precomputed. */
export interface SparseVector {
  weights: Map<string, number>;
  norm: number;
}

/** Content words of a sentence: lower-case alphanumeric runs, stop words dropped. */
export function contentWords(text: string): string[] {
  const out: string[] = [];
  for (const w of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) if (w && !STOP_WORDS.has(w)) out.push(w);
  return out;
}

/** TF-IDF vectors for a set of sentences, the idf taken over those sentences (log-smoothed). */
export function tfidfVectors(docs: string[][], useIdf = true): SparseVector[] {
  const df = new Map<string, number>();
  for (const d of docs) for (const w of new Set(d)) df.set(w, (df.get(w) ?? 0) + 1);
  const n = docs.length;
  return docs.map((d) => {
    const tf = new Map<string, number>();
    for (const w of d) tf.set(w, (tf.get(w) ?? 0) + 1);
    let sq = 0;
    for (const [w, c] of tf) {
      const v = useIdf ? c * (Math.log((1 + n) / (1 + (df.get(w) ?? 0))) + 1) : c;
      tf.set(w, v);
      sq += v * v;
    }
    return { weights: tf, norm: Math.sqrt(sq) };
  });
}

export function cosine(a: SparseVector, b: SparseVector): number {
  if (!a.norm || !b.norm) return 0;
  const [small, large] = a.weights.size <= b.weights.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [w, v] of small.weights) {
    const u = large.weights.get(w);
    if (u !== undefined) dot += v * u;
  }
  return dot / (a.norm * b.norm);
}

/** Full pairwise cosine matrix (diagonal zero). Sentences per article are few, so O(n²) is fine. */
export function similarityMatrix(vs: SparseVector[]): Float64Array[] {
  const n = vs.length;
  const m = Array.from({ length: n }, () => new Float64Array(n));
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const s = cosine(vs[i], vs[j]);
      m[i][j] = s;
      m[j][i] = s;
    }
  return m;
}
