/**
 * Labelled synthetic daily cost series for the anomaly bench: clean series with weekly rhythm, growth, month-start
 * and month-end charges, noise, mostly-zero series, and series with one planted anomaly each (spike, level shift,
 * runaway, new service, drop). Deterministic for a seed.
 *
 * A second set (`shapeSeries`) holds the shapes a FinOps lead saw alert wrongly (issue 15): lumpy mostly-zero series,
 * a fee on the same day of every month, a new monthly fee, a recurring monthly credit, a drop and the recovery from
 * it, two events weeks apart, long runaways.
 */

import { mulberry32 } from '../fixtures/sample/random';
import type { AnomalyKind } from '../src/domain/anomaly';

/** A planted anomaly, by day index (inclusive). */
export interface Label {
  kind: AnomalyKind;
  start: number;
  end: number;
}

export interface LabelledSeries {
  name: string;
  days: string[];
  values: number[];
  /** The planted anomaly; none for clean series. */
  label?: Label;
  /** Where a series carries more than one anomaly: all of them, in order (label is the first). */
  labels?: Label[];
  /** The shape of a `shapeSeries` series. */
  shape?: Shape;
}

/** Every planted anomaly of a series. */
export const labelsOf = (s: LabelledSeries): Label[] => s.labels ?? (s.label ? [s.label] : []);

const DAY_MS = 86_400_000;
const KINDS: AnomalyKind[] = ['spike', 'level-shift', 'runaway', 'new', 'drop'];

type Random = () => number;

const dayList = (length: number, end: string) => {
  const first = Date.parse(`${end}T00:00:00Z`) - length * DAY_MS;
  return Array.from({ length }, (_, i) => new Date(first + i * DAY_MS).toISOString().slice(0, 10));
};

/** One clean series' parameters and values (the random draws in the order the first set has always made them). */
function baseSeries(rand: Random, days: string[], allowSparse = true) {
  const between = (lo: number, hi: number) => lo + (hi - lo) * rand();
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const level = Math.exp(between(Math.log(20), Math.log(5000)));
  const weekend = rand() < 0.5 ? between(0.4, 0.9) : 1;
  const growthPerDay = between(-0.002, 0.0015); // -6% to +4.5% a month
  const noise = between(0.02, 0.1);
  const monthStart = rand() < 0.5 ? level * between(2, 15) : 0;
  const monthEnd = rand() < 0.2 ? level * between(0.5, 3) : 0;
  const sparse = rand() < 0.1 && allowSparse;
  const values = days.map((day, i) => {
    const dow = new Date(`${day}T00:00:00Z`).getUTCDay();
    let v = level * (1 + growthPerDay) ** i * (dow === 0 || dow === 6 ? weekend : 1) * (1 + noise * gauss());
    if (sparse) v = rand() < 0.15 ? level * between(0.05, 0.3) : 0;
    if (day.endsWith('-01')) v += monthStart * between(0.95, 1.05);
    if (monthEnd && new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).getUTCDate() === 1) v += monthEnd;
    return Math.max(0, v);
  });
  return { level, growthPerDay, sparse, values };
}

/** `count` series of `length` days ending the day before `end`; about 40% carry no anomaly. */
export function syntheticSeries(seed: number, count = 200, length = 400, end = '2026-11-20'): LabelledSeries[] {
  const rand = mulberry32(seed);
  const between = (lo: number, hi: number) => lo + (hi - lo) * rand();
  const days = dayList(length, end);
  const out: LabelledSeries[] = [];
  for (let s = 0; s < count; s++) {
    const { level, growthPerDay, sparse, values: base } = baseSeries(rand, days);
    const name = `synthetic-${s}`;
    if (sparse || rand() < 0.4) {
      out.push({ name, days, values: base });
      continue;
    }
    const kind = KINDS[Math.floor(rand() * KINDS.length)] as AnomalyKind;
    const start = Math.floor(between(120, length - 10));
    const typical = level * (1 + growthPerDay) ** start;
    const values = [...base];
    let last = start;
    if (kind === 'spike') {
      last = start + (rand() < 0.7 ? 0 : 1);
      for (let i = start; i <= last; i++) values[i] = (values[i] as number) + typical * between(0.6, 4);
    } else if (kind === 'level-shift' || kind === 'drop') {
      const factor = kind === 'drop' ? between(0.1, 0.6) : between(1.3, 2.5);
      last = Math.min(length - 1, start + Math.floor(between(14, 60)));
      for (let i = start; i <= last; i++) values[i] = (values[i] as number) * factor;
    } else if (kind === 'runaway') {
      const rate = between(0.03, 0.12);
      last = Math.min(length - 1, start + Math.floor(between(10, 30)));
      for (let i = start; i <= last; i++)
        values[i] = (values[i] as number) + typical * ((1 + rate) ** (i - start + 1) - 1);
    } else {
      for (let i = 0; i < start; i++) values[i] = 0;
      last = Math.min(length - 1, start + 13);
    }
    out.push({ name, days, values, label: { kind, start, end: last } });
  }
  return out;
}

