/**
 * The anomaly detector over one series (pure). A causal scan: each point is judged only on the points before it, so
 * the same code serves the daily run, the intraday run, `detect --csv` at any granularity and the benchmarks. One
 * pass per series over typed arrays; the moving windows stay sorted as points come and go (stats.ts), so no point
 * sorts a window or allocates.
 *
 * Baseline: the median of the same phase over the last `seasons` seasons (same weekday for daily spend, same hour
 * for hourly), plus the median recent residual (steady growth), so weekly rhythm is expected and a one-day spike
 * does not move it. Calendar points (the 1st of the month, the month's last day) are baselined apart: the normal
 * baseline plus the median excess of past points of the same class. Other days of the month learn a charge that
 * recurs on them: one seen last month is allowed, one seen two months running is expected.
 * Scale: the robust sigma (MAD) of recent residuals outside anomalies, floored at a share of the expected value, and
 * for mostly-zero series at the typical charge, against which a charge there is judged. Each anomaly weighs in the
 * scale's tail as one point, not as all of its points, so a first event does not hide a second one.
 * Evidence: a point whose score passes `z` opens an anomaly; a CUSUM of scores catches shifts and runaways that no
 * single point proves. While an anomaly is open, its points stand in the history as their expected values, so a
 * return to normal is not news; if it lasts `acceptAfter` points at a steady level it is the new normal: the history
 * is rebased to the new level and the anomaly closes as settled. A return to the level before it within `recall`
 * points ends that anomaly there instead of opening a new one.
 */
import type { AnomalyKind } from '../../domain/anomaly';
import { DAY_MS } from '../../domain/dates';
import { medianInPlace, SortedWindow } from './stats';

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
  /** An anomaly open this many points at a steady level is the new normal: the baseline moves to it. */
  acceptAfter: number;
  /** Points after an anomaly settled during which a return to the level before it ends that anomaly. */
  recall: number;
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
  /**
   * Where values are charges (spend): a mostly-zero series' charges vary widely, so one within this many times the
   * second largest of the long window is not news (0: values that are not charges, such as counts).
   */
  lumpy: number;
  /** Calendar class of each point ('first' of month, 'last' of month), baselined apart from ordinary points. */
  classes?: readonly (string | undefined)[];
  /**
   * Position of each point in its month (calendar.ts monthSlot: day of the month and time of day), where charges
   * that recur monthly are learnt; negative for none.
   */
  monthSlots?: ArrayLike<number>;
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
  recall: 91,
  relSigmaFloor: 0.03,
  absSigmaFloor: 0.5,
  tail: 1.2,
  drops: true,
  lumpy: 3,
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
  recall: 14 * 24,
  absSigmaFloor: 0.05,
};

/**
 * The defaults for a series with a point every `stepMs` (a whole day or a divisor of one) and `points` points: the
 * daily ones for days; below a day the hourly ones with their durations held in hours (3 quiet hours close an
 * anomaly, 2 days settle it), the season a day, or a week where the series spans four weeks.
 */
export function detectorForStep(stepMs: number, points: number): DetectorOptions {
  const perDay = Math.round(DAY_MS / stepMs);
  if (perDay <= 1) return DAILY_DETECTOR;
  const hours = (h: number) => Math.max(1, Math.round((h * perDay) / 24));
  const weekly = points >= 28 * perDay;
  return {
    ...HOURLY_DETECTOR,
    period: weekly ? 7 * perDay : perDay,
    seasons: weekly ? 4 : 7,
    minHistory: hours(48),
    closeAfter: Math.max(3, hours(3)),
    acceptAfter: hours(48),
    recall: hours(14 * 24),
  };
}

/** One anomaly in a series, by point index (inclusive), with sums over its points. */
export interface SeriesAnomaly {
  kind: AnomalyKind;
  start: number;
  end: number;
  /** The point at which the alert fires: the evidence crossed the threshold and the anomaly qualified (≥ start). */
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
  expected: Float64Array;
  sigma: Float64Array;
  score: Float64Array;
  anomalies: SeriesAnomaly[];
}

