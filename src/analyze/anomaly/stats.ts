/**
 * Robust statistics for the detector: medians, quantiles and median absolute deviations of moving windows without
 * sorting each time, and a normal quantile.
 */

/** Consistency constant: 1.4826 × MAD estimates the standard deviation of normal data. */
export const MAD_TO_SIGMA = 1.4826;

/** Sorts the first `n` values of `xs` in place (insertion sort: the detector's small windows, no allocation). */
function sortPrefix(xs: Float64Array, n: number): void {
  for (let i = 1; i < n; i++) {
    const v = xs[i] as number;
    let j = i - 1;
    while (j >= 0 && (xs[j] as number) > v) {
      xs[j + 1] = xs[j] as number;
      j--;
    }
    xs[j + 1] = v;
  }
}

/** Median of the first `n` values of a scratch array, which it sorts in place (NaN for none). */
export function medianInPlace(xs: Float64Array, n: number): number {
  if (n === 0) return Number.NaN;
  sortPrefix(xs, n);
  const mid = n >> 1;
  return n % 2 ? (xs[mid] as number) : ((xs[mid - 1] as number) + (xs[mid] as number)) / 2;
}

/**
 * The last `cap` values pushed, kept sorted as they come and go, so that the median, a quantile or the robust sigma
 * of a moving window costs a binary search and a short copy instead of a sort. It remembers `keep` values beyond the
 * window, so that taking back the newest ones (`popNewest`) brings the older ones back into it.
 */
export class SortedWindow {
  private readonly sorted: Float64Array;
  private readonly history: Float64Array;
  /** Index in history of the next value pushed. */
  private head = 0;
  /** Values remembered (window and beyond), at most history.length. */
  private remembered = 0;
  /** Values in the window. */
  size = 0;

  constructor(
    private readonly cap: number,
    keep = 0,
  ) {
    this.sorted = new Float64Array(cap);
    this.history = new Float64Array(cap + keep);
  }

  /** The value pushed `back` pushes ago (0: the newest). */
  private past(back: number): number {
    const h = this.history.length;
    return this.history[(((this.head - 1 - back) % h) + h) % h] as number;
  }

  /** First index whose value is not below v. */
  private lowerBound(v: number): number {
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.sorted[mid] as number) < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private insert(v: number): void {
    const at = this.lowerBound(v);
    this.sorted.copyWithin(at + 1, at, this.size);
    this.sorted[at] = v;
    this.size++;
  }

  private remove(v: number): void {
    const at = this.lowerBound(v);
    this.sorted.copyWithin(at, at + 1, this.size);
    this.size--;
  }

  /** Add a value (never NaN); the oldest leaves the window when it is full (one shift of the values between). */
  push(v: number): void {
    if (this.size === this.cap) this.replace(this.past(this.cap - 1), v);
    else this.insert(v);
    this.history[this.head] = v;
    this.head = (this.head + 1) % this.history.length;
    this.remembered = Math.min(this.remembered + 1, this.history.length);
  }

  /** The sorted values with `old` taken out and `v` put in. */
  private replace(old: number, v: number): void {
    const { sorted } = this;
    const out = this.lowerBound(old);
    let at = this.lowerBound(v);
    if (at > out) {
      at--;
      sorted.copyWithin(out, out + 1, at + 1);
    } else sorted.copyWithin(at + 1, at, out);
    sorted[at] = v;
  }

  /** Take back the newest value; the one before the window, if remembered, comes back into it. */
  popNewest(): void {
    if (this.remembered === 0) return;
    this.remove(this.past(0));
    this.head = (this.head - 1 + this.history.length) % this.history.length;
    this.remembered--;
    if (this.remembered >= this.size + 1) this.insert(this.past(this.size));
  }

  /** Forget everything. */
  clear(): void {
    this.size = 0;
    this.remembered = 0;
  }

  /** Multiply every value by k > 0 (the order is kept). */
  scale(k: number): void {
    for (let i = 0; i < this.size; i++) this.sorted[i] = (this.sorted[i] as number) * k;
    for (let i = 0; i < this.history.length; i++) this.history[i] = (this.history[i] as number) * k;
  }

  /** The k-th smallest value of the window (0-based). */
  at(k: number): number {
    return this.sorted[k] as number;
  }

  /** How many values of the window are at most v. */
  countAtMost(v: number): number {
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.sorted[mid] as number) <= v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Median of the values from the k-th smallest on (NaN for none). */
  medianFrom(k: number): number {
    const n = this.size - k;
    if (n <= 0) return Number.NaN;
    const mid = k + (n >> 1);
    return n % 2 ? (this.sorted[mid] as number) : ((this.sorted[mid - 1] as number) + (this.sorted[mid] as number)) / 2;
  }

  median(): number {
    return this.medianFrom(0);
  }

  /** The q-quantile (0..1), by linear interpolation between order statistics (NaN for none). */
  quantile(q: number): number {
    if (this.size === 0) return Number.NaN;
    const at = q * (this.size - 1);
    const lo = Math.floor(at);
    const hi = Math.min(this.size - 1, lo + 1);
    const a = this.sorted[lo] as number;
    return a + (at - lo) * ((this.sorted[hi] as number) - a);
  }

  /**
   * Robust standard deviation: 1.4826 × the median absolute deviation from the median. The distances from the
   * median, read outwards from it on both sides, are two sorted runs: merging them up to the middle finds their
   * median without sorting.
   */
  robustSigma(): number {
    const n = this.size;
    if (n === 0) return Number.NaN;
    const m = this.median();
    let left = this.countAtMost(m) - 1;
    let right = left + 1;
    let previous = 0;
    let current = 0;
    for (let taken = 0; taken <= n >> 1; taken++) {
      const dl = left >= 0 ? m - (this.sorted[left] as number) : Number.POSITIVE_INFINITY;
      const dr = right < n ? (this.sorted[right] as number) - m : Number.POSITIVE_INFINITY;
      previous = current;
      if (dl <= dr) {
        current = dl;
        left--;
      } else {
        current = dr;
        right++;
      }
    }
    return MAD_TO_SIGMA * (n % 2 ? current : (previous + current) / 2);
  }
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
