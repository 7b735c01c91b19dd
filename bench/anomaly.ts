/**
 * The anomaly bench: precision, recall, F1 and detection delay on labelled synthetic cost series, and the NAB
 * standard score on labelled NAB series, for the detector and two baselines (3-sigma rolling z-score, percentage
 * over the rolling average). Wired into `npm run bench`.
 */
import { calendarClass } from '../src/anomaly/calendar';
import { type DetectorOptions, HOURLY_DETECTOR, scanSeries } from '../src/anomaly/detect';
import { DEFAULT_THRESHOLDS, spendDetector } from '../src/anomaly/thresholds';
import { type Detection, percentDetections, type Qualifier, zScoreDetections } from './baselines';
import { loadNab, type NabFile, nabScore, pointsPerDay } from './nab';
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

/** Every figure of the bench, flat, for `npm run bench`. */
export async function benchAnomaly(): Promise<Record<string, string | number>> {
  const series = syntheticSeries(SEED);
  const out: Record<string, string | number> = {
    'anomaly.synthetic.series': series.length,
    'anomaly.synthetic.labelled': series.filter((s) => s.label).length,
  };
  for (const [name, method] of Object.entries({ detector, zscore: zScore, percent })) {
    const f = scoreSynthetic(series, method);
    out[`anomaly.synthetic.${name}.precision`] = round(f.precision);
    out[`anomaly.synthetic.${name}.recall`] = round(f.recall);
    out[`anomaly.synthetic.${name}.f1`] = round(f.f1);
    out[`anomaly.synthetic.${name}.delayDays`] = round(f.delayDays, 2);
    out[`anomaly.synthetic.${name}.falseAlarms`] = f.falseAlarms;
  }
  const files = loadNab();
  out['anomaly.nab.files'] = files.length;
  for (const [name, method] of Object.entries(nabMethods))
    out[`anomaly.nab.${name}.standard`] = round(nabScore(files, method), 1);
  return out;
}