/** Run the detector over a series. Values may be negative (credits); NaN marks a missing point (not judged). */
export function scanSeries(values: ArrayLike<number>, options: DetectorOptions): Scan {
  const scan = new Scanner(values, options);
  for (let t = 0; t < values.length; t++) scan.step(t);
  scan.finish();
  return { expected: scan.expected, sigma: scan.sigma, score: scan.score, anomalies: scan.anomalies };
}

interface Open {
  dir: 1 | -1;
  start: number;
  /** -1 until the anomaly qualifies. */
  detectedAt: number;
  score: number;
  quiet: number;
  /** Sums of expected and actual values from start to the last point followed. */
  expected: number;
  actual: number;
  /** Spend before the anomaly was (almost) nothing: a new service or account. */
  fromNothing: boolean;
}

/** The last anomaly that settled at a new level, and how the history was moved to it (to move it back). */
interface Settled {
  anomaly: SeriesAnomaly | undefined;
  dir: 1 | -1;
  at: number;
  /** The history was scaled by ratio (1: shifted by shift instead). */
  ratio: number;
  shift: number;
}

/** Months a day of the month remembers its charge over. */
const SLOT_MONTHS = 3;
/** A residual this many scales from the baseline is a charge worth remembering on its day of the month. */
const SLOT_CHARGE = 3;
/** An anomaly whose excess moved by more than this factor over its last season has not settled at a level. */
const STEADY = 1.3;

const isNum = (x: number) => !Number.isNaN(x);
/** Flags of `pushed`. */
const RESIDUAL = 1;
const DEVIATION = 2;
const JUDGED = 4;

/** The state of one scan: the outputs so far and the windows the baseline and the scale read. */
class Scanner {
  readonly expected: Float64Array;
  readonly sigma: Float64Array;
  readonly score: Float64Array;
  readonly anomalies: SeriesAnomaly[] = [];
  private readonly o: DetectorOptions;
  private readonly v: ArrayLike<number>;
  private readonly n: number;
  private readonly p: number;
  private readonly window: number;
  /** The history baselines read. */
  private readonly clean: Float64Array;
  /** The ordinary expected value (seasonal baseline plus bias) of each judged point, before calendar charges. */
  private readonly baseline: Float64Array;
  /** Whether point t was judged and put a residual and a deviation into the windows (to take them back). */
  private readonly pushed: Uint8Array;
  /** x minus the seasonal baseline, ordinary points outside anomalies. */
  private readonly residuals: SortedWindow;
  /** |x - expected| of ordinary judged points, and one per anomaly. */
  private readonly deviations: SortedWindow;
  private deviationCount = 0;
  /** |x| of the points before, over a long window: the size of a mostly-zero series' charges. */
  private readonly magnitudes: SortedWindow;
  /** The point after the last one in magnitudes, while they are kept (-1: not kept). */
  private magnitudesTo = -1;
  /** Whether each of the last `window` points was a charge (non-zero), and how many were. */
  private readonly recentCharge: Uint8Array;
  private recentAt = 0;
  private recentSeen = 0;
  private recentCharges = 0;
  /** Calendar class → its last excesses over the normal baseline. */
  private readonly excess = new Map<string, SortedWindow>();
  /** Per day of the month: its last charges (0 none, NaN unknown), newest first, and the point of the newest. */
  private readonly slotCharge: Float64Array;
  private readonly slotAt: Int32Array;
  private readonly scratch: Float64Array;
  /** Scratch for the level of an anomaly's last two seasons. */
  private readonly level: Float64Array;
  private readonly qualifies: NonNullable<DetectorOptions['qualifies']>;
  private bias = 0;
  private spread = 0;
  /** The typical charge of a mostly-zero series (0 otherwise). */
  private typical = 0;
  private adjust = 0;
  private minSeen = Number.POSITIVE_INFINITY;
  private up = 0;
  private down = 0;
  private open: Open | undefined;
  private settled: Settled | undefined;
  /** The last point of the last anomaly: a new one starts after it. */
  private lastEnd = -1;

