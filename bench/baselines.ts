/**
 * The two rules the detector is measured against, as simple bots implement them: a 3-sigma rolling z-score and a
 * percentage over the rolling average. Flagged points in a row make one detection, as for the detector.
 */
export interface Detection {
  start: number;
  /** The point at which the detection is raised. */
  detectedAt: number;
  /** Sums of expected and actual values over the detection's points, where the method says (its dollar impact). */
  expected?: number;
  actual?: number;
  /** The shape the method calls it, where it says. */
  kind?: string;
}

export type Qualifier = (sofar: { expected: number; actual: number; points: number }) => boolean;

const always: Qualifier = () => true;

/**
 * Runs of flagged points become detections, raised at the first point where the run so far qualifies, with the sums
 * of the whole run.
 */
export function detectionsFromFlags(
  values: readonly number[],
  expected: readonly number[],
  flagged: readonly boolean[],
  qualifies: Qualifier = always,
): Detection[] {
  const out: Detection[] = [];
  let start = -1;
  let raised: Detection | undefined;
  let sums = { expected: 0, actual: 0 };
  flagged.forEach((flag, t) => {
    if (!flag) {
      start = -1;
      return;
    }
    if (start < 0) {
      start = t;
      raised = undefined;
      sums = { expected: 0, actual: 0 };
    }
    sums.expected += expected[t] as number;
    sums.actual += values[t] as number;
    if (!raised && qualifies({ ...sums, points: t - start + 1 })) {
      raised = { start, detectedAt: t, ...sums };
      out.push(raised);
    } else if (raised) Object.assign(raised, sums);
  });
  return out;
}

/** Rolling mean and standard deviation of the `window` points before each point (NaN until the window fills). */
function rolling(values: readonly number[], window: number): { mean: number[]; sd: number[] } {
  const mean: number[] = [];
  const sd: number[] = [];
  let sum = 0;
  let sq = 0;
  values.forEach((v, t) => {
    if (t >= window) {
      mean.push(sum / window);
      sd.push(Math.sqrt(Math.max(0, sq / window - (sum / window) ** 2)));
    } else {
      mean.push(Number.NaN);
      sd.push(Number.NaN);
    }
    sum += v;
    sq += v * v;
    if (t >= window) {
      const old = values[t - window] as number;
      sum -= old;
      sq -= old * old;
    }
  });
  return { mean, sd };
}

/** Flags points more than `k` rolling standard deviations from the rolling mean of the last `window` points. */
export function zScoreDetections(values: readonly number[], window: number, k = 3, qualifies?: Qualifier): Detection[] {
  const { mean, sd } = rolling(values, window);
  const flagged = values.map((v, t) => Math.abs(v - (mean[t] as number)) > k * (sd[t] as number));
  return detectionsFromFlags(values, mean, flagged, qualifies);
}

/** Flags points that differ from the rolling average of the last `window` points by more than `share` of it. */
export function percentDetections(
  values: readonly number[],
  window: number,
  share = 0.3,
  qualifies?: Qualifier,
): Detection[] {
  const { mean } = rolling(values, window);
  const flagged = values.map((v, t) => Math.abs(v - (mean[t] as number)) > share * Math.abs(mean[t] as number));
  return detectionsFromFlags(values, mean, flagged, qualifies);
}
