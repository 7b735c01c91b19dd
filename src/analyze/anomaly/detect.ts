/**
 * The anomaly detector over one series (pure). A causal scan: each point is judged only on the points before it, so
 * the same code serves the daily run, the intraday run and the streaming benchmark.
 *
 * Baseline: the median of the same phase over the last `seasons` seasons (same weekday for daily spend, same hour
 * for hourly), plus the median recent residual (steady growth), so weekly rhythm is expected and a one-day spike
 * does not move it. Calendar points (the 1st of the month, the month's last day) are baselined apart: the normal
 * baseline plus the median excess of past points of the same class.
 * Scale: the robust sigma (MAD) of recent residuals outside anomalies, floored at a share of the expected value, and
 * for mostly-zero series at the typical charge.
 * Evidence: a point whose score passes `z` opens an anomaly; a CUSUM of scores catches shifts and runaways that no
 * single point proves. While an anomaly is open, its points stand in the history as their expected values, so a
 * return to normal is not news; if it lasts `acceptAfter` points it is the new normal: the history is rebased to the
 * new level and the anomaly closes as settled.
 */
import type { AnomalyKind } from '../../domain/anomaly';
import { median, quantile, robustSigma } from './stats';

export interface DetectorOptions {
  /** Points per season: 7 for daily series (weekly rhythm), 24 for hourly series (daily rhythm). */
  period: number;
  /** Seasons of history behind each baseline. */
  seasons: number;
  /** Points of history before any point is judged. */
  minHistory: number;
  /** Score at which a single point opens an anomaly. */
  z: number;
  /** CUSUM allowance and decision threshold, in scores. */
  cusumK: number;
  cusumH: number;
  /** An open anomaly closes after this many consecutive points scored within closeZ. */
  closeZ: number;
  closeAfter: number;
  /** An anomaly open this many points is the new normal: the baseline moves to it. */
  acceptAfter: number;
  /** The scale is at least this share of the expected value (flat series have no spread). */
  relSigmaFloor: number;
  /** ... and at least this absolute amount (USD for spend); values within it of zero count as zero. */
  absSigmaFloor: number;
  /**
   * A deviation no larger than `tail` times the 95th percentile of recent ones is not news: the scale is raised so
   * that such a point scores under `z` (recurring bursts in heavy-tailed series).
   */
  tail: number;
  /** Report drops (falls below the baseline) as well as rises. */
  drops: boolean;
  /** Calendar class of each point ('first' of month, 'last' of month), baselined apart from ordinary points. */
  classes?: readonly (string | undefined)[];
  /**
   * Whether an anomaly so far is worth reporting (dollar and relative thresholds). It is reported from the first
   * point at which this holds; one that never qualifies is dropped. Default: always.
   */
  qualifies?: (sofar: { expected: number; actual: number; points: number }) => boolean;
}

/** Defaults for daily spend, chosen on the synthetic bench (bench/anomaly.ts). */
export const DAILY_DETECTOR: DetectorOptions = {
  period: 7,
  seasons: 6,
  minHistory: 21,
  z: 5,
  cusumK: 1,
  cusumH: 6,
  closeZ: 2,
  closeAfter: 2,
  acceptAfter: 14,
  relSigmaFloor: 0.03,
  absSigmaFloor: 0.5,
  tail: 1.2,
  drops: true,
};

/**
 * Defaults for hourly spend (Cost Explorer keeps 14 days of hourly data: a week of same-hour history). Hours of one
 * day move together (much spend accrues by the day), so the CUSUM asks for more, as on the NAB bench's
 * high-frequency series.
 */
export const HOURLY_DETECTOR: DetectorOptions = {
  ...DAILY_DETECTOR,
  period: 24,
  seasons: 7,
  minHistory: 48,
  cusumK: 2,
  cusumH: 15,
  closeAfter: 3,
  acceptAfter: 48,
  absSigmaFloor: 0.05,
};

/** One anomaly in a series, by point index (inclusive), with sums over its points. */
export interface SeriesAnomaly {
  kind: AnomalyKind;
  start: number;
  end: number;
  /** The first point at which the evidence crossed the threshold and the anomaly qualified (start ≤ detectedAt). */
  detectedAt: number;
  expected: number;
  actual: number;
  /** The largest score (robust z, or CUSUM where that decided) over the anomaly. */
  score: number;
  /** Still open at the last point. */
  open: boolean;
  /** Closed because it lasted: the series settled at the new level (otherwise it returned to normal). */
  settled: boolean;
}

