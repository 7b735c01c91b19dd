/**
 * The anomaly bench: precision, recall, F1 and detection delay on labelled synthetic cost series, and the NAB
 * standard score on labelled NAB series, for the detector and two baselines (3-sigma rolling z-score, percentage
 * over the rolling average). Wired into `npm run bench`.
 */
import { calendarClass, monthSlot } from '../src/analyze/anomaly/calendar';
import { type DetectorOptions, HOURLY_DETECTOR, scanSeries } from '../src/analyze/anomaly/detect';
import { spendDetector } from '../src/analyze/anomaly/thresholds';
import { DEFAULT_THRESHOLDS } from '../src/config';
import { DAYS_PER_MONTH } from '../src/domain/money';
import { type Detection, percentDetections, type Qualifier, zScoreDetections } from './baselines';
import { loadNab, type NabFile, nabScore, PROFILES, pointsPerDay } from './nab';
import { type Label, type LabelledSeries, labelsOf, SHAPES, shapeSeries, syntheticSeries } from './synthetic';

const SEED = 20261120;
/** Points before this index are burn-in for every method (the baselines need their windows too). */
const BURN_IN = 60;

type Method = (series: LabelledSeries, qualifies: Qualifier, seriesCount: number) => Detection[];

const detector: Method = (s, _q, count) => {
  const slots = s.days.map((d) => monthSlot(d));
  const options = spendDetector('daily', DEFAULT_THRESHOLDS, count, s.days.map(calendarClass), slots);
  return scanSeries(s.values, options).anomalies;
};
const zScore: Method = (s, q) => zScoreDetections(s.values, 28, 3, q);
const percent: Method = (s, q) => percentDetections(s.values, 7, 0.3, q);

/** The dollar and relative thresholds of a daily run, applied to the baselines' detections alike. */
const qualifies = spendDetector('daily', DEFAULT_THRESHOLDS, 1).qualifies as Qualifier;

export interface SyntheticFigures {
  precision: number;
  recall: number;
  f1: number;
  /** Mean days from the anomaly's first day to its detection (the day the alert fires), over detected anomalies. */
  delayDays: number;
  falseAlarms: number;
  /** Dollars over or under expected that the false alarms report, per series and month scored. */
  falseAlarmUsd: number;
  /** Share of found anomalies called by their planted kind (for a method that names kinds). */
  kindAccuracy?: number;
}

/**
 * Event-level scoring: a labelled anomaly is found by a detection raised within it (or the day after). Detections in
 * the week after an anomaly (the return to normal) count neither way, unless `strict`: then a detection that starts
 * after the anomaly ended is a false alarm (a return to normal alerted as news).
 */
export function scoreSynthetic(series: readonly LabelledSeries[], method: Method, strict = false): SyntheticFigures {
  let tp = 0;
  let fp = 0;
  let labels = 0;
  let delay = 0;
  let kinds = 0;
  let named = 0;
  let falseUsd = 0;
  let months = 0;
  for (const s of series) {
    const found = method(s, qualifies, series.length).filter((d) => d.detectedAt >= BURN_IN);
    const planted = labelsOf(s);
    labels += planted.length;
    months += (s.values.length - BURN_IN) / DAYS_PER_MONTH;
    const hit = new Set<Label>();
    for (const d of found) {
      const within = (l: Label, to: number) =>
        d.detectedAt >= l.start && d.detectedAt <= to && (!strict || d.start <= l.end);
      const label = planted.find((l) => within(l, l.end + 1));
      if (label) {
        if (hit.has(label)) continue;
        hit.add(label);
        delay += d.detectedAt - label.start;
        if (d.kind !== undefined) {
          named++;
          if (d.kind === label.kind) kinds++;
        }
      } else if (!planted.some((l) => within(l, l.end + 7))) {
        fp++;
        falseUsd += Math.abs((d.actual ?? 0) - (d.expected ?? 0));
      }
    }
    tp += hit.size;
  }
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = labels ? tp / labels : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return {
    precision,
    recall,
    f1,
    delayDays: tp ? delay / tp : 0,
    falseAlarms: fp,
    falseAlarmUsd: months ? falseUsd / months : 0,
    ...(named ? { kindAccuracy: kinds / named } : {}),
  };
}