  constructor(values: ArrayLike<number>, o: DetectorOptions) {
    const n = values.length;
    const p = o.period;
    this.o = o;
    this.v = values;
    this.n = n;
    this.p = p;
    // Recent enough to follow changes in spread, bounded so that long high-frequency series stay fast.
    this.window = Math.min(576, Math.max(2 * p, Math.min(o.seasons * p, 8 * 7)));
    this.expected = new Float64Array(n).fill(Number.NaN);
    this.sigma = new Float64Array(n).fill(Number.NaN);
    this.score = new Float64Array(n);
    this.clean = new Float64Array(n);
    this.baseline = new Float64Array(n).fill(Number.NaN);
    this.pushed = new Uint8Array(n);
    // A CUSUM alarm takes back up to 4 seasons of points: remember that many beyond the window.
    this.residuals = new SortedWindow(this.window, 4 * p + 2);
    this.deviations = new SortedWindow(this.window, 4 * p + 2);
    this.magnitudes = new SortedWindow(4 * this.window);
    this.recentCharge = new Uint8Array(this.window);
    let slots = 0;
    for (let t = 0; t < n && o.monthSlots; t++) slots = Math.max(slots, (o.monthSlots[t] as number) + 1);
    // A charge can recur only in a series longer than a month.
    if (n < 28 * Math.max(1, slots / 31)) slots = 0;
    this.slotCharge = new Float64Array(slots * SLOT_MONTHS);
    this.slotAt = new Int32Array(slots).fill(-1);
    this.scratch = new Float64Array(Math.max(o.seasons, 64));
    // Enough for an anomaly's points: none stays open past three times acceptAfter.
    this.level = new Float64Array(Math.max(2 * p, 3 * o.acceptAfter + o.closeAfter + 1));
    this.qualifies = o.qualifies ?? (() => true);
  }

  step(t: number): void {
    const x = this.v[t] as number;
    const cls = this.o.classes?.[t];
    const normal = t === 0 ? Number.NaN : this.seasonal(t);
    if (Number.isNaN(x) || t < Math.min(this.o.minHistory, this.n) || Number.isNaN(normal))
      this.learn(t, x, cls, normal);
    else {
      const judged = this.judge(t, x, cls, normal);
      if (this.open) this.follow(t, judged, cls, normal);
      else this.watch(t, x, cls, normal, judged);
    }
    this.observe(t, x);
  }

  finish(): void {
    this.close(this.n - 1, this.n - 1, true, false);
  }

  /** The median of the same phase over the last seasons; with too little history, of the recent points. */
  private seasonal(t: number): number {
    const { clean, p, scratch } = this;
    let k = 0;
    for (let j = 1; j <= this.o.seasons && t - j * p >= 0; j++) scratch[k++] = clean[t - j * p] as number;
    if (k >= 2) return medianInPlace(scratch, k);
    k = 0;
    for (let i = Math.max(0, t - Math.min(p, scratch.length)); i < t; i++) scratch[k++] = clean[i] as number;
    return medianInPlace(scratch, k);
  }

  /** The raw value's statistics (the size and frequency of charges, the sign), once point t has been judged. */
  private observe(t: number, x: number): void {
    if (this.magnitudesTo === t) {
      if (isNum(x)) this.magnitudes.push(Math.abs(x));
      this.magnitudesTo = t + 1;
    }
    if (Number.isNaN(x)) return;
    this.minSeen = Math.min(this.minSeen, x);
    const charge = Math.abs(x) > this.o.absSigmaFloor ? 1 : 0;
    if (this.recentSeen === this.window) this.recentCharges -= this.recentCharge[this.recentAt] as number;
    else this.recentSeen++;
    this.recentCharge[this.recentAt] = charge;
    this.recentCharges += charge;
    this.recentAt = (this.recentAt + 1) % this.window;
  }

  private pushResidual(t: number, r: number): void {
    this.residuals.push(r);
    this.pushed[t] = (this.pushed[t] as number) | RESIDUAL;
  }

  private pushDeviation(t: number, d: number): void {
    this.deviations.push(d);
    this.deviationCount++;
    this.pushed[t] = (this.pushed[t] as number) | DEVIATION;
  }

