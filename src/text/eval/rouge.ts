/**
 * ROUGE-1/2/L F1 computed like Google's rouge-score package: lower-case, every run of
 * non-alphanumerics becomes a space, no stemming, no stop-word removal. ROUGE-L here is
 * rouge-score's `rougeL`: one LCS over the whole token sequences (not `rougeLsum`, which
 * splits on newlines and takes a union LCS per reference sentence).
 */

export interface RougeScores {
  rouge1: number;
  rouge2: number;
  rougeL: number;
}

export function rougeTokens(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .split(' ')
    .filter((t) => t.length > 0);
}

function ngramCounts(tokens: string[], n: number): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const g = n === 1 ? tokens[i] : tokens.slice(i, i + n).join(' ');
    m.set(g, (m.get(g) ?? 0) + 1);
  }
  return m;
}

function f1(overlap: number, predTotal: number, refTotal: number): number {
  if (predTotal === 0 || refTotal === 0 || overlap === 0) return 0;
  const p = overlap / predTotal;
  const r = overlap / refTotal;
  return (2 * p * r) / (p + r);
}

function rougeN(pred: string[], ref: string[], n: number): number {
  const pc = ngramCounts(pred, n);
  const rc = ngramCounts(ref, n);
  let overlap = 0;
  for (const [g, c] of pc) overlap += Math.min(c, rc.get(g) ?? 0);
  return f1(overlap, Math.max(0, pred.length - n + 1), Math.max(0, ref.length - n + 1));
}

/** Length of the longest common subsequence, O(n·m) time and O(m) memory. */
export function lcsLength(a: string[], b: string[]): number {
  if (!a.length || !b.length) return 0;
  let prev = new Uint32Array(b.length + 1);
  let cur = new Uint32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    const ai = a[i - 1];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = ai === b[j - 1] ? prev[j - 1] + 1 : cur[j - 1] > prev[j] ? cur[j - 1] : prev[j];
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

export function rouge(prediction: string, reference: string): RougeScores {
  const p = rougeTokens(prediction);
  const r = rougeTokens(reference);
  return { rouge1: rougeN(p, r, 1), rouge2: rougeN(p, r, 2), rougeL: f1(lcsLength(p, r), p.length, r.length) };
}
