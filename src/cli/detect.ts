/**
 * `durion-cost detect --csv FILE [--granularity daily|hourly]`: the detector on a user's own export. The CSV is
 * `timestamp,value` (one series, "total") or `timestamp,series,value` with that header; values are USD (negative
 * ones, credits and refunds, are kept). What cannot be read is a UsageError naming the line; what can is handled:
 * rows in any order are sorted, missing days or hours are left out of judgement and reported on stderr.
 */

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { calendarClass } from '../analyze/anomaly/calendar';
import { scanSeries } from '../analyze/anomaly/detect';
import { spendDetector } from '../analyze/anomaly/thresholds';
import { type AnomalyThresholds, loadConfig } from '../config';
import { DAY_MS, isIsoDay } from '../domain/dates';
import { UsageError } from '../domain/errors';
import { roundCents } from '../domain/money';

export const GRANULARITIES = ['daily', 'hourly'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

/** One anomaly as the detect command prints it (DESIGN.md). */
export interface CsvAnomaly {
  series: string;
  start: string;
  end: string;
  expected: number;
  actual: number;
  impactUsd: number;
  score: number;
  kind: string;
}

export interface CsvSeries {
  name: string;
  /** Dense: every day or hour from the first to the last; a missing one holds NaN. */
  timestamps: string[];
  values: number[];
}

/**
 * The longest series read, gaps included (about 55 years of days, 2.3 years of hours): two rows dated years 0001 and
 * 9999 would otherwise make millions of empty points and minutes of work.
 */
const MAX_POINTS = 20_000;

const STEP_MS = { daily: DAY_MS, hourly: 3_600_000 } as const;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]00:?00)?)?$/;

/** A timestamp as the granularity wants it (YYYY-MM-DD, or YYYY-MM-DDTHH:00:00Z), or a reason it cannot be. */
function normalize(raw: string, granularity: Granularity): { ok: string } | { error: string } {
  const m = DATE_TIME.exec(raw);
  const day = m?.[1];
  if (!m || !day || !isIsoDay(day)) {
    return { error: `"${raw}" is not a date (YYYY-MM-DD) or date-time (YYYY-MM-DDTHH:MM:SSZ, UTC)` };
  }
  const [hour = '00', minute = '00', second = '00'] = [m[2], m[3], m[4]];
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return { error: `"${raw}" has no such time` };
  if (granularity === 'daily') {
    if (hour !== '00' || minute !== '00' || second !== '00') {
      return { error: `"${raw}" has a time of day; daily rows are one per day (use --granularity hourly)` };
    }
    return { ok: day };
  }
  if (minute !== '00' || second !== '00') return { error: `"${raw}" is not on the hour; hourly rows are one per hour` };
  return { ok: `${day}T${hour}:00:00Z` };
}