/**
 * The detector on a NAB file. NAB series are not USD and sampled every 5 to 60 minutes, so the profile differs from
 * spend's in scale only: no dollar floors, and values are not charges; the weekly rhythm where the file spans four
 * weeks (else the daily one); anomalies close after 4 quiet hours, settle after a day, and a return to the level
 * before a settled one is recognized for 14 days; a stricter score (8), CUSUM (2, 15) and tail (2), since
 * consecutive points are strongly correlated. One profile for every file, not tuned per file.
 */
export function nabDetectorOptions(file: NabFile): DetectorOptions {
  const perDay = pointsPerDay(file);
  const weekly = file.values.length >= 28 * perDay;
  return {
    ...HOURLY_DETECTOR,
    period: weekly ? 7 * perDay : perDay,
    seasons: weekly ? 4 : 7,
    minHistory: perDay,
    closeAfter: Math.max(3, Math.round(perDay / 6)),
    acceptAfter: Math.max(48, perDay),
    recall: 14 * perDay,
    absSigmaFloor: 0,
    lumpy: 0,
    drops: true,
    z: 8,
    cusumK: 2,
    cusumH: 15,
    tail: 2,
  };
}

const nabMethods: Record<string, (file: NabFile) => Detection[]> = {
  detector: (f) => scanSeries(f.values, nabDetectorOptions(f)).anomalies,
  zscore: (f) => zScoreDetections(f.values, pointsPerDay(f), 3),
  percent: (f) => percentDetections(f.values, pointsPerDay(f), 0.3),
};

const round = (x: number, digits = 3) => Number(x.toFixed(digits));

/**
 * The baselines at their best: each one's parameters swept over a small grid and the best kept, chosen on the very
 * set it is scored on (so an upper bound for the baseline, not a fair tuning).
 */
const GRID = {
  zscore: [7, 14, 28].flatMap((window) => [3, 4, 5].map((k) => ({ window, k }))),
  percent: [7, 14, 28].flatMap((window) => [0.3, 0.5, 1].map((share) => ({ window, share }))),
};

function bestSynthetic(series: LabelledSeries[]) {
  const candidates = [
    ...GRID.zscore.map((p) => ({
      name: 'zscore',
      label: `window ${p.window}, ${p.k} sigma`,
      method: ((s, q) => zScoreDetections(s.values, p.window, p.k, q)) as Method,
    })),
    ...GRID.percent.map((p) => ({
      name: 'percent',
      label: `window ${p.window}, ${p.share * 100}%`,
      method: ((s, q) => percentDetections(s.values, p.window, p.share, q)) as Method,
    })),
  ].map((c) => ({ ...c, figures: scoreSynthetic(series, c.method) }));
  return (['zscore', 'percent'] as const).map(
    (name) =>
      candidates
        .filter((c) => c.name === name)
        .sort((x, y) => y.figures.f1 - x.figures.f1)[0] as (typeof candidates)[number],
  );
}

function bestNab(files: NabFile[]) {
  const perDayWindow = (f: NabFile, days: number) => Math.round(pointsPerDay(f) * days);
  const candidates = [
    ...[0.25, 1, 7].flatMap((days) =>
      [3, 4, 5].map((k) => ({
        name: 'zscore',
        label: `window ${days} day(s), ${k} sigma`,
        detect: (f: NabFile) => zScoreDetections(f.values, perDayWindow(f, days), k),
      })),
    ),
    ...[0.25, 1, 7].flatMap((days) =>
      [0.3, 0.5, 1].map((share) => ({
        name: 'percent',
        label: `window ${days} day(s), ${share * 100}%`,
        detect: (f: NabFile) => percentDetections(f.values, perDayWindow(f, days), share),
      })),
    ),
  ].map((c) => ({ ...c, score: nabScore(files, c.detect) }));
  return (['zscore', 'percent'] as const).map(
    (name) =>
      candidates.filter((c) => c.name === name).sort((x, y) => y.score - x.score)[0] as (typeof candidates)[number],
  );
}

