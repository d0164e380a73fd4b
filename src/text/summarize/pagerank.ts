/** PageRank over a weighted undirected graph given as a dense matrix (power iteration). */
export function pagerank(m: Float64Array[], damping = 0.85, iterations = 50, tolerance = 1e-6): Float64Array {
  const n = m.length;
  const rank = new Float64Array(n).fill(n ? 1 / n : 0);
  if (n === 0) return rank;
  const outSum = m.map((row) => row.reduce((a, b) => a + b, 0));
  for (let it = 0; it < iterations; it++) {
    const next = new Float64Array(n).fill((1 - damping) / n);
    let dangling = 0;
    for (let j = 0; j < n; j++) if (outSum[j] === 0) dangling += rank[j];
    for (let i = 0; i < n; i++) {
      let s = dangling / n;
      for (let j = 0; j < n; j++) if (m[j][i] > 0) s += (m[j][i] / outSum[j]) * rank[j];
      next[i] += damping * s;
    }
    let delta = 0;
    for (let i = 0; i < n; i++) delta += Math.abs(next[i] - rank[i]);
    rank.set(next);
    if (delta < tolerance) break;
  }
  return rank;
}