export const SHAPES = [
  'clean',
  'lumpy',
  'lumpy-spike',
  'monthly-fee',
  'new-monthly-fee',
  'monthly-credit',
  'drop-recovery',
  'two-events',
  'runaway',
] as const;
export type Shape = (typeof SHAPES)[number];

/**
 * A mostly-zero series: charges on about one day in ten (on one weekday only in half of them), log-normal in size
 * (the largest of a year near ten times the median), and the month-start charge some services have.
 */
function lumpy(rand: Random, days: string[], level: number): number[] {
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const weekday = rand() < 0.5 ? Math.floor(rand() * 7) : -1;
  const rate = weekday >= 0 ? 0.6 : 0.1;
  const monthStart = rand() < 0.3 ? level * 3 : 0;
  return days.map((day) => {
    const dow = new Date(`${day}T00:00:00Z`).getUTCDay();
    const on = (weekday < 0 || dow === weekday) && rand() < rate;
    return (on ? level * 0.2 * Math.exp(0.8 * gauss()) : 0) + (day.endsWith('-01') ? monthStart : 0);
  });
}

/** Index of every day of the month `dom` (2 to 28) from `from` on. */
const monthDays = (days: string[], dom: number, from = 0) =>
  days.flatMap((d, i) => (i >= from && Number(d.slice(8, 10)) === dom ? [i] : []));

/** Plants one level change (factor) over start..end, or a runaway from start. */
function plant(values: number[], kind: AnomalyKind, start: number, end: number, typical: number, rate = 0.06) {
  for (let i = start; i <= end; i++) {
    if (kind === 'runaway') values[i] = (values[i] as number) + typical * ((1 + rate) ** (i - start + 1) - 1);
    else if (kind === 'spike') values[i] = (values[i] as number) + typical * 2;
    else values[i] = (values[i] as number) * (kind === 'drop' ? 0.3 : 1.8);
  }
}

/** `count` series, each of one shape (clean about one in nine), deterministic for a seed. */
export function shapeSeries(seed: number, count = 180, length = 400, end = '2026-11-20'): LabelledSeries[] {
  const rand = mulberry32(seed);
  const between = (lo: number, hi: number) => lo + (hi - lo) * rand();
  const days = dayList(length, end);
  const out: LabelledSeries[] = [];
  for (let s = 0; s < count; s++) {
    const shape = SHAPES[s % SHAPES.length] as Shape;
    const { level, growthPerDay, values: base } = baseSeries(rand, days, false);
    const values = shape.startsWith('lumpy') ? lumpy(rand, days, level) : [...base];
    const typical = (i: number) => level * (1 + growthPerDay) ** i;
    const dom = 2 + Math.floor(rand() * 27);
    const labels: Label[] = [];
    if (shape === 'lumpy-spike') {
      const at = Math.floor(between(150, length - 5));
      values[at] = (values[at] as number) + level * between(8, 20);
      labels.push({ kind: 'spike', start: at, end: at });
    } else if (shape === 'monthly-fee' || shape === 'monthly-credit') {
      const amount = level * between(0.3, 3) * (shape === 'monthly-credit' ? -0.25 : 1);
      for (const i of monthDays(days, dom)) values[i] = (values[i] as number) + amount;
    } else if (shape === 'new-monthly-fee') {
      const fee = level * between(0.5, 3);
      const first = monthDays(days, dom, Math.floor(between(150, 300)))[0] as number;
      for (const i of monthDays(days, dom, first)) values[i] = (values[i] as number) + fee;
      labels.push({ kind: 'spike', start: first, end: first });
    } else if (shape === 'drop-recovery') {
      const start = Math.floor(between(150, length - 70));
      const last = start + Math.floor(between(14, 45));
      plant(values, 'drop', start, last, typical(start));
      labels.push({ kind: 'drop', start, end: last });
    } else if (shape === 'two-events') {
      const kind = rand() < 0.5 ? 'spike' : 'level-shift';
      const first = Math.floor(between(150, length - 90));
      const span = kind === 'spike' ? 0 : Math.floor(between(3, 10));
      const second = first + span + Math.floor(between(20, 55));
      for (const start of [first, second]) {
        plant(values, kind, start, start + span, typical(start));
        labels.push({ kind, start, end: start + span });
      }
    } else if (shape === 'runaway') {
      const start = Math.floor(between(150, length - 45));
      const last = start + Math.floor(between(15, 40));
      plant(values, 'runaway', start, last, typical(start), between(0.03, 0.1));
      labels.push({ kind: 'runaway', start, end: last });
    }
    const name = `shape-${s}-${shape}`;
    out.push({ name, days, values, shape, ...(labels.length ? { label: labels[0], labels } : {}) });
  }
  return out;
}
