/**
 * The anomaly bench on real labelled data, set by set: NAB's realAdExchange, realKnownCause, realTraffic and
 * realTweets (bench/data/nab, see its PROVENANCE.md), each scored by window (precision, recall, F1, delay) and with
 * NAB's standard profile, for the detector beside the z-score and percentage baselines. NAB's realAWSCloudwatch and
 * Microsoft's cloud-monitoring-dataset are reserved for independent evaluation: they are not in bench/data and
 * nothing here reads them. Wired into `npm run bench` (bench/index.ts).
 */
import { scanSeries } from '../src/analyze/anomaly/detect';
import { nabDetectorOptions } from './anomaly';
import { type Detection, percentDetections, zScoreDetections } from './baselines';
import { loadNab, type NabFile, nabScore, pointsPerDay, windowFigures } from './nab';

/** The detector with the bench's NAB profile, and the baselines over one day's points (bench/anomaly.ts's three). */
const methods: Record<string, (file: NabFile) => Detection[]> = {
  detector: (f) => scanSeries(f.values, nabDetectorOptions(f)).anomalies,
  zscore: (f) => zScoreDetections(f.values, pointsPerDay(f), 3),
  percent: (f) => percentDetections(f.values, pointsPerDay(f), 0.3),
};

const round = (x: number, digits = 3) => Number(x.toFixed(digits));

/** Each figure of a set, the methods' values side by side: "detector 0.511 · zscore 0.233 · percent 0.026". */
function setFigures(files: readonly NabFile[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, method] of Object.entries(methods)) {
    const memo = new Map<NabFile, Detection[]>();
    const detect = (f: NabFile) => memo.get(f) ?? (memo.set(f, method(f)).get(f) as Detection[]);
    const w = windowFigures(files, detect);
    const figures = {
      f1: round(w.f1),
      precision: round(w.precision),
      recall: round(w.recall),
      falseAlarms: w.falseAlarms,
      delayHours: round(w.delayHours, 1),
      'nab.standard': round(nabScore(files, detect), 1),
    };
    for (const [key, value] of Object.entries(figures))
      out[key] = `${out[key] ? `${out[key]} · ` : ''}${name} ${value}`;
  }
  return out;
}

/** Every figure, flat, for `npm run bench`: per set its size, then each figure of the three methods side by side. */
export async function benchNabSets(): Promise<Record<string, string | number>> {
  const started = performance.now();
  const files = loadNab();
  const out: Record<string, string | number> = {};
  for (const set of [...new Set(files.map((f) => f.set))]) {
    const these = files.filter((f) => f.set === set);
    const points = these.reduce((n, f) => n + f.values.length, 0);
    const windows = these.reduce((n, f) => n + f.windows.length, 0);
    out[`${set}.series`] = `${these.length} (${points.toLocaleString('en-US')} points, ${windows} labelled windows)`;
    for (const [key, value] of Object.entries(setFigures(these))) out[`${set}.${key}`] = value;
  }
  out['seconds (load, 3 methods on every set)'] = round((performance.now() - started) / 1000, 1);
  return out;
}