  /** Take back what points from..to put into the windows (the newest there), latest first. */
  private takeBack(from: number, to: number): void {
    for (let i = to; i >= from; i--) {
      const flags = this.pushed[i] as number;
      if (flags & RESIDUAL) this.residuals.popNewest();
      if (flags & DEVIATION) {
        this.deviations.popNewest();
        this.deviationCount--;
      }
      this.pushed[i] = flags & JUDGED;
    }
  }

  /**
   * The sizes of the charges of the long window before point t, kept from now on: a series only needs them while it
   * is mostly zero, so a busy one never keeps them.
   */
  private refillMagnitudes(t: number): void {
    this.magnitudes.clear();
    for (let i = Math.max(0, t - 4 * this.window); i < t; i++) {
      const x = this.v[i] as number;
      if (isNum(x)) this.magnitudes.push(Math.abs(x));
    }
    this.magnitudesTo = t;
  }

  /** Bias and scale at point t from the recent history (measured while no anomaly is open). */
  private measureSpread(t: number): void {
    const { o, residuals, deviations, magnitudes } = this;
    this.bias = residuals.size >= this.p ? residuals.median() : 0;
    const sparse = this.recentCharges <= 0.7 * this.recentSeen;
    if (!sparse) this.magnitudesTo = -1;
    else if (this.magnitudesTo !== t) this.refillMagnitudes(t);
    const zeros = sparse ? magnitudes.countAtMost(o.absSigmaFloor) : 0;
    const intermittent = sparse && magnitudes.size - zeros >= 3;
    // A mostly-zero series (three charges or more: fewer is a series just starting): the typical size of a charge,
    // and for charges a scale at which one up to `lumpy` times the second largest of the long window is not news
    // (the largest may be an anomaly).
    this.typical = intermittent ? magnitudes.medianFrom(zeros) : 0;
    const largest = intermittent ? (o.lumpy * magnitudes.at(magnitudes.size - 2)) / o.z : 0;
    const tail = this.deviationCount >= Math.min(this.window, 28) ? (o.tail * deviations.quantile(0.95)) / o.z : 0;
    this.spread = Math.max(residuals.size >= 4 ? residuals.robustSigma() : 0, this.typical, largest, tail);
  }

  /** A calendar charge is learnt only once the series is alive (a new service's past zeros say nothing about it). */
  private learnExcess(cls: string, x: number, normal: number): void {
    if (Math.abs(x) + Math.abs(normal) <= this.o.absSigmaFloor) return;
    let past = this.excess.get(cls);
    if (!past) {
      past = new SortedWindow(6);
      this.excess.set(cls, past);
    }
    past.push(x - normal);
  }

  /** A point not judged (missing, or too little history): history only. */
  private learn(t: number, x: number, cls: string | undefined, normal: number): void {
    this.clean[t] = Number.isNaN(x) ? (Number.isNaN(normal) ? 0 : normal) : x;
    if (Number.isNaN(x) || Number.isNaN(normal)) return;
    if (cls) this.learnExcess(cls, x, normal);
    else this.pushResidual(t, x - normal);
  }

  /**
   * The part of residual r that the point's day of the month explains: none where no charge was seen on it, up to
   * last month's where one was (a charge seen once may recur or not), and the range of the last two where both had
   * one of the same sign (a recurring charge: now expected).
   */
  private monthCharge(slot: number, r: number): number {
    const k = slot * SLOT_MONTHS;
    const latest = this.slotCharge[k] as number;
    const before = this.slotCharge[k + 1] as number;
    if (latest * before > 0) return Math.min(Math.max(r, Math.min(latest, before)), Math.max(latest, before));
    let lo = 0;
    let hi = 0;
    for (let j = 0; j < SLOT_MONTHS; j++) {
      const c = this.slotCharge[k + j] as number;
      if (isNum(c)) {
        lo = Math.min(lo, c);
        hi = Math.max(hi, c);
      }
    }
    return Math.min(Math.max(r, lo), hi);
  }

