import { describe, expect, it } from 'vitest';
import { calendarClass } from '../../../src/analyze/anomaly/calendar';
import { DAILY_DETECTOR, scanSeries } from '../../../src/analyze/anomaly/detect';
import { scoreThreshold, spendDetector } from '../../../src/analyze/anomaly/thresholds';
import { DEFAULT_THRESHOLDS } from '../../../src/config';
import { addDays, daysBetween } from '../../../src/domain/dates';

const days = (count: number, first = '2025-10-01') => daysBetween(first, addDays(first, count));

/** A clean daily cost series: $1,000 weekdays, $600 weekends, a $9,000 charge every 1st, 2% wobble, slow growth. */
function cleanSeries(dayList: string[]): number[] {
  return dayList.map((day, i) => {
    const dow = new Date(`${day}T00:00:00Z`).getUTCDay();
    const wobble = 1 + 0.02 * Math.sin(i * 2.3) + 0.015 * Math.cos(i * 0.7);
    const base = (dow === 0 || dow === 6 ? 600 : 1000) * (1 + 0.0008 * i) * wobble;
    return base + (day.endsWith('-01') ? 9000 : 0);
  });
}

const detect = (values: number[], dayList: string[]) =>
  scanSeries(values, spendDetector('daily', DEFAULT_THRESHOLDS, 50, dayList.map(calendarClass))).anomalies;

describe('scanSeries on daily spend', () => {
  const dayList = days(400);

  it('stays quiet on weekends, month-start charges and slow growth', () => {
    expect(detect(cleanSeries(dayList), dayList)).toEqual([]);
  });

  it('finds a one-day spike with its expected and actual spend', () => {
    const values = cleanSeries(dayList);
    values[300] = (values[300] as number) + 2500;
    const [spike, ...rest] = detect(values, dayList);
    expect(rest).toEqual([]);
    expect(spike).toMatchObject({ kind: 'spike', start: 300, end: 300, detectedAt: 300, open: false });
    expect((spike?.actual ?? 0) - (spike?.expected ?? 0)).toBeGreaterThan(2200);
    expect((spike?.actual ?? 0) - (spike?.expected ?? 0)).toBeLessThan(2800);
  });

  it('finds a month-start charge far above the usual one', () => {
    const values = cleanSeries(dayList);
    const first = dayList.findIndex((d, i) => i > 300 && d.endsWith('-01'));
    values[first] = (values[first] as number) + 12_000;
    expect(detect(values, dayList).map((a) => [a.kind, a.start])).toEqual([['spike', first]]);
  });

  it('calls a lasting rise a level shift, open at the end, and does not alert again when it ends', () => {
    const values = cleanSeries(dayList).map((v, i) => (i >= 390 ? v + 600 : v));
    const [shift] = detect(values, dayList);
    expect(shift).toMatchObject({ kind: 'level-shift', start: 390, open: true, settled: false });
    expect(shift?.detectedAt).toBeLessThanOrEqual(391);

    const back = cleanSeries(dayList).map((v, i) => (i >= 340 && i < 350 ? v + 600 : v));
    expect(detect(back, dayList).map((a) => [a.kind, a.start, a.end])).toEqual([['level-shift', 340, 349]]);
  });

  it('settles on a new level after two weeks instead of alerting for ever', () => {
    const charge = (i: number) => (dayList[i]?.endsWith('-01') ? 9000 : 0);
    const values = cleanSeries(dayList).map((v, i) => (i >= 300 ? (v - charge(i)) * 1.6 + charge(i) : v));
    const found = detect(values, dayList);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ start: 300, settled: true, open: false });
  });

  it('calls a climbing excess a runaway', () => {
    const values = cleanSeries(dayList).map((v, i) => (i >= 370 ? v + 40 * 1.12 ** (i - 370) : v));
    expect(detect(values, dayList)[0]?.kind).toBe('runaway');
  });

  it('calls spend from nothing a new service, and a fall a drop', () => {
    const fresh = cleanSeries(dayList).map((v, i) => (i < 390 ? 0 : v));
    expect(detect(fresh, dayList)[0]).toMatchObject({ kind: 'new', start: 390 });
    const fall = cleanSeries(dayList).map((v, i) => (i >= 395 ? v * 0.3 : v));
    expect(detect(fall, dayList)[0]).toMatchObject({ kind: 'drop', start: 395 });
  });

  it('ignores a series under the dollar floor, however wild', () => {
    const tiny = cleanSeries(dayList).map((v, i) => (i === 350 ? 40 : v / 1000));
    expect(detect(tiny, dayList)).toEqual([]);
  });

  it('stays quiet on a mostly-zero series with its usual occasional charges', () => {
    const sparse = dayList.map((_, i) => (i % 9 === 0 ? 300 + (i % 5) * 40 : 0));
    expect(detect(sparse, dayList)).toEqual([]);
  });

  it('skips missing points (NaN) without alerting on them', () => {
    const values = cleanSeries(dayList);
    values[250] = Number.NaN;
    expect(scanSeries(values, { ...DAILY_DETECTOR, classes: dayList.map(calendarClass) }).anomalies).toEqual([]);
  });
});

describe('scoreThreshold', () => {
  it('rises with the number of series judged, never under the minimum', () => {
    expect(scoreThreshold(1, DEFAULT_THRESHOLDS)).toBe(DEFAULT_THRESHOLDS.minScore);
    const many = scoreThreshold(1e7, { ...DEFAULT_THRESHOLDS, minScore: 3 });
    expect(many).toBeGreaterThan(5.5);
    expect(many).toBeLessThan(6.5);
  });
});
