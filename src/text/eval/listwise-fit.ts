/**
 * Fits a linear scorer to ranked lists: for each list (one question's candidate sentences), the
 * softmax of the scores should put its mass on the positives (the sentences holding the answer).
 * Plain gradient descent from zero weights, with a step that grows while the loss falls and halves
 * when it would rise, so the same data always gives the same weights. L2 regularisation (lambda)
 * keeps weights small where the data says little.
 */
export interface RankList {
  features: Float64Array[];
  positive: boolean[];
}

export interface FitOptions {
  lambda: number;
  iterations?: number;
  /** Dimensions whose weight may not go below zero (features that can only make a candidate better). */
  nonNegative?: readonly number[];
}

/** The lists packed into flat arrays once, so each loss evaluation is a tight loop. */
interface Packed {
  dims: number;
  x: Float64Array;
  pos: Uint8Array;
  /** Start offset (in candidates) of each list, plus the end. */
  starts: number[];
}

function pack(lists: readonly RankList[], dims: number): Packed {
  const usable = lists.filter((l) => l.features.length && l.positive.some(Boolean));
  const total = usable.reduce((s, l) => s + l.features.length, 0);
  const x = new Float64Array(total * dims);
  const pos = new Uint8Array(total);
  const starts = [0];
  let c = 0;
  for (const l of usable) {
    l.features.forEach((f, i) => {
      x.set(f.subarray(0, dims), c * dims);
      pos[c] = l.positive[i] ? 1 : 0;
      c++;
    });
    starts.push(c);
  }
  return { dims, x, pos, starts };
}

/** Mean negative log-likelihood of the positives, plus lambda·|w|², and its gradient. */
function evaluate(w: Float64Array, p: Packed, lambda: number, grad: Float64Array): number {
  const { dims, x, pos, starts } = p;
  grad.fill(0);
  let loss = 0;
  const lists = starts.length - 1;
  const s = new Float64Array(x.length / dims);
  for (let c = 0; c < s.length; c++) {
    let v = 0;
    for (let k = 0; k < dims; k++) v += w[k] * x[c * dims + k];
    s[c] = v;
  }
  for (let l = 0; l < lists; l++) {
    let max = -Infinity;
    for (let c = starts[l]; c < starts[l + 1]; c++) max = Math.max(max, s[c]);
    let all = 0;
    let good = 0;
    for (let c = starts[l]; c < starts[l + 1]; c++) {
      const e = Math.exp(s[c] - max);
      s[c] = e;
      all += e;
      if (pos[c]) good += e;
    }
    loss += Math.log(all) - Math.log(good);
    for (let c = starts[l]; c < starts[l + 1]; c++) {
      const g = s[c] / all - (pos[c] ? s[c] / good : 0);
      if (g === 0) continue;
      for (let k = 0; k < dims; k++) grad[k] += g * x[c * dims + k];
    }
  }
  let norm = 0;
  for (let k = 0; k < dims; k++) {
    grad[k] = grad[k] / Math.max(1, lists) + 2 * lambda * w[k];
    norm += w[k] * w[k];
  }
  return loss / Math.max(1, lists) + lambda * norm;
}

/** The fitted weights (projected gradient descent when some must stay non-negative). Stops when a step improves the loss by less than one part in 10⁹. */
export function fitListwise(lists: readonly RankList[], dims: number, opts: FitOptions): Float64Array {
  const p = pack(lists, dims);
  let w = new Float64Array(dims);
  let grad = new Float64Array(dims);
  let nextGrad = new Float64Array(dims);
  let loss = evaluate(w, p, opts.lambda, grad);
  let rate = 1;
  for (let it = 0; it < (opts.iterations ?? 5000) && rate > 1e-10; it++) {
    const next = Float64Array.from(w, (v, k) => v - rate * grad[k]);
    for (const k of opts.nonNegative ?? []) next[k] = Math.max(0, next[k]);
    const nextLoss = evaluate(next, p, opts.lambda, nextGrad);
    if (nextLoss <= loss) {
      const gain = loss - nextLoss;
      w = next;
      [grad, nextGrad] = [nextGrad, grad];
      loss = nextLoss;
      rate *= 1.2;
      if (gain < 1e-9 * Math.max(1, loss)) break;
    } else rate /= 2;
  }
  return w;
}

/** Share of lists whose top-scored candidate is a positive (lists without a positive count as misses). */
export function topOneAccuracy(w: Float64Array, lists: readonly RankList[]): number {
  if (!lists.length) return 0;
  let right = 0;
  for (const list of lists) {
    let best = -1;
    let bestScore = -Infinity;
    list.features.forEach((f, i) => {
      let v = 0;
      for (let k = 0; k < w.length; k++) v += w[k] * f[k];
      if (v > bestScore) {
        bestScore = v;
        best = i;
      }
    });
    if (best >= 0 && list.positive[best]) right++;
  }
  return right / lists.length;
}
