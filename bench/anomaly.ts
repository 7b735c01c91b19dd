/**
 * The anomaly bench: precision, recall, F1 and detection delay on labelled synthetic cost series, and the NAB
 * standard score on labelled NAB series, for the detector and two baselines (3-sigma rolling z-score, percentage
 * over the rolling average). Wired into `npm run bench`.
 */
import { calendarClass } from '../src/analyze/anomaly/calendar';
import { type DetectorOptions, HOURLY_DETECTOR, scanSeries } from '../src/analyze/anomaly/detect';
import { spendDetector } from '../src/analyze/anomaly/thresholds';
import { DEFAULT_THRESHOLDS } from '../src/config';
import { type Detection, percentDetections, type Qualifier, zScoreDetections } from './baselines';
import { loadNab, type NabFile, nabScore, PROFILES, pointsPerDay } from './nab';
import { type LabelledSeries, syntheticSeries } from './synthetic';

const SEED = 20261120;
/** Points before this index are burn-in for every method (the baselines need their windows too). */
const BURN_IN = 60;

type Method = (series: LabelledSeries, qualifies: Qualifier, seriesCount: number) => Detection[];

const detector: Method = (s, _q, count) => {
  const options = spendDetector('daily', DEFAULT_THRESHOLDS, count, s.days.map(calendarClass));
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
  /** Mean days from the anomaly's first day to its detection, over detected anomalies. */
  delayDays: number;
  falseAlarms: number;
}

/** Event-level scoring: a labelled anomaly is found by a detection raised within it (or the day after). */
export function scoreSynthetic(series: readonly LabelledSeries[], method: Method): SyntheticFigures {
  let tp = 0;
  let fp = 0;
  let labels = 0;
  let delay = 0;
  for (const s of series) {
    const found = method(s, qualifies, series.length).filter((d) => d.detectedAt >= BURN_IN);
    const label = s.label;
    if (label) labels++;
    let hit = false;
    for (const d of found) {
      if (label && d.detectedAt >= label.start && d.detectedAt <= label.end + 1) {
        if (!hit) delay += d.detectedAt - label.start;
        hit = true;
      } else if (!label || d.detectedAt < label.start || d.detectedAt > label.end + 7) fp++;
      // Detections in the week after an anomaly (the return to normal) count neither way.
    }
    if (hit) tp++;
  }
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = labels ? tp / labels : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, delayDays: tp ? delay / tp : 0, falseAlarms: fp };
}

/**
 * The detector on a NAB file. NAB series are not USD and sampled every 5 to 60 minutes, so the profile differs from
 * spend's in scale only: no dollar floors; the weekly rhythm where the file spans four weeks (else the daily one);
 * anomalies close after 4 quiet hours and settle after a day; a stricter score (8), CUSUM (2, 15) and tail (2),
 * since consecutive points are strongly correlated. One profile for every file, not tuned per file.
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
    absSigmaFloor: 0,
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

/** Every figure of the bench, flat, for `npm run bench`. */
export async function benchAnomaly(): Promise<Record<string, string | number>> {
  const series = syntheticSeries(SEED);
  const out: Record<string, string | number> = {
    'anomaly.synthetic.series': series.length,
    'anomaly.synthetic.labelled': series.filter((s) => s.label).length,
  };
  const put = (name: string, f: SyntheticFigures) => {
    out[`anomaly.synthetic.${name}.precision`] = round(f.precision);
    out[`anomaly.synthetic.${name}.recall`] = round(f.recall);
    out[`anomaly.synthetic.${name}.f1`] = round(f.f1);
    out[`anomaly.synthetic.${name}.delayDays`] = round(f.delayDays, 2);
    out[`anomaly.synthetic.${name}.falseAlarms`] = f.falseAlarms;
  };
  for (const [name, method] of Object.entries({ detector, zscore: zScore, percent }))
    put(name, scoreSynthetic(series, method));
  for (const best of bestSynthetic(series)) {
    put(`${best.name}.best`, best.figures);
    out[`anomaly.synthetic.${best.name}.best.params`] = best.label;
  }

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
