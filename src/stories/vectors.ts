/** Sparse term vectors for story grouping. */
export type Vector = Map<string, number>;

/** Smoothed inverse document frequency over `docs` articles, `df` of them holding the term. */
export function idf(docs: number, df: number): number {
  return Math.log((docs + 1) / (df + 1)) + 1;
}

export function dot(a: Vector, b: Vector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let sum = 0;
  for (const [t, v] of small) {
    const u = large.get(t);
    if (u !== undefined) sum += v * u;
  }
  return sum;
}

/**
 * The `size` heaviest terms, heaviest first (ties by term). One canonical order matters: a vector
 * read back from the store must sum in the same order as the one kept in memory, or a batch and
 * one-by-one grouping could differ in a last bit.
 */
export function heaviest(v: Vector, size = Infinity): Vector {
  return new Map([...v].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, size));
}

export function unit(v: Vector): Vector {
  let sq = 0;
  for (const w of v.values()) sq += w * w;
  const norm = Math.sqrt(sq);
  if (!norm) return new Map();
  return heaviest(new Map([...v].map(([t, w]) => [t, w / norm])));
}

/** `into` plus `v`, keeping the `size` heaviest terms. */
export function addInto(into: Vector, v: Vector, size: number): Vector {
  const sum = new Map(into);
  for (const [t, w] of v) sum.set(t, (sum.get(t) ?? 0) + w);
  return heaviest(sum, size);
}

/** A vector as stored: [[term, weight], ...], heaviest first. JSON keeps doubles exactly. */
export function vectorToJson(v: Vector, digits?: number): string {
  const round = digits === undefined ? (w: number) => w : (w: number) => Number(w.toFixed(digits));
  return JSON.stringify([...heaviest(v)].map(([t, w]) => [t, round(w)]));
}

export function vectorFromJson(json: string): Vector {
  return new Map(JSON.parse(json) as [string, number][]);
}
