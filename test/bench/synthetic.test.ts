import { describe, expect, it } from 'vitest';
import { scoreSynthetic } from '../../bench/anomaly';
import { type LabelledSeries, labelsOf, SHAPES, shapeSeries } from '../../bench/synthetic';

describe('shapeSeries', () => {
  it('is deterministic for a seed, holds every shape, and labels anomalies inside the series', () => {
    const a = shapeSeries(7, 36);
    expect(shapeSeries(7, 36)).toEqual(a);
    expect(new Set(a.map((s) => s.shape))).toEqual(new Set(SHAPES));
    for (const s of a) for (const l of labelsOf(s)) expect(0 <= l.start && l.start <= l.end && l.end < 400).toBe(true);
    expect(a.filter((s) => s.shape === 'two-events').every((s) => labelsOf(s).length === 2)).toBe(true);
  });
});

describe('scoreSynthetic', () => {
  const days = Array.from({ length: 200 }, (_, i) => `d${i}`);
  const series: LabelledSeries[] = [
    { name: 'a', days, values: days.map(() => 100), label: { kind: 'drop', start: 100, end: 129 } },
    { name: 'b', days, values: days.map(() => 100) },
  ];
  // The drop found on its third day; its end alerted as a rise; one alarm on the clean series.
  const method = (s: LabelledSeries) =>
    s.label
      ? [
          { start: 100, detectedAt: 102, kind: 'drop', expected: 3000, actual: 900 },
          { start: 130, detectedAt: 131, kind: 'level-shift', expected: 300, actual: 1000 },
        ]
      : [{ start: 150, detectedAt: 150, kind: 'spike', expected: 100, actual: 400 }];

  it('counts a detection raised within the anomaly, and the return to normal as a false alarm only when strict', () => {
    const lax = scoreSynthetic(series, method);
    expect(lax).toMatchObject({ recall: 1, precision: 0.5, delayDays: 2, falseAlarms: 1, kindAccuracy: 1 });
    const strict = scoreSynthetic(series, method, true);
    expect(strict).toMatchObject({ recall: 1, falseAlarms: 2 });
    expect(strict.precision).toBeCloseTo(1 / 3, 10);
    // $300 and $700 of false impact over two series of 140 scored days.
    expect(strict.falseAlarmUsd).toBeCloseTo(1000 / ((2 * 140) / 30.4167), 6);
  });
});
