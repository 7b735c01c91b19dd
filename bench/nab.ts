/**
 * NAB scoring (numenta/NAB, nab/scorer.py and nab/sweeper.py, standard profile) of detections on the labelled NAB
 * series copied into bench/data/nab (see its PROVENANCE.md).
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { Detection } from './baselines';

const DATA = new URL('./data/nab/', import.meta.url);

export interface NabFile {
  /** NAB's folder of the file: realAdExchange, realKnownCause, realTraffic, realTweets. */
  set: string;
  name: string;
  timestamps: number[];
  values: number[];
  /** Labelled anomaly windows as inclusive point indices. */
  windows: [number, number][];
  /** The labelled anomalies the windows are drawn around (one or two a window), as point indices. */
  labels: number[];
}

/** NAB's profiles (config/profiles.json): standard, low false positives, low false negatives. */
export const PROFILES = {
  standard: { tp: 1, fp: 0.11, fn: 1 },
  lowFP: { tp: 1, fp: 0.22, fn: 1 },
  lowFN: { tp: 1, fp: 0.11, fn: 2 },
};
/** Standard profile: a true positive earns up to 1, a false positive costs up to 0.11, a missed window costs 1. */
export const STANDARD = PROFILES.standard;

const time = (s: string) => Date.parse(`${s.slice(0, 19).replace(' ', 'T')}Z`);

const json = <T>(file: string) => JSON.parse(readFileSync(new URL(file, DATA), 'utf8')) as Record<string, T>;

/** The NAB files of the bench with their windows and labels, every set. */
export function loadNab(): NabFile[] {
  const labels = json<string[]>('labels.json');
  return Object.entries(json<[string, string][]>('windows.json')).map(([path, spans]) => {
    const [set = '', file = path] = path.split('/');
    const name = file.replace(/\.csv$/, '');
    const text = gunzipSync(readFileSync(new URL(`${name}.csv.gz`, DATA))).toString('utf8');
    const rows = text.trim().split('\n').slice(1);
    const timestamps = rows.map((r) => time(r.split(',')[0] ?? ''));
    const values = rows.map((r) => Number(r.split(',')[1]));
    const index = (at: number) => timestamps.findIndex((ts) => ts >= at);
    return {
      set,
      name,
      timestamps,
      values,
      windows: spans.map(([a, b]) => [index(time(a)), index(time(b))]),
      labels: (labels[path] ?? []).map((at) => index(time(at))),
    };
  });
}

/** NAB's scaled sigmoid of the position relative to a window's end: ~1 early in the window, -1 far past it. */
const scaledSigmoid = (x: number) => (x > 3 ? -1 : 2 / (1 + Math.exp(5 * x)) - 1);

/** NAB's probationary period: the first 15% of a file (at most 750 points) is not scored. */
export const probation = (length: number) => Math.min(Math.floor(0.15 * length), 750);

/** Raw NAB score of one file's detections (sweeper.py: earliest detection per window, positional FP penalty). */
export function rawScore(file: NabFile, detections: readonly Detection[], profile = STANDARD): number {
  const skip = probation(file.values.length);
  const hit = new Set<number>();
  let score = 0;
  for (const { detectedAt: t } of detections) {
    if (t < skip) continue;
    const w = file.windows.findIndex(([a, b]) => t >= a && t <= b);
    if (w >= 0) {
      if (hit.has(w)) continue;
      hit.add(w);
      const [a, b] = file.windows[w] as [number, number];
      score += profile.tp * scaledSigmoid(-(b - t + 1) / (b - a + 1));
      continue;
    }
    const prev = file.windows.filter(([, b]) => b < t).pop();
    score += prev ? profile.fp * scaledSigmoid(Math.abs(prev[1] - t) / (prev[1] - prev[0])) : -profile.fp;
  }
  return score - profile.fn * (file.windows.length - hit.size);
}

/** The corpus score normalized as NAB does: 0 for a detector that never fires, 100 for a perfect one. */
export function nabScore(
  files: readonly NabFile[],
  detect: (file: NabFile) => Detection[],
  profile = STANDARD,
): number {
  let raw = 0;
  let none = 0;
  let perfect = 0;
  for (const file of files) {
    raw += rawScore(file, detect(file), profile);
    none -= profile.fn * file.windows.length;
    perfect += rawScore(
      file,
      file.windows.map(([a]) => ({ start: a, detectedAt: a })),
      profile,
    );
  }
  return (100 * (raw - none)) / (perfect - none);
}

/** Points per day of a file (its rhythm), from the median spacing of its timestamps. */
export function pointsPerDay(file: NabFile): number {
  const gaps = file.timestamps.slice(1, 200).map((t, i) => t - (file.timestamps[i] as number));
  gaps.sort((a, b) => a - b);
  return Math.max(1, Math.round(86_400_000 / (gaps[gaps.length >> 1] as number)));
}

/** Window-level figures of detections over a set of files, NAB's probationary points left out as in its scorer. */
export interface WindowFigures {
  windows: number;
  /** Windows with a detection in them. */
  found: number;
  /** Detections outside every window. */
  falseAlarms: number;
  precision: number;
  recall: number;
  f1: number;
  /**
   * Mean hours from the labelled anomaly (the first in its window) to the window's first detection; negative when it
   * comes before the label (a NAB window opens before it).
   */
  delayHours: number;
}

/**
 * Precision, recall and F1 by window: a window is found by a detection inside it (later ones in the same window count
 * neither way, as in NAB's scorer), a detection outside every window is a false alarm.
 */
export function windowFigures(files: readonly NabFile[], detect: (file: NabFile) => Detection[]): WindowFigures {
  let windows = 0;
  let found = 0;
  let falseAlarms = 0;
  let delayMs = 0;
  for (const file of files) {
    windows += file.windows.length;
    const first = new Map<number, number>();
    for (const { detectedAt: t } of detect(file)) {
      if (t < probation(file.values.length)) continue;
      const w = file.windows.findIndex(([a, b]) => t >= a && t <= b);
      if (w < 0) falseAlarms++;
      else if (!first.has(w)) first.set(w, t);
    }
    found += first.size;
    for (const [w, t] of first) {
      const [a, b] = file.windows[w] as [number, number];
      const label = file.labels.find((l) => l >= a && l <= b) ?? a;
      delayMs += (file.timestamps[t] as number) - (file.timestamps[label] as number);
    }
  }
  const precision = found + falseAlarms ? found / (found + falseAlarms) : 0;
  const recall = windows ? found / windows : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { windows, found, falseAlarms, precision, recall, f1, delayHours: found ? delayMs / found / 3_600_000 : 0 };
}
