/**
 * The few statistics the operations numbers need, written out rather than pulled from a library:
 * quantiles, and the upper tail of the negative binomial used by the return-rate test.
 */

/**
 * The p-quantile (0 ≤ p ≤ 1) by linear interpolation between the closest ranks ("type 7", the
 * default of R and NumPy), so the median of [1, 2, 3, 4] is 2.5. NaN for no values.
 */
export function quantile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const h = (sorted.length - 1) * p;
  const below = sorted[Math.floor(h)]!;
  const above = sorted[Math.ceil(h)]!;
  return below + (h - Math.floor(h)) * (above - below);
}

export const median = (values: readonly number[]): number => quantile(values, 0.5);

/** ln Γ(x) for x > 0 by the Lanczos approximation (g = 7, 9 terms; ~15 significant digits). */
function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x); // reflection
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  const z = x - 1;
  let sum = c[0]!;
  for (let i = 1; i < c.length; i++) sum += c[i]! / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/**
 * P(X ≥ k) for X ~ NegativeBinomial(r, q): the number of failures before the r-th success with
 * success probability q (r may be fractional), pmf(j) = Γ(j+r)/(Γ(r) j!) q^r (1−q)^j. Summed
 * from k upwards (not 1 − lower sum) so that tiny p-values keep their precision.
 */
export function negBinomialUpperTail(k: number, r: number, q: number): number {
  if (k <= 0) return 1;
  if (q >= 1) return 0;
  let term = Math.exp(logGamma(k + r) - logGamma(r) - logGamma(k + 1) + r * Math.log(q) + k * Math.log1p(-q));
  let sum = 0;
  for (let j = k; j < k + 1_000_000; j++) {
    sum += term;
    const ratio = ((j + r) / (j + 1)) * (1 - q);
    // Past the mode the terms only shrink: stop once they no longer move the sum.
    if (ratio < 1 && term < sum * 1e-15) break;
    term *= ratio;
  }
  return Math.min(1, sum);
}

/** P(X ≥ k) for X ~ Binomial(n, p), summed term by term (n is a handful of stays here). */
export function binomialUpperTail(k: number, n: number, p: number): number {
  let sum = 0;
  for (let j = Math.max(0, k); j <= n; j++) {
    sum += Math.exp(logGamma(n + 1) - logGamma(j + 1) - logGamma(n - j + 1) + j * Math.log(p) + (n - j) * Math.log1p(-p));
  }
  return Math.min(1, sum);
}