  /** Remember what point t says about its day of the month (a charge, none, or unknown: NaN). */
  private recordSlot(t: number, charge: number): void {
    const slot = this.slotOf(t);
    if (slot < 0) return;
    const k = slot * SLOT_MONTHS;
    if (this.slotAt[slot] !== t) {
      this.slotCharge.copyWithin(k + 1, k, k + SLOT_MONTHS - 1);
      this.slotAt[slot] = t;
    }
    this.slotCharge[k] = charge;
  }

  /**
   * What an ordinary point t says about its day of the month: its residual if it is a charge, else none. A charge
   * is an outlier (SLOT_CHARGE scales), or half one seen there before, of the same sign (it recurred).
   */
  private ordinarySlot(t: number): void {
    const slot = this.slotOf(t);
    if (slot < 0) return;
    const r = (this.v[t] as number) - (this.baseline[t] as number);
    let known = 0;
    for (let j = 0; j < SLOT_MONTHS; j++) {
      const c = this.slotCharge[slot * SLOT_MONTHS + j] as number;
      if (c * r > 0 && Math.abs(c) > Math.abs(known)) known = c;
    }
    const recurred = known !== 0 && Math.abs(r) >= 0.5 * Math.abs(known);
    const charge = recurred || Math.abs(r) >= SLOT_CHARGE * (this.sigma[t] as number);
    this.recordSlot(t, charge ? r : 0);
  }

  private slotOf(t: number): number {
    const slot = this.o.monthSlots?.[t] ?? -1;
    return slot >= 0 && slot * SLOT_MONTHS < this.slotCharge.length && !this.o.classes?.[t] ? slot : -1;
  }

  /** The expected value, scale and score of point `t`; false when a calendar point has nothing to be judged against. */
  private judge(t: number, x: number, cls: string | undefined, normal: number): boolean {
    const { o } = this;
    // An open anomaly is judged on the spread from before it.
    if (!this.open) this.measureSpread(t);
    const base = normal + this.bias;
    let e = base;
    let s = Math.max(this.spread, o.relSigmaFloor * Math.abs(base), o.absSigmaFloor);
    let judged = true;
    this.adjust = 0;
    if (cls) {
      const past = this.excess.get(cls);
      if (!past || past.size === 0)
        judged = false; // a calendar charge never seen before: nothing to judge it against
      else if (past.size < 3) {
        // Seen once or twice: it may recur or not, up to the largest seen.
        this.adjust = Math.min(Math.max(x - base, Math.min(0, past.at(0))), Math.max(0, past.at(past.size - 1)));
        e += this.adjust;
      } else {
        const m = past.median();
        e += m;
        s = Math.max(s, past.robustSigma(), 0.1 * Math.abs(m));
      }
      if (!this.open) this.learnExcess(cls, x, base);
    } else {
      const slot = this.slotOf(t);
      if (slot >= 0) this.adjust = this.monthCharge(slot, x - base);
      e += this.adjust;
    }
    // A charge of a mostly-zero series is judged against the usual charge, not against the zero days around it; a
    // day without one is no news there.
    if (this.typical > 0 && x > o.absSigmaFloor && e < this.typical) e = this.typical;
    if (this.typical > 0 && Math.abs(x) <= o.absSigmaFloor && e > x) e = x;
    // A series never below zero is never expected below zero.
    if (this.minSeen >= 0 && e < 0) e = 0;
    this.baseline[t] = base;
    this.expected[t] = e;
    this.sigma[t] = s;
    this.score[t] = judged ? (x - e) / s : 0;
    if (judged) this.pushed[t] = (this.pushed[t] as number) | JUDGED;
    return judged;
  }

  /** Point `t` with no anomaly open: ordinary history, unless its score or the CUSUM opens one. */
  private watch(t: number, x: number, cls: string | undefined, normal: number, judged: boolean): void {
    const { o, score } = this;
    const z = score[t] as number;
    this.clean[t] = cls ? normal : x;
    if (!cls) this.pushResidual(t, x - normal);
    if (judged) this.pushDeviation(t, Math.abs(x - (this.expected[t] as number)));
    this.ordinarySlot(t);
    const capped = Math.max(-o.z, Math.min(o.z, z));
    this.up = Math.max(0, this.up + capped - o.cusumK);
    this.down = Math.max(0, this.down - capped - o.cusumK);
    const rise = z >= o.z || this.up >= o.cusumH;
    const fall = o.drops && (-z >= o.z || this.down >= o.cusumH);
    if (!rise && !fall) return;
    const dir: 1 | -1 = rise ? 1 : -1;
    if (this.returning(dir, t)) {
      this.takeBack(t, t);
      this.restore(t, t);
      return;
    }
    this.start(t, dir, Math.abs(z) < o.z);
  }

