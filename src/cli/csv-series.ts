/**
 * Series from a user's CSV export (`timestamp,value` or `timestamp,series,value`), read as a stream: the file is
 * never held, only each series' points as typed arrays. Rows may come in any order; the step (a day, an hour, five
 * minutes: any that divides a day) is given or inferred from the timestamps, and each series is laid on that grid
 * from its first point to its last, a missing point holding NaN. What cannot be read is a UsageError naming the
 * line.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { DAY_MS, HOUR_MS, isIsoDay } from '../domain/dates';
import { UsageError } from '../domain/errors';

export interface CsvSeries {
  name: string;
  /** The first point (UTC ms); point i is at first + i * stepMs. */
  first: number;
  stepMs: number;
  /** Dense, from the first point to the last; a missing one holds NaN. */
  values: Float64Array;
}

export interface CsvGap {
  series: string;
  /** The first missing timestamps, formatted, and how many are missing in all. */
  missing: string[];
  count: number;
}

/**
 * The longest series read, gaps included (a year of 5-minute points, 55 years of days): two rows dated years 0001
 * and 9999 would otherwise make millions of empty points and minutes of work.
 */
export const MAX_POINTS = 110_000;
const MINUTE_MS = 60_000;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]00:?00)?)?$/;

/** "daily", "hourly", or a step such as 5m, 15m, 1h, 1d that divides a day; "auto" (undefined) infers it. */
export function parseGranularity(text: string): number | undefined {
  if (text === 'auto') return undefined;
  const named: Record<string, number> = { daily: DAY_MS, hourly: HOUR_MS };
  const m = /^(\d+)(m|min|h|d)$/.exec(text);
  const step = named[text] ?? (m ? Number(m[1]) * (m[2] === 'h' ? HOUR_MS : m[2] === 'd' ? DAY_MS : MINUTE_MS) : 0);
  if (!(step >= MINUTE_MS && DAY_MS % step === 0)) {
    throw new UsageError(
      `--granularity must be auto, daily, hourly or a step that divides a day (5m, 15m, 1h, ...); got "${text}"`,
    );
  }
  return step;
}

/** A step for people: "1 day", "1 hour", "5 minutes". */
export const stepText = (ms: number): string =>
  ms % DAY_MS === 0 ? `${ms / DAY_MS} day` : ms % HOUR_MS === 0 ? `${ms / HOUR_MS} hour` : `${ms / MINUTE_MS} minutes`;

/** A point's timestamp as the output shows it: YYYY-MM-DD for days, YYYY-MM-DDTHH:MM:SSZ below a day. */
export const formatTime = (ms: number, stepMs: number): string => {
  const iso = new Date(ms).toISOString();
  return stepMs >= DAY_MS ? iso.slice(0, 10) : `${iso.slice(0, 19)}Z`;
};

/**
 * A string of its own. A field cut from a chunk of the file may be a view on the whole chunk (V8 slices longer
 * substrings), which a Map key would keep alive: every chunk, the whole file, for as long as the series live.
 */
const own = (s: string): string => Buffer.from(s, 'utf8').toString('utf8');

/** A field without the blanks around it (most have none: no new string then). */
const trim = (f: string): string =>
  f.length && (f.charCodeAt(0) <= 32 || f.charCodeAt(f.length - 1) <= 32) ? f.trim() : f;

