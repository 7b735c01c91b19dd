/**
 * `durion-cost detect --csv FILE [--granularity auto|daily|hourly|5m|...] [--min-impact USD]`: the detector on a
 * user's own export. The CSV is `timestamp,value` (one series, "total") or `timestamp,series,value` with that
 * header, read as a stream (csv-series.ts). Values are USD by default (negative ones, credits and refunds, are
 * kept); `--min-impact 0` turns the dollar floors off for series that are not dollars. The granularity is inferred
 * from the timestamps unless given, and the detector's seasons (a day, a week) are scaled to it. Missing points are
 * left out of judgement and reported on stderr.
 */

import { parseArgs } from 'node:util';
import { calendarClass, monthSlot } from '../analyze/anomaly/calendar';
import { type DetectorOptions, scanSeries } from '../analyze/anomaly/detect';
import { spendDetector } from '../analyze/anomaly/thresholds';
import { type AnomalyThresholds, loadConfig } from '../config';
import { DAY_MS } from '../domain/dates';
import { UsageError } from '../domain/errors';
import { roundCents } from '../domain/money';
import { CsvReader, type CsvSeries, formatTime, parseGranularity, readCsvFile } from './csv-series';

/** One anomaly as the detect command prints it (DESIGN.md): `detectedAt` is the point at which the alert fires. */
export interface CsvAnomaly {
  series: string;
  start: string;
  end: string;
  detectedAt: string;
  expected: number;
  actual: number;
  impactUsd: number;
  score: number;
  kind: string;
}

/**
 * The detector's options for the points of a grid, with their calendar (class and slot in the month): worked out
 * once for every series on that grid. Evaluating a file, drops are reported at every granularity.
 */
function gridOptions(first: number, stepMs: number, points: number, t: AnomalyThresholds, count: number) {
  const perDay = Math.max(1, Math.round(DAY_MS / stepMs));
  const classes: ('first' | 'last' | undefined)[] = [];
  const slots = new Int16Array(points);
  for (let i = 0; i < points; i++) {
    const at = formatTime(first + i * stepMs, stepMs);
    classes.push(calendarClass(at));
    slots[i] = monthSlot(at, perDay);
  }
  return { ...spendDetector({ stepMs, points }, t, count, classes, slots), drops: true };
}

/** The anomalies of every series, judged with the run's thresholds (score threshold raised for the series count). */
export function detectCsv(series: readonly CsvSeries[], thresholds: AnomalyThresholds): CsvAnomaly[] {
  const grids = new Map<string, DetectorOptions>();
  const out: CsvAnomaly[] = [];
  for (const s of series) {
    const { first, stepMs, values } = s;
    const key = `${first}|${stepMs}|${values.length}`;
    const options = grids.get(key) ?? gridOptions(first, stepMs, values.length, thresholds, series.length);
    grids.set(key, options);
    for (const a of scanSeries(values, options).anomalies) {
      const time = (i: number) => formatTime(first + i * stepMs, stepMs);
      out.push({
        series: s.name,
        start: time(a.start),
        end: time(a.end),
        detectedAt: time(a.detectedAt),
        expected: roundCents(a.expected),
        actual: roundCents(a.actual),
        impactUsd: roundCents(a.actual - a.expected),
        score: Math.round(a.score * 10) / 10,
        kind: a.kind,
      });
    }
  }
  return out;
}

/** The thresholds of the run, with `--min-impact`: 0 also turns the spend floor off (series that are not dollars). */
function thresholdsWith(minImpact: string | undefined): AnomalyThresholds {
  const base = loadConfig().anomaly;
  if (minImpact === undefined) return base;
  const usd = Number(minImpact);
  if (!(minImpact.trim() !== '' && usd >= 0)) {
    throw new UsageError(`--min-impact must be a number of dollars, 0 or more; got "${minImpact}"`);
  }
  return { ...base, minImpactUsd: usd, ...(usd === 0 ? { floorUsd: 0 } : {}) };
}

/** The detect command: prints the JSON array; gaps are reported on stderr. */
export async function detectCommand(args: string[]): Promise<string> {
  const { values } = parseArgs({
    args,
    options: {
      csv: { type: 'string' },
      granularity: { type: 'string', default: 'auto' },
      'min-impact': { type: 'string' },
    },
    strict: true,
  });
  if (!values.csv) throw new UsageError('detect needs --csv FILE (columns timestamp,value or timestamp,series,value)');
  const step = parseGranularity(values.granularity);
  const thresholds = thresholdsWith(values['min-impact']);
  const reader = new CsvReader(values.csv);
  readCsvFile(values.csv, reader);
  const { series, gaps } = reader.finish(step);
  for (const g of gaps) {
    const shown = g.missing.join(', ') + (g.count > g.missing.length ? `, ... (${g.count} in all)` : '');
    process.stderr.write(
      `warning: ${values.csv}: series "${g.series}" has no row for ${shown}; those are not judged\n`,
    );
  }
  return JSON.stringify(detectCsv(series, thresholds), null, 2);
}