  /** Open an anomaly at point t (a CUSUM alarm dates it from where the run of same-signed scores began). */
  private start(t: number, dir: 1 | -1, byCusum: boolean): void {
    const { o, p, score, v } = this;
    let start = t;
    const earliest = Math.max(this.lastEnd + 1, t - 4 * p + 1, 0);
    while (byCusum && start > earliest && dir * (score[start - 1] as number) > o.cusumK) start--;
    // Those points were taken as ordinary: out of the scale's history, and expected values in the baseline's.
    this.takeBack(start, t);
    let expected = 0;
    let actual = 0;
    for (let i = start; i <= t; i++) {
      if (!o.classes?.[i]) this.clean[i] = this.expected[i] as number;
      if (isNum(this.expected[i] as number)) expected += this.expected[i] as number;
      if (isNum(v[i] as number)) actual += v[i] as number;
    }
    // The anomaly weighs in the scale's tail as one point.
    this.pushDeviation(t, Math.abs((v[t] as number) - (this.expected[t] as number)));
    let fromNothing = dir === 1 && start >= p;
    for (let i = Math.max(0, start - 4 * p); i < start && fromNothing; i++) {
      fromNothing = Number.isNaN(v[i] as number) || Math.abs(v[i] as number) <= o.absSigmaFloor;
    }
    const z = dir * (score[t] as number);
    this.open = {
      dir,
      start,
      detectedAt: -1,
      score: byCusum ? Math.max(dir === 1 ? this.up : this.down, z) : z,
      quiet: 0,
      expected,
      actual,
      fromNothing,
    };
    if (this.qualifies({ expected, actual, points: t - start + 1 })) this.open.detectedAt = t;
  }

  /** Point `t` while an anomaly is open: it goes on, returns to normal, or lasts into the new normal. */
  private follow(t: number, judged: boolean, cls: string | undefined, normal: number): void {
    const { o, v } = this;
    const open = this.open as Open;
    // The return from the level the last anomaly settled at, within its first points: that anomaly ends here.
    if (t - open.start <= o.closeAfter && this.returning(open.dir, t)) {
      this.takeBack(open.start, t);
      this.open = undefined;
      this.restore(open.start, t);
      return;
    }
    const same = open.dir * (this.score[t] as number);
    open.score = Math.max(open.score, same);
    // A calendar point with nothing to judge it against says neither that the anomaly goes on nor that it ended.
    if (judged) open.quiet = same < o.closeZ ? open.quiet + 1 : 0;
    this.clean[t] = cls ? normal : (this.expected[t] as number);
    if (isNum(this.expected[t] as number)) open.expected += this.expected[t] as number;
    if (isNum(v[t] as number)) open.actual += v[t] as number;
    const points = t - open.start + 1;
    if (open.quiet >= o.closeAfter) {
      // Back to normal: the quiet points are history again.
      for (let i = t - o.closeAfter + 1; i <= t; i++) if (!o.classes?.[i]) this.clean[i] = v[i] as number;
      this.close(t - o.closeAfter, t, false, false);
    } else if (points >= o.acceptAfter && (points >= 3 * o.acceptAfter || this.steady(open, t))) {
      if (open.detectedAt < 0 && this.qualifies({ expected: open.expected, actual: open.actual, points })) {
        open.detectedAt = t;
      }
      const how = this.rebase(open, t);
      const reported = this.close(t, t, false, true);
      this.settled = { anomaly: reported, dir: open.dir, at: t, ...how };
    } else if (open.detectedAt < 0 && this.qualifies({ expected: open.expected, actual: open.actual, points })) {
      open.detectedAt = t;
    }
  }