/** Split one CSV line on commas outside double quotes. */
function fields(line: string): string[] {
  if (!line.includes('"')) return line.split(',').map((f) => f.trim());
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

/** One series' rows as read: times, values and the line each came from, in arrays that grow by doubling. */
class Rows {
  times = new Float64Array(64);
  values = new Float64Array(64);
  lines = new Int32Array(64);
  size = 0;

  push(time: number, value: number, line: number): void {
    if (this.size === this.times.length) {
      const grow = <T extends Float64Array | Int32Array>(a: T): T => {
        const b = new (a.constructor as new (n: number) => T)(a.length * 2);
        b.set(a);
        return b;
      };
      this.times = grow(this.times);
      this.values = grow(this.values);
      this.lines = grow(this.lines);
    }
    this.times[this.size] = time;
    this.values[this.size] = value;
    this.lines[this.size++] = line;
  }
}

/** Reads the CSV line by line into series; `finish` lays them on their grid. */
export class CsvReader {
  private named = false;
  private header = false;
  private readonly series = new Map<string, Rows>();
  /** Timestamps repeat across series: each text is parsed once. */
  private readonly times = new Map<string, number>();
  private lastName = '';
  private last: Rows | undefined;

  constructor(private readonly file: string) {}

  /** Lines of the file (whole lines, newline-separated), the first numbered `first`; returns the next number. */
  lines(text: string, first: number): number {
    let line = first;
    let at = 0;
    while (at <= text.length) {
      const nl = text.indexOf('\n', at);
      const end = nl < 0 ? text.length : nl;
      this.line(text.slice(at, end > at && text.charCodeAt(end - 1) === 13 ? end - 1 : end), line++);
      at = end + 1;
    }
    return line;
  }

  /** One line of the file, numbered from 1, without its line break. */
  line(text: string, line: number): void {
    if (!this.header) {
      this.readHeader(line === 1 ? text.replace(/^\uFEFF/, '') : text);
      return;
    }
    // Most lines have no quotes: their commas are found without splitting.
    const c1 = text.indexOf(',');
    const c2 = c1 < 0 ? -1 : text.indexOf(',', c1 + 1);
    const width = this.named ? 3 : 2;
    if (text.includes('"') || (this.named ? c2 < 0 || text.includes(',', c2 + 1) : c1 < 0 || c2 >= 0)) {
      if (text.trim() === '') return;
      const f = fields(text);
      if (f.length !== width) {
        const header = this.named ? 'timestamp,series,value' : 'timestamp,value';
        throw new UsageError(`${this.file} line ${line}: expected ${width} fields (${header}); got ${f.length}`);
      }
      this.row(f[0] ?? '', this.named ? (f[1] ?? '') : 'total', f[width - 1] ?? '', line);
    } else if (this.named) {
      this.row(trim(text.slice(0, c1)), trim(text.slice(c1 + 1, c2)), trim(text.slice(c2 + 1)), line);
    } else this.row(trim(text.slice(0, c1)), 'total', trim(text.slice(c1 + 1)), line);
  }

  private row(ts: string, name: string, valueText: string, line: number): void {
    const time = this.time(ts, line);
    const value = valueText === '' ? Number.NaN : Number(valueText);
    if (valueText !== '' && !Number.isFinite(value)) {
      throw new UsageError(`${this.file} line ${line}: value "${valueText}" is not a number`);
    }
    // Exports list a series' rows together: the last series is kept at hand.
    if (name !== this.lastName || !this.last) {
      this.last = this.series.get(name);
      if (!this.last) {
        this.last = new Rows();
        this.series.set(own(name), this.last);
      }
      this.lastName = name;
    }
    this.last.push(time, value, line);
  }

  private readHeader(text: string): void {
    const shape = fields(text)
      .map((h) => h.toLowerCase())
      .join(',');
    if (shape !== 'timestamp,value' && shape !== 'timestamp,series,value') {
      throw new UsageError(
        `${this.file} line 1: the header must be "timestamp,value" or "timestamp,series,value"; got "${text}"`,
      );
    }
    this.named = shape === 'timestamp,series,value';
    this.header = true;
  }

  /** A timestamp's UTC milliseconds (a date alone is its midnight), or a UsageError naming the line. */
  private time(raw: string, line: number): number {
    const known = this.times.get(raw);
    if (known !== undefined) return known;
    const m = DATE_TIME.exec(raw);
    const day = m?.[1];
    if (!m || !day || !isIsoDay(day)) {
      throw new UsageError(
        `${this.file} line ${line}: timestamp "${raw}" is not a date (YYYY-MM-DD) or date-time (YYYY-MM-DDTHH:MM:SSZ, UTC)`,
      );
    }
    const [hour = '00', minute = '00', second = '00'] = [m[2], m[3], m[4]];
    if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) {
      throw new UsageError(`${this.file} line ${line}: timestamp "${raw}" has no such time`);
    }
    const ms = Date.parse(`${day}T00:00:00Z`) + ((Number(hour) * 60 + Number(minute)) * 60 + Number(second)) * 1000;
    this.times.set(own(raw), ms);
    return ms;
  }

  /** The series on their grid (the step given, else the most common spacing), and their gaps. */
  finish(stepMs?: number): { series: CsvSeries[]; gaps: CsvGap[]; stepMs: number } {
    if (!this.header || this.series.size === 0) {
      throw new UsageError(this.header ? `${this.file} has a header but no rows` : `${this.file} is empty`);
    }
    for (const rows of this.series.values()) sortRows(rows);
    const step = stepMs ?? this.inferStep();
    const series: CsvSeries[] = [];
    const gaps: CsvGap[] = [];
    for (const [name, rows] of this.series) {
      const laid = this.lay(name, rows, step);
      // Its rows are laid: let them go.
      this.series.delete(name);
      series.push(laid.series);
      if (laid.gap) gaps.push(laid.gap);
    }
    return { series, gaps, stepMs: step };
  }

  /** The most common spacing of consecutive rows of a series: a day where every timestamp is a date alone. */
  private inferStep(): number {
    const counts = new Map<number, number>();
    let midnights = true;
    for (const rows of this.series.values()) {
      for (let i = 0; i < rows.size; i++) {
        const t = rows.times[i] as number;
        if (t % DAY_MS !== 0) midnights = false;
        const gap = i > 0 ? t - (rows.times[i - 1] as number) : 0;
        if (gap > 0) counts.set(gap, (counts.get(gap) ?? 0) + 1);
      }
    }
    let best = midnights ? DAY_MS : 0;
    let most = 0;
    for (const [gap, count] of midnights ? [] : counts) {
      if (count > most || (count === most && gap < best)) {
        best = gap;
        most = count;
      }
    }
    if (best === 0 || DAY_MS % best !== 0 || best < MINUTE_MS) {
      const seen = best ? `its rows are ${stepText(best)} apart` : 'one row a series says nothing';
      throw new UsageError(
        `${this.file}: cannot tell the granularity (${seen}); give --granularity (daily, hourly, 5m, ...)`,
      );
    }
    return best;
  }

  /** One series on the grid of `step`: dense values, its duplicates and off-grid rows refused, its gaps. */
  private lay(name: string, rows: Rows, step: number): { series: CsvSeries; gap?: CsvGap } {
    const first = rows.times[0] as number;
    const last = rows.times[rows.size - 1] as number;
    const named = this.named ? ` for series "${name}"` : '';
    const points = Math.floor((last - first) / step) + 1;
    if (points > MAX_POINTS) {
      throw new UsageError(
        `${this.file}: series "${name}" spans ${points.toLocaleString('en-US')} points of ${stepText(step)} (${formatTime(first, step)} to ${formatTime(last, step)}); at most ${MAX_POINTS.toLocaleString('en-US')} points a series are read: trim the file or check its dates`,
      );
    }
    const values = new Float64Array(points).fill(Number.NaN);
    const seen = new Int32Array(points);
    for (let i = 0; i < rows.size; i++) {
      const t = rows.times[i] as number;
      const line = rows.lines[i] as number;
      if (t % step !== 0) throw new UsageError(`${this.file} line ${line}: ${offGrid(t, step)}`);
      const at = (t - first) / step;
      if (seen[at]) {
        throw new UsageError(
          `${this.file} line ${line}: ${formatTime(t, step)} is already on line ${seen[at]}${named}`,
        );
      }
      seen[at] = line;
      values[at] = rows.values[i] as number;
    }
    const missing: string[] = [];
    let count = 0;
    for (let at = 0; at < points; at++) {
      if (seen[at]) continue;
      if (count++ < 5) missing.push(formatTime(first + at * step, step));
    }
    return {
      series: { name, first, stepMs: step, values },
      ...(count ? { gap: { series: name, missing, count } } : {}),
    };
  }
}

