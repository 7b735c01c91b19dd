/** Robust statistics for the detector: medians and median absolute deviations, and a normal quantile. */

/**
 * The values sorted ascending, as a copy: a typed array sorts numerically in native code, several times faster than
 * a comparator over a plain array (the detector takes medians of every window of every series).
 */
const sortedCopy = (values: readonly number[]): Float64Array => Float64Array.from(values).sort();

/** Median of the values (NaN for none). Does not modify its input. */
export function median(values: readonly number[]): number {
  const n = values.length;
  if (n === 0) return Number.NaN;
  const sorted = sortedCopy(values);
  const mid = n >> 1;
  return n % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** The q-quantile (0..1) of the values, by linear interpolation between order statistics (NaN for none). */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = sortedCopy(values);
  const at = q * (sorted.length - 1);
  const lo = Math.floor(at);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return (sorted[lo] as number) + (at - lo) * ((sorted[hi] as number) - (sorted[lo] as number));
}

/** Consistency constant: 1.4826 × MAD estimates the standard deviation of normal data. */
const MAD_TO_SIGMA = 1.4826;

/** Robust standard deviation: 1.4826 × the median absolute deviation from the median. */
export function robustSigma(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const m = median(values);
  return MAD_TO_SIGMA * median(values.map((v) => Math.abs(v - m)));
}

/**
 * The standard normal quantile (inverse CDF), Acklam's rational approximation (relative error below 1.2e-9),
 * used to turn a false-alarm budget shared across many series into a score threshold.
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile needs 0 < p < 1; got ${p}`);
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239,
  ];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const poly = (k: number[], x: number) => k.reduce((acc, coef) => acc * x + coef, 0);
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return poly(c, q) / (poly(d, q) * q + 1);
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (poly(a, r) * q) / (poly(b, r) * r + 1);
}