  /**
   * Whether the excess has held one level over the last season against the one before (medians, so that a point or
   * two do not decide): not a runaway still climbing, nor an anomaly falling back.
   */
  private steady(open: Open, t: number): boolean {
    const w = this.settleWindow(open, t);
    const last = this.medianExcess(open.dir, t - w + 1, t);
    const before = this.medianExcess(open.dir, t - 2 * w + 1, t - w);
    return last > 0 && before > 0 && last <= STEADY * before && before <= STEADY * last;
  }

  /** The points the level of an anomaly open from open.start to t is read over: its last season, or half of it. */
  private settleWindow(open: Open, t: number): number {
    return Math.max(1, Math.min(this.p, Math.floor((t - open.start + 1) / 2)));
  }

  /** Median of dir * (actual - expected) over from..to (NaN skipped). */
  private medianExcess(dir: 1 | -1, from: number, to: number): number {
    let k = 0;
    for (let i = from; i <= to; i++) {
      const r = dir * ((this.v[i] as number) - (this.expected[i] as number));
      if (isNum(r)) this.level[k++] = r;
    }
    return medianInPlace(this.level, k);
  }

  /**
   * Whether a move in direction `dir` at point t takes the series back to the level before the anomaly that settled
   * last (within `recall` points of it): much nearer that level than the one it settled at.
   */
  private returning(dir: 1 | -1, t: number): boolean {
    const s = this.settled;
    if (!s || dir !== -s.dir || t - s.at > this.o.recall) return false;
    const e = this.expected[t] as number;
    const old = this.before(s, t);
    const x = this.v[t] as number;
    const scale = (this.sigma[t] as number) / s.ratio;
    return Math.abs(x - old) <= Math.max(this.o.closeZ * scale, 0.3 * Math.abs(old - e));
  }

  /** Point t's expected value at the level before the settled anomaly s. */
  private before(s: Settled, t: number): number {
    const base = this.baseline[t] as number;
    const level = s.ratio !== 1 ? base / s.ratio : base - s.shift;
    return level + (this.expected[t] as number) - base;
  }

  /**
   * The series is back, from point `from`, at the level before the anomaly that settled last: that anomaly lasted
   * until `from - 1` (its impact measured against the level before it), and the history returns to that level.
   */
  private restore(from: number, t: number): void {
    const s = this.settled as Settled;
    const { o, v, clean } = this;
    const a = s.anomaly;
    if (a) {
      for (let i = a.end + 1; i < from; i++) {
        if (isNum(v[i] as number) && isNum(this.expected[i] as number)) {
          a.expected += this.before(s, i);
          a.actual += v[i] as number;
        }
      }
      a.end = from - 1;
      a.settled = false;
    }
    // Calendar charges learnt at the other level say little at this one.
    this.excess.clear();
    const undo = (x: number) => (s.ratio !== 1 ? x / s.ratio : x - s.shift);
    for (let i = Math.max(0, from - o.seasons * this.p); i < from; i++) clean[i] = undo(clean[i] as number);
    for (let i = from; i <= t; i++) {
      if (isNum(this.expected[i] as number)) this.expected[i] = this.before(s, i);
      clean[i] = o.classes?.[i] || Number.isNaN(v[i] as number) ? (this.expected[i] as number) : (v[i] as number);
    }
    if (s.ratio !== 1) {
      this.residuals.scale(1 / s.ratio);
      this.deviations.scale(1 / s.ratio);
    } else this.residuals.clear();
    this.settled = undefined;
    this.lastEnd = t;
    this.up = 0;
    this.down = 0;
  }