/** Per-point diagnostics, for tests and the bench. */
export interface Scan {
  expected: number[];
  sigma: number[];
  score: number[];
  anomalies: SeriesAnomaly[];
}

interface Open {
  dir: 1 | -1;
  start: number;
  detectedAt: number | undefined;
  score: number;
  quiet: number;
  byCusum: boolean;
  /** Spend before the anomaly was (almost) nothing: a new service or account. */
  fromNothing: boolean;
}

/** What a scan carries from point to point: the outputs so far and the history the baselines and the scale read. */
interface ScanState {
  values: readonly number[];
  o: DetectorOptions;
  p: number;
  clean: number[]; // the history baselines read
  expected: number[];
  sigma: number[];
  score: number[];
  residuals: number[]; // x minus the seasonal baseline, ordinary points outside anomalies, latest last
  deviations: number[]; // |x - expected| of every judged point, anomalies included
  excess: Map<string, number[]>; // calendar class → past excesses over the normal baseline
  anomalies: SeriesAnomaly[];
  window: number;
  /** The spread of recent history changes slowly: measured again every `refresh` points (every point for daily). */
  refresh: number;
  spread: { at: number; bias: number; sigma: number };
  qualifies: NonNullable<DetectorOptions['qualifies']>;
  up: number;
  down: number;
  open: Open | undefined;
}

/** A scan before its first point. */
function startScan(values: readonly number[], o: DetectorOptions): ScanState {
  const n = values.length;
  const p = o.period;
  // Recent enough to follow changes in spread, bounded so that long high-frequency series stay fast.
  const window = Math.min(576, Math.max(2 * p, Math.min(o.seasons * p, 8 * 7)));
  return {
    values,
    o,
    p,
    clean: [],
    expected: new Array(n).fill(Number.NaN),
    sigma: new Array(n).fill(Number.NaN),
    score: new Array(n).fill(0),
    residuals: [],
    deviations: [],
    excess: new Map<string, number[]>(),
    anomalies: [],
    window,
    refresh: Math.max(1, Math.floor(window / 48)),
    spread: { at: Number.NEGATIVE_INFINITY, bias: 0, sigma: 0 },
    qualifies: o.qualifies ?? (() => true),
    up: 0,
    down: 0,
    open: undefined,
  };
}

/** Run the detector over a series. Values may be negative (credits); NaN marks a missing point (not judged). */
export function scanSeries(values: readonly number[], options: DetectorOptions): Scan {
  const st = startScan(values, options);
  const n = values.length;
  for (let t = 0; t < n; t++) {
    const x = values[t] as number;
    const cls = options.classes?.[t];
    const normal = t === 0 ? Number.NaN : seasonal(st, t);
    if (Number.isNaN(x) || t < Math.min(options.minHistory, n) || Number.isNaN(normal)) {
      learn(st, x, cls, normal);
      continue;
    }
    const judged = judge(st, t, x, cls, normal);
    if (st.open) follow(st, t, judged, cls, normal);
    else watch(st, t, x, cls, normal);
  }
  close(st, n - 1, true, false);
  return { expected: st.expected, sigma: st.sigma, score: st.score, anomalies: st.anomalies };
}

function measureSpread(st: ScanState, t: number): ScanState['spread'] {
  const { o, window } = st;
  const recent = st.residuals.slice(-window);
  return {
    at: t,
    bias: recent.length >= st.p ? median(recent) : 0,
    sigma: Math.max(
      recent.length >= 4 ? robustSigma(recent) : 0,
      intermittentScale(st.values, t, window, o.absSigmaFloor),
      st.deviations.length >= Math.min(window, 28) ? (o.tail * quantile(st.deviations.slice(-window), 0.95)) / o.z : 0,
    ),
  };
}

function seasonal(st: ScanState, t: number): number {
  const { clean, p } = st;
  const same: number[] = [];
  for (let j = 1; j <= st.o.seasons && t - j * p >= 0; j++) same.push(clean[t - j * p] as number);
  // Too little history for the season: the median of the recent points.
  return same.length >= 2 ? median(same) : median(clean.slice(Math.max(0, t - p), t));
}