/** Split one CSV line on commas outside double quotes. */
function fields(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') {
      if (quoted && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else quoted = !quoted;
    } else if (c === ',' && !quoted) {
      out.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  out.push(cur.trim());
  return out;
}

/** Parse the CSV text into dense series. `file` names the input in errors. */
export function parseCostCsv(
  text: string,
  granularity: Granularity,
  file = 'the CSV',
): { series: CsvSeries[]; gaps: { series: string; missing: string[] }[] } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = fields(lines[0] ?? '').map((h) => h.toLowerCase());
  const shape = header.join(',');
  if (shape !== 'timestamp,value' && shape !== 'timestamp,series,value') {
    throw new UsageError(
      `${file} line 1: the header must be "timestamp,value" or "timestamp,series,value"; got "${lines[0] ?? ''}"`,
    );
  }
  const named = header.length === 3;
  const rows = new Map<string, Map<string, { value: number; line: number }>>();
  lines.slice(1).forEach((raw, i) => {
    const line = i + 2;
    if (raw.trim() === '') return;
    const f = fields(raw);
    if (f.length !== header.length) {
      throw new UsageError(
        `${file} line ${line}: expected ${header.length} fields (${header.join(',')}); got ${f.length}`,
      );
    }
    const [ts = '', name = '', valueText = ''] = named ? f : [f[0], 'total', f[1]];
    const at = normalize(ts, granularity);
    if ('error' in at) throw new UsageError(`${file} line ${line}: timestamp ${at.error}`);
    const value = valueText === '' ? Number.NaN : Number(valueText);
    if (!Number.isFinite(value)) throw new UsageError(`${file} line ${line}: value "${valueText}" is not a number`);
    const series = rows.get(name) ?? new Map();
    const seen = series.get(at.ok);
    if (seen) {
      throw new UsageError(
        `${file} line ${line}: ${at.ok} is already on line ${seen.line}${named ? ` for series "${name}"` : ''}`,
      );
    }
    series.set(at.ok, { value, line });
    rows.set(name, series);
  });
  if (rows.size === 0) throw new UsageError(`${file} has a header but no rows`);

  const step = STEP_MS[granularity];
  const format = (ms: number) => {
    const iso = new Date(ms).toISOString();
    return granularity === 'daily' ? iso.slice(0, 10) : `${iso.slice(0, 13)}:00:00Z`;
  };
  const series: CsvSeries[] = [];
  const gaps: { series: string; missing: string[] }[] = [];
  for (const [name, byTime] of rows) {
    const times = [...byTime.keys()]
      .map((t) => Date.parse(granularity === 'daily' ? `${t}T00:00:00Z` : t))
      .sort((a, b) => a - b);
    const first = times[0] as number;
    const last = times[times.length - 1] as number;
    const points = Math.floor((last - first) / step) + 1;
    if (points > MAX_POINTS) {
      throw new UsageError(
        `${file}: series "${name}" spans ${points.toLocaleString('en-US')} ${granularity === 'daily' ? 'days' : 'hours'} (${format(first)} to ${format(last)}); at most ${MAX_POINTS.toLocaleString('en-US')} points a series are read: trim the file or check its dates`,
      );
    }
    const timestamps: string[] = [];
    const values: number[] = [];
    const missing: string[] = [];
    for (let ms = first; ms <= last; ms += step) {
      const t = format(ms);
      const row = byTime.get(t);
      timestamps.push(t);
      values.push(row ? row.value : Number.NaN);
      if (!row) missing.push(t);
    }
    series.push({ name, timestamps, values });
    if (missing.length) gaps.push({ series: name, missing });
  }
  return { series, gaps };
}

/** The anomalies of every series, judged with the run's thresholds (score threshold raised for the series count). */
export function detectCsv(series: CsvSeries[], granularity: Granularity, thresholds: AnomalyThresholds): CsvAnomaly[] {
  return series.flatMap((s) => {
    const options = spendDetector(granularity, thresholds, series.length, s.timestamps.map(calendarClass));
    // Evaluating a file: report drops at hourly granularity too.
    return scanSeries(s.values, { ...options, drops: true }).anomalies.map((a) => ({
      series: s.name,
      start: s.timestamps[a.start] as string,
      end: s.timestamps[a.end] as string,
      expected: roundCents(a.expected),
      actual: roundCents(a.actual),
      impactUsd: roundCents(a.actual - a.expected),
      score: Math.round(a.score * 10) / 10,
      kind: a.kind,
    }));
  });
}

/** The detect command: prints the JSON array; gaps are reported on stderr. */
export async function detectCommand(args: string[]): Promise<string> {
  const { values } = parseArgs({
    args,
    options: { csv: { type: 'string' }, granularity: { type: 'string', default: 'daily' } },
    strict: true,
  });
  if (!values.csv) throw new UsageError('detect needs --csv FILE (columns timestamp,value or timestamp,series,value)');
  const granularity = values.granularity as Granularity;
  if (!GRANULARITIES.includes(granularity)) {
    throw new UsageError(`--granularity must be daily or hourly; got "${values.granularity}"`);
  }
  let text: string;
  try {
    text = readFileSync(values.csv, 'utf8');
  } catch (cause) {
    throw new UsageError(`cannot read ${values.csv}: ${(cause as Error).message}`, { cause });
  }
  const { series, gaps } = parseCostCsv(text, granularity, values.csv);
  for (const g of gaps) {
    const shown = g.missing.slice(0, 5).join(', ') + (g.missing.length > 5 ? `, ... (${g.missing.length} in all)` : '');
    process.stderr.write(
      `warning: ${values.csv}: series "${g.series}" has no row for ${shown}; those are not judged\n`,
    );
  }
  return JSON.stringify(detectCsv(series, granularity, loadConfig().anomaly), null, 2);
}