/** Seeds of the synthetic sets: the first is the bench's reference set, the others show how much figures move. */
const SEEDS = [SEED, SEED + 1, SEED + 2];
const METHODS = { detector, zscore: zScore, percent };

/** The synthetic figures, flat: the reference set, the other seeds' F1, and the failure shapes of issue 15. */
function syntheticFigures(): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  const put = (set: string, name: string, f: SyntheticFigures) => {
    const at = `anomaly.${set}.${name}`;
    out[`${at}.precision`] = round(f.precision);
    out[`${at}.recall`] = round(f.recall);
    out[`${at}.f1`] = round(f.f1);
    out[`${at}.delayDays`] = round(f.delayDays, 2);
    out[`${at}.falseAlarms`] = f.falseAlarms;
    out[`${at}.falseAlarmUsdPerSeriesMonth`] = round(f.falseAlarmUsd, 2);
    if (f.kindAccuracy !== undefined) out[`${at}.kindAccuracy`] = round(f.kindAccuracy);
  };
  const sets = SEEDS.map((seed) => syntheticSeries(seed));
  const series = sets[0] as LabelledSeries[];
  out['anomaly.synthetic.series'] = series.length;
  out['anomaly.synthetic.labelled'] = series.filter((s) => s.label).length;
  for (const [name, method] of Object.entries(METHODS)) {
    put('synthetic', name, scoreSynthetic(series, method));
    const f1s = sets.map((set) => round(scoreSynthetic(set, method).f1).toFixed(3));
    out[`anomaly.synthetic.${name}.f1BySeed`] = `${f1s.join(' / ')} (seeds ${SEEDS.join(', ')})`;
  }
  for (const best of bestSynthetic(series)) {
    put('synthetic', `${best.name}.best`, best.figures);
    out[`anomaly.synthetic.${best.name}.best.params`] = best.label;
  }
  // The shapes, scored strictly: a return to normal alerted as news is a false alarm.
  const shapes = shapeSeries(SEED);
  out['anomaly.shapes.series'] = `${shapes.length} (${SHAPES.join(', ')})`;
  for (const [name, method] of Object.entries(METHODS)) put('shapes', name, scoreSynthetic(shapes, method, true));
  out['anomaly.shapes.detector.falseAlarmsByShape'] = SHAPES.map(
    (shape) =>
      `${shape} ${
        scoreSynthetic(
          shapes.filter((s) => s.shape === shape),
          detector,
          true,
        ).falseAlarms
      }`,
  ).join(', ');
  return out;
}

/** Every figure of the bench, flat, for `npm run bench`. */
export async function benchAnomaly(): Promise<Record<string, string | number>> {
  const out = syntheticFigures();

  const files = loadNab();
  out['anomaly.nab.files'] = files.length;
  // Detections once per method; each NAB profile scores the same detections.
  const cached = (detect: (f: NabFile) => Detection[]) => {
    const memo = new Map<string, Detection[]>();
    return (f: NabFile) => memo.get(f.name) ?? (memo.set(f.name, detect(f)).get(f.name) as Detection[]);
  };
  for (const [name, method] of Object.entries(nabMethods)) {
    const detect = cached(method);
    for (const [profile, weights] of Object.entries(PROFILES))
      out[`anomaly.nab.${name}.${profile}`] = round(nabScore(files, detect, weights), 1);
  }
  for (const best of bestNab(files)) {
    out[`anomaly.nab.${best.name}.best.standard`] = round(best.score, 1);
    out[`anomaly.nab.${best.name}.best.params`] = best.label;
  }
  return out;
}
