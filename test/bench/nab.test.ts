import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadNab, probation, windowFigures } from '../../bench/nab';

const HOUR = 3_600_000;

describe('the NAB sets of the bench', () => {
  const files = loadNab();

  it('are the four real sets, and none of the two reserved for independent evaluation', () => {
    expect([...new Set(files.map((f) => f.set))]).toEqual([
      'realAdExchange',
      'realKnownCause',
      'realTraffic',
      'realTweets',
    ]);
    expect(files.filter((f) => f.set === 'realTraffic')).toHaveLength(7);
    expect(files.filter((f) => f.set === 'realTweets')).toHaveLength(10);
    const stored = readdirSync(new URL('../../bench/data/nab/', import.meta.url));
    expect(stored.filter((f) => /^(ec2_cpu|ec2_disk|ec2_network|elb_|grok_|iio_|rds_)/.test(f))).toEqual([]);
    expect(stored.filter((f) => /cloud-monitoring/i.test(f))).toEqual([]);
  });

  it('have each labelled anomaly inside a window', () => {
    for (const f of files) {
      expect(f.labels.length, f.name).toBeGreaterThanOrEqual(f.windows.length);
      for (const l of f.labels)
        expect(
          f.windows.some(([a, b]) => l >= a && l <= b),
          f.name,
        ).toBe(true);
    }
  });
});

describe('windowFigures', () => {
  const files = loadNab().filter((f) => f.set === 'realTraffic');
  const windows = files.reduce((n, f) => n + f.windows.length, 0);

  it('gives a detector firing at each label precision and recall 1 and no delay, and a silent one nothing', () => {
    const perfect = windowFigures(files, (f) => f.labels.map((l) => ({ start: l, detectedAt: l })));
    expect(perfect).toMatchObject({ windows, found: windows, falseAlarms: 0, precision: 1, recall: 1, f1: 1 });
    expect(perfect.delayHours).toBe(0);
    expect(windowFigures(files, () => [])).toMatchObject({ found: 0, precision: 0, recall: 0, f1: 0 });
  });

  it('counts a detection outside every window as a false alarm, one in the probation as nothing', () => {
    const f = files.find((x) => x.windows.length === 1) as (typeof files)[number];
    const [a] = f.windows[0] as [number, number];
    const label = f.labels[0] as number;
    const outside = f.values.findIndex((_, t) => t >= probation(f.values.length) && t < a);
    expect(outside).toBeGreaterThan(0);
    const figures = windowFigures([f], () => [
      { start: 0, detectedAt: 0 },
      { start: outside, detectedAt: outside },
      { start: label + 2, detectedAt: label + 2 },
      { start: label + 3, detectedAt: label + 3 },
    ]);
    expect(figures).toMatchObject({ windows: 1, found: 1, falseAlarms: 1, precision: 0.5, recall: 1 });
    expect(figures.f1).toBeCloseTo(2 / 3, 9);
    expect(figures.delayHours).toBeCloseTo(
      ((f.timestamps[label + 2] as number) - (f.timestamps[label] as number)) / HOUR,
      9,
    );
    expect(figures.delayHours).toBeGreaterThan(0);
  });
});