/** Why a timestamp is off the grid, in the words of its granularity. */
function offGrid(t: number, step: number): string {
  const at = `"${new Date(t).toISOString().replace('.000Z', 'Z')}"`;
  if (step === DAY_MS)
    return `timestamp ${at} has a time of day; daily rows are one per day (use --granularity hourly)`;
  if (step === HOUR_MS) return `timestamp ${at} is not on the hour; hourly rows are one per hour`;
  return `timestamp ${at} is not on the ${stepText(step)} grid`;
}

/** Rows by time (exports are usually in order already: checked before sorting). */
function sortRows(rows: Rows): void {
  let sorted = true;
  for (let i = 1; i < rows.size && sorted; i++) sorted = (rows.times[i - 1] as number) <= (rows.times[i] as number);
  if (sorted) return;
  const order = Array.from({ length: rows.size }, (_, i) => i).sort(
    (a, b) => (rows.times[a] as number) - (rows.times[b] as number),
  );
  const times = Float64Array.from(order, (i) => rows.times[i] as number);
  const values = Float64Array.from(order, (i) => rows.values[i] as number);
  const lines = Int32Array.from(order, (i) => rows.lines[i] as number);
  rows.times = times;
  rows.values = values;
  rows.lines = lines;
}

/** Feed a file to the reader line by line, a few megabytes at a time, never splitting a character. */
export function readCsvFile(path: string, reader: CsvReader, chunkBytes = 1 << 22): void {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (cause) {
    throw new UsageError(`cannot read ${path}: ${(cause as Error).message}`, { cause });
  }
  try {
    let buf = Buffer.allocUnsafe(chunkBytes);
    let kept = 0;
    let line = 1;
    for (;;) {
      if (kept === buf.length) buf = Buffer.concat([buf, Buffer.allocUnsafe(buf.length)]);
      const read = readSync(fd, buf, kept, buf.length - kept, null);
      const total = kept + read;
      const cut = total > 0 ? buf.lastIndexOf(10, total - 1) : -1;
      if (cut < 0 && read > 0) {
        kept = total;
        continue;
      }
      if (read === 0) {
        // The last line, without a line break after it.
        if (total > 0) reader.lines(buf.toString('utf8', 0, total), line);
        return;
      }
      line = reader.lines(buf.toString('utf8', 0, cut), line);
      buf.copy(buf, 0, cut + 1, total);
      kept = total - cut - 1;
    }
  } finally {
    closeSync(fd);
  }
}

/** Parse CSV text already in memory (the same reader). `file` names the input in errors. */
export function parseCostCsv(
  text: string,
  stepMs?: number,
  file = 'the CSV',
): { series: CsvSeries[]; gaps: CsvGap[]; stepMs: number } {
  const reader = new CsvReader(file);
  reader.lines(text, 1);
  return reader.finish(stepMs);
}