  /** The anomaly is reported if it qualified on points up to `end`; `t` is the point the scan is at. */
  private close(end: number, t: number, isOpen: boolean, settled: boolean): SeriesAnomaly | undefined {
    const { open, v, expected } = this;
    if (!open) return undefined;
    let reported: SeriesAnomaly | undefined;
    // Qualified only on points that turned out quiet: not an anomaly after all.
    if (open.detectedAt >= 0 && open.detectedAt <= end) {
      let e = 0;
      let x = 0;
      for (let i = open.start; i <= end; i++) {
        if (isNum(expected[i] as number)) e += expected[i] as number;
        if (isNum(v[i] as number)) x += v[i] as number;
      }
      reported = {
        kind: this.kindOf(open, end),
        start: open.start,
        end,
        detectedAt: open.detectedAt,
        expected: e,
        actual: x,
        score: open.score,
        open: isOpen,
        settled,
      };
      this.anomalies.push(reported);
    }
    // A charge of one or two points may recur on its days of the month; a longer anomaly says nothing about them.
    const short = end - open.start < 2;
    for (let i = open.start; i <= end; i++) {
      this.recordSlot(i, short ? (v[i] as number) - (this.baseline[i] as number) : Number.NaN);
    }
    for (let i = end + 1; i <= t; i++) {
      this.ordinarySlot(i);
      if ((this.pushed[i] as number) & JUDGED)
        this.pushDeviation(i, Math.abs((v[i] as number) - (expected[i] as number)));
    }
    this.lastEnd = end;
    this.open = undefined;
    this.up = 0;
    this.down = 0;
    return reported;
  }

  /**
   * The anomaly open until `t` is the new normal: the history behind the baseline (the seasons before it, and its
   * own points, which stand there as their expected values) moves to its level, read over its last two seasons (it
   * has held one level over them): the median ratio of actual to expected, or the median difference where nothing
   * (almost) was expected.
   */
  private rebase(open: Open, t: number): { ratio: number; shift: number } {
    const { o, v, clean, level } = this;
    const from = Math.max(open.start, t - 2 * this.settleWindow(open, t) + 1);
    let k = 0;
    let small = 0;
    for (let i = from; i <= t; i++) {
      const e = this.expected[i] as number;
      if (o.classes?.[i] || Number.isNaN(v[i] as number) || Number.isNaN(e)) continue;
      if (Math.abs(e) <= o.absSigmaFloor) small++;
      level[k++] = (v[i] as number) / e;
    }
    const ratio = small === 0 ? medianInPlace(level, k) : Number.NaN;
    const scaled = ratio > 0.05 && ratio < 20;
    k = 0;
    for (let i = from; i <= t && !scaled; i++) {
      if (!o.classes?.[i] && isNum(v[i] as number)) level[k++] = (v[i] as number) - (this.expected[i] as number);
    }
    const shift = scaled || k === 0 ? 0 : medianInPlace(level, k);
    for (let i = Math.max(0, open.start - o.seasons * this.p); i <= t; i++) {
      clean[i] = scaled ? (clean[i] as number) * ratio : (clean[i] as number) + shift;
    }
    if (scaled) {
      this.residuals.scale(ratio);
      this.deviations.scale(ratio);
    } else this.residuals.clear();
    this.excess.clear();
    return scaled ? { ratio, shift: 0 } : { ratio: 1, shift };
  }

  /**
   * Spike, level shift or runaway from the shape of the excess over the anomaly's ordinary points (calendar charges
   * are judged apart); 'new' from nothing; 'drop' for falls.
   */
  private kindOf(open: Open, end: number): AnomalyKind {
    if (open.dir === -1) return 'drop';
    if (open.fromNothing) return 'new';
    const { level } = this;
    let k = 0;
    for (let i = open.start; i <= end && k < level.length; i++) {
      const r = (this.v[i] as number) - (this.expected[i] as number);
      if (!this.o.classes?.[i] && isNum(r)) level[k++] = r;
    }
    if (k <= 2) return 'spike';
    // A spike's excess sits on one or two points, whatever follows it.
    let total = 0;
    let first = 0;
    let second = 0;
    for (let i = 0; i < k; i++) {
      const r = Math.max(0, level[i] as number);
      total += r;
      if (r > first) [second, first] = [first, r];
      else if (r > second) second = r;
    }
    if (first + second >= 0.7 * total) return 'spike';
    // A runaway climbs: its excess keeps growing; a level shift jumps and stays.
    const third = Math.max(1, Math.floor(k / 3));
    const tail = medianInPlace(level.subarray(k - third), third);
    const head = medianInPlace(level, third);
    return tail > 0 && tail > 1.8 * head ? 'runaway' : 'level-shift';
  }
}
