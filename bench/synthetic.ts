/**
 * Labelled synthetic daily cost series for the anomaly bench: clean series with weekly rhythm, growth, month-start
 * and month-end charges, noise, mostly-zero series, and series with one planted anomaly each (spike, level shift,
 * runaway, new service, drop). Deterministic for a seed.
 */

import { mulberry32 } from '../fixtures/sample/random';
import type { AnomalyKind } from '../src/domain/anomaly';

export interface LabelledSeries {
  name: string;
  days: string[];
  values: number[];
  /** The planted anomaly, by day index (inclusive); none for clean series. */
  label?: { kind: AnomalyKind; start: number; end: number };
}

const DAY_MS = 86_400_000;
const KINDS: AnomalyKind[] = ['spike', 'level-shift', 'runaway', 'new', 'drop'];

/** `count` series of `length` days ending the day before `end`; about 40% carry no anomaly. */
export function syntheticSeries(seed: number, count = 200, length = 400, end = '2026-11-20'): LabelledSeries[] {
  const rand = mulberry32(seed);
  const between = (lo: number, hi: number) => lo + (hi - lo) * rand();
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const first = Date.parse(`${end}T00:00:00Z`) - length * DAY_MS;
  const days = Array.from({ length }, (_, i) => new Date(first + i * DAY_MS).toISOString().slice(0, 10));
  const out: LabelledSeries[] = [];
  for (let s = 0; s < count; s++) {
    const level = Math.exp(between(Math.log(20), Math.log(5000)));
    const weekend = rand() < 0.5 ? between(0.4, 0.9) : 1;
    const growthPerDay = between(-0.002, 0.0015); // -6% to +4.5% a month
    const noise = between(0.02, 0.1);
    const monthStart = rand() < 0.5 ? level * between(2, 15) : 0;
    const monthEnd = rand() < 0.2 ? level * between(0.5, 3) : 0;
    const sparse = rand() < 0.1;
    const base = days.map((day, i) => {
      const dow = new Date(`${day}T00:00:00Z`).getUTCDay();
      let v = level * (1 + growthPerDay) ** i * (dow === 0 || dow === 6 ? weekend : 1) * (1 + noise * gauss());
      if (sparse) v = rand() < 0.15 ? level * between(0.05, 0.3) : 0;
      if (day.endsWith('-01')) v += monthStart * between(0.95, 1.05);
      if (monthEnd && new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).getUTCDate() === 1) v += monthEnd;
      return Math.max(0, v);
    });
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
