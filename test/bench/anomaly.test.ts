import { describe, expect, it } from 'vitest';
import { nabDetectorOptions } from '../../bench/anomaly';
import { percentDetections, zScoreDetections } from '../../bench/baselines';
import { loadNab, nabScore, probation, rawScore } from '../../bench/nab';
import { syntheticSeries } from '../../bench/synthetic';

describe('NAB scoring', () => {
  const files = loadNab();

  it('loads the copied files with their windows inside them', () => {
    expect(files.length).toBe(26);
    for (const f of files) {
      expect(f.values.every(Number.isFinite)).toBe(true);
      for (const [a, b] of f.windows) expect(0 <= a && a < b && b < f.values.length).toBe(true);
    }
  });

  it('scores a silent detector 0 and a detector firing at each window start 100', () => {
    expect(nabScore(files, () => [])).toBe(0);
    expect(nabScore(files, (f) => f.windows.map(([a]) => ({ start: a, detectedAt: a })))).toBeCloseTo(100, 6);
  });

  it('rewards an early detection more than a late one and charges a false positive', () => {
    const f = files.find((x) => x.windows.length === 1 && (x.windows[0]?.[0] ?? 0) > probation(x.values.length));
    if (!f) throw new Error('no single-window file with its window after the probation');
    const fp = probation(f.values.length);
    const [a, b] = f.windows[0] as [number, number];
    const early = rawScore(f, [{ start: a, detectedAt: a }]);
    const late = rawScore(f, [{ start: b, detectedAt: b }]);
    expect(early).toBeGreaterThan(late);
    expect(
      rawScore(f, [
        { start: a, detectedAt: a },
        { start: fp, detectedAt: fp },
      ]),
    ).toBeCloseTo(early - 0.11, 6);
  });
});

describe('nabDetectorOptions', () => {
  it('takes the weekly rhythm where a file spans four weeks, else the daily one', () => {
    const files = loadNab();
    const taxi = files.find((f) => f.name === 'nyc_taxi');
    const ec2 = files.find((f) => f.name.startsWith('ec2_request_latency'));
    expect(taxi && nabDetectorOptions(taxi).period).toBe(7 * 48);
    expect(ec2 && nabDetectorOptions(ec2).period).toBe(288);
    expect(taxi && nabDetectorOptions(taxi).absSigmaFloor).toBe(0);
  });
});

describe('baselines', () => {
  it('flag a jump once per run of flagged points', () => {
    const values = [...Array.from({ length: 40 }, (_, i) => 100 + (i % 3)), 300, 300, 300, 100, 101];
    expect(zScoreDetections(values, 28).map((d) => d.detectedAt)).toEqual([40]);
    expect(percentDetections(values, 7).map((d) => d.detectedAt)).toEqual([40]);
  });
});

describe('syntheticSeries', () => {
  it('is deterministic for a seed and labels anomalies inside the series', () => {
    const a = syntheticSeries(7, 20);
    expect(syntheticSeries(7, 20)).toEqual(a);
    for (const s of a) if (s.label) expect(s.label.end).toBeLessThan(s.values.length);
  });
});
