/**
 * Logistic regression by gradient descent from zero (deterministic), with L2 regularisation:
 * the probability that an answer is right from a few decision inputs.
 */
export interface LogisticFit {
  bias: number;
  weights: Float64Array;
}

function predict(f: LogisticFit, x: Float64Array): number {
  let z = f.bias;
  for (let k = 0; k < x.length; k++) z += f.weights[k] * x[k];
  return 1 / (1 + Math.exp(-z));
}

function loss(f: LogisticFit, xs: readonly Float64Array[], ys: readonly boolean[], lambda: number): number {
  let l = 0;
  xs.forEach((x, i) => {
    const p = Math.min(1 - 1e-12, Math.max(1e-12, predict(f, x)));
    l -= ys[i] ? Math.log(p) : Math.log(1 - p);
  });
  return l / Math.max(1, xs.length) + lambda * f.weights.reduce((s, w) => s + w * w, 0);
}

export function fitLogistic(
  xs: readonly Float64Array[],
  ys: readonly boolean[],
  lambda = 0.001,
  iterations = 20_000,
): LogisticFit {
  const dims = xs[0]?.length ?? 0;
  let f: LogisticFit = { bias: 0, weights: new Float64Array(dims) };
  let current = loss(f, xs, ys, lambda);
  let rate = 1;
  for (let it = 0; it < iterations && rate > 1e-10; it++) {
    const gw = new Float64Array(dims);
    let gb = 0;
    xs.forEach((x, i) => {
      const e = predict(f, x) - (ys[i] ? 1 : 0);
      gb += e;
      for (let k = 0; k < dims; k++) gw[k] += e * x[k];
    });
    const n = Math.max(1, xs.length);
    const next: LogisticFit = {
      bias: f.bias - (rate * gb) / n,
      weights: Float64Array.from(f.weights, (w, k) => w - rate * (gw[k] / n + 2 * lambda * w)),
    };
    const l = loss(next, xs, ys, lambda);
    if (l <= current) {
      const gain = current - l;
      f = next;
      current = l;
      rate *= 1.2;
      if (gain < 1e-10) break;
    } else rate /= 2;
  }
  return f;
}

export { predict as logisticPredict };