/** A calendar charge is learnt only once the series is alive (a new service's past zeros say nothing about it). */
function learnExcess(st: ScanState, cls: string, x: number, normal: number): void {
  if (Math.abs(x) + Math.abs(normal) > st.o.absSigmaFloor) pushTo(st.excess, cls, x - normal);
}

/** A point not judged (missing, or too little history): history only. */
function learn(st: ScanState, x: number, cls: string | undefined, normal: number): void {
  st.clean.push(Number.isNaN(x) ? (Number.isNaN(normal) ? 0 : normal) : x);
  if (Number.isNaN(x) || Number.isNaN(normal)) return;
  if (cls) learnExcess(st, cls, x, normal);
  else st.residuals.push(x - normal);
}

/** The expected value, scale and score of point `t`; false when a calendar point has nothing to be judged against. */
function judge(st: ScanState, t: number, x: number, cls: string | undefined, normal: number): boolean {
  const { o } = st;
  // An open anomaly is judged on the spread from before it.
  if (!st.open && t - st.spread.at >= st.refresh) st.spread = measureSpread(st, t);
  const bias = st.spread.bias;
  let e = normal + bias;
  let s = Math.max(st.spread.sigma, o.relSigmaFloor * Math.abs(e), o.absSigmaFloor);
  let judged = true;
  if (cls) {
    const past = (st.excess.get(cls) ?? []).slice(-6);
    if (past.length === 0)
      judged = false; // a calendar charge never seen before: nothing to judge it against
    else {
      const m = median(past);
      e += m;
      s = Math.max(s, past.length >= 3 ? robustSigma(past) : 0, 0.1 * Math.abs(m));
    }
    learnExcess(st, cls, x, normal + bias);
  }
  st.expected[t] = e;
  st.sigma[t] = s;
  const z = judged ? (x - e) / s : 0;
  st.score[t] = z;
  if (judged) st.deviations.push(Math.abs(x - e));
  return judged;
}

/** Point `t` while an anomaly is open: it goes on, returns to normal, or lasts into the new normal. */
function follow(st: ScanState, t: number, judged: boolean, cls: string | undefined, normal: number): void {
  const { o, values } = st;
  const open = st.open as Open;
  const same = open.dir * (st.score[t] as number);
  open.score = Math.max(open.score, same);
  // A calendar point with nothing to judge it against says neither that the anomaly goes on nor that it ended.
  if (judged) open.quiet = same < o.closeZ ? open.quiet + 1 : 0;
  st.clean.push(cls ? normal : (st.expected[t] as number));
  if (open.quiet >= o.closeAfter) {
    // Back to normal: the quiet points are history again.
    for (let i = t - o.closeAfter + 1; i <= t; i++) if (!o.classes?.[i]) st.clean[i] = values[i] as number;
    close(st, t - o.closeAfter, false, false);
  } else if (t - open.start + 1 >= o.acceptAfter) {
    if (open.detectedAt === undefined) open.detectedAt = t;
    rebase(st, open.start, t);
    close(st, t, false, true);
  } else if (open.detectedAt === undefined && st.qualifies(sofar(st, open.start, t))) open.detectedAt = t;
}

/** Point `t` with no anomaly open: ordinary history, unless its score or the CUSUM opens one. */
function watch(st: ScanState, t: number, x: number, cls: string | undefined, normal: number): void {
  const { o, p, score } = st;
  const z = score[t] as number;
  st.clean.push(cls ? normal : x);
  if (!cls) st.residuals.push(x - normal);
  const capped = Math.max(-o.z, Math.min(o.z, z));
  st.up = Math.max(0, st.up + capped - o.cusumK);
  st.down = Math.max(0, st.down - capped - o.cusumK);
  const rise = z >= o.z || st.up >= o.cusumH;
  const fall = o.drops && (-z >= o.z || st.down >= o.cusumH);
  if (!rise && !fall) return;
  const dir: 1 | -1 = rise ? 1 : -1;
  const byCusum = Math.abs(z) < o.z;
  // A CUSUM alarm dates the anomaly from where the run of same-signed scores began.
  let start = t;
  while (byCusum && start > 0 && dir * (score[start - 1] as number) > o.cusumK && start > t - 4 * p) start--;
  // Those points were taken as ordinary: out of the scale's history, and expected values in the baseline's.
  st.residuals.length = Math.max(0, st.residuals.length - range(start, t).filter((i) => !o.classes?.[i]).length);
  for (let i = start; i <= t; i++) if (!o.classes?.[i]) st.clean[i] = st.expected[i] as number;
  const before = st.values.slice(Math.max(0, start - 4 * p), start);
  st.open = {
    dir,
    start,
    detectedAt: undefined,
    score: byCusum ? Math.max(dir === 1 ? st.up : st.down, dir * z) : dir * z,
    quiet: 0,
    byCusum,
    fromNothing:
      dir === 1 && before.length >= p && before.every((v) => Number.isNaN(v) || Math.abs(v) <= o.absSigmaFloor),
  };
  if (st.qualifies(sofar(st, start, t))) st.open.detectedAt = t;
}

const sum = (xs: readonly number[], from: number, to: number) => {
  let total = 0;
  for (let i = from; i <= to; i++) total += Number.isNaN(xs[i] as number) ? 0 : (xs[i] as number);
  return total;
};

function sofar(st: ScanState, start: number, t: number) {
  return { expected: sum(st.expected, start, t), actual: sum(st.values, start, t), points: t - start + 1 };
}

function close(st: ScanState, end: number, isOpen: boolean, settled: boolean): void {
  const { open, values, expected } = st;
  if (!open) return;
  // Qualified only on points that turned out quiet: not an anomaly after all.
  if (open.detectedAt !== undefined && open.detectedAt <= end) {
    const residualsOf = range(open.start, end).map((i) => (values[i] as number) - (expected[i] as number));
    st.anomalies.push({
      kind: kindOf(open, residualsOf),
      start: open.start,
      end,
      detectedAt: open.detectedAt,
      expected: sum(expected, open.start, end),
      actual: sum(values, open.start, end),
      score: open.score,
      open: isOpen,
      settled,
    });
  }
  st.open = undefined;
  st.up = 0;
  st.down = 0;
}

/** The anomaly from `start` to `t` is the new normal: move the history before it to its level. */
function rebase(st: ScanState, start: number, t: number): void {
  const { o, values, expected, clean } = st;
  const idx = range(start, t).filter((i) => !o.classes?.[i] && !Number.isNaN(values[i] as number));
  const base = median(idx.map((i) => expected[i] as number));
  const now = median(idx.map((i) => values[i] as number));
  const ratio = now / base;
  const scaled = Math.abs(base) > o.absSigmaFloor && ratio > 0.05 && ratio < 20;
  const shift = now - base;
  for (let i = Math.max(0, start - o.seasons * st.p); i < start; i++) {
    clean[i] = scaled ? (clean[i] as number) * ratio : (clean[i] as number) + shift;
  }
  for (const i of idx) clean[i] = values[i] as number;
  st.residuals = scaled ? st.residuals.map((r) => r * ratio) : [];
  st.spread.at = Number.NEGATIVE_INFINITY;
}

/** Spike, level shift or runaway from the shape of the excess; 'new' from nothing; 'drop' for falls. */
function kindOf(open: Open, residuals: readonly number[]): AnomalyKind {
  if (open.dir === -1) return 'drop';
  if (open.fromNothing) return 'new';
  if (residuals.length <= 2) return 'spike';
  // A runaway climbs: its excess keeps growing; a level shift jumps and stays.
  const third = Math.max(1, Math.floor(residuals.length / 3));
  const head = median(residuals.slice(0, third));
  const tail = median(residuals.slice(-third));
  return tail > 1.8 * head && open.byCusum ? 'runaway' : 'level-shift';
}

/**
 * For a series that is mostly zero with occasional charges (three or more: fewer is a series just starting), the
 * typical size of a charge: a charge of that size is ordinary there, whatever the median says.
 */
function intermittentScale(values: readonly number[], t: number, window: number, zero: number): number {
  const recent = values.slice(Math.max(0, t - window), t).filter((v) => !Number.isNaN(v));
  const charges = recent.filter((v) => Math.abs(v) > zero).map(Math.abs);
  return charges.length >= 3 && charges.length <= 0.7 * recent.length ? median(charges) : 0;
}

const pushTo = (map: Map<string, number[]>, key: string, value: number) => {
  const list = map.get(key) ?? [];
  list.push(value);
  map.set(key, list);
};

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);
