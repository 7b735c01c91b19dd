import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../fixtures/sample/random';
import { calendarClass, monthSlot } from '../../../src/analyze/anomaly/calendar';
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

const options = (dayList: string[]) =>
  spendDetector(
    'daily',
    DEFAULT_THRESHOLDS,
    50,
    dayList.map(calendarClass),
    dayList.map((d) => monthSlot(d)),
  );
const detect = (values: number[], dayList: string[]) => scanSeries(values, options(dayList)).anomalies;

/** Days of the month `dom` from index `from` on. */
const onDay = (dayList: string[], dom: number, from = 0) =>
  dayList.flatMap((d, i) => (i >= from && Number(d.slice(8, 10)) === dom ? [i] : []));

/** A mostly-zero series: a charge on about one day in ten, log-normal around $40 (the largest near ten times that). */
function lumpySeries(dayList: string[], seed = 3): number[] {
  const rand = mulberry32(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  return dayList.map(() => (rand() < 0.1 ? 40 * Math.exp(0.8 * gauss()) : 0));
}

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

describe('scanSeries on the shapes that alerted wrongly (issue 15)', () => {
  const dayList = days(400);
  const small = (i: number) => 100 * (1 + 0.03 * Math.sin(i * 2.3));

  it('judges a lumpy charge of a mostly-zero series against its usual charge, and never expects it below zero', () => {
    for (const seed of [3, 5, 8]) {
      const lumpy = lumpySeries(dayList, seed).map((v, i) => v + (dayList[i]?.endsWith('-01') ? 120 : 0));
      expect(detect(lumpy, dayList)).toEqual([]);
      const scan = scanSeries(lumpy, options(dayList));
      expect(Math.min(...scan.expected.filter((e) => !Number.isNaN(e)))).toBeGreaterThanOrEqual(0);
    }
    const spiked = lumpySeries(dayList);
    spiked[350] = 3000;
    const [spike, ...rest] = detect(spiked, dayList);
    expect(rest).toEqual([]);
    expect(spike).toMatchObject({ kind: 'spike', start: 350, end: 350 });
    // Against the usual charge, not against the zero days around it.
    expect(spike?.expected).toBeGreaterThan(10);
    expect(spike?.expected).toBeLessThan(200);
  });

  it('takes a large charge of a mostly-zero series for news only where values are not charges', () => {
    const lumpy = lumpySeries(dayList);
    const before = lumpy.slice(350 - 168, 350).sort((a, b) => b - a);
    // Three times the second largest charge of the last 24 weeks: ordinary for spend, news for a count.
    lumpy[350] = 3 * (before[1] as number);
    expect(detect(lumpy, dayList)).toEqual([]);
    const counts = scanSeries(lumpy, { ...options(dayList), lumpy: 0 }).anomalies;
    expect(counts.map((a) => [a.kind, a.start])).toEqual([['spike', 350]]);
  });

  it('learns a $120 charge on every 15th instead of alerting on it each month', () => {
    const values = dayList.map((_, i) => small(i));
    for (const i of onDay(dayList, 15)) values[i] = (values[i] as number) + 120;
    // The first 15th judged may be news; none after it.
    const found = detect(values, dayList);
    expect(found.length).toBeLessThanOrEqual(1);
    expect(found.every((a) => a.start === onDay(dayList, 15, 21)[0])).toBe(true);
  });

  it('alerts on a new monthly fee in its first month only', () => {
    const values = dayList.map((_, i) => small(i));
    const fees = onDay(dayList, 9, 200);
    for (const i of fees) values[i] = (values[i] as number) + 500;
    expect(detect(values, dayList).map((a) => [a.kind, a.start])).toEqual([['spike', fees[0]]]);
  });

  it('learns a recurring monthly credit instead of alerting on it as a drop each month', () => {
    const values = dayList.map((_, i) => small(i));
    for (const i of onDay(dayList, 20)) values[i] = (values[i] as number) - 60;
    expect(detect(values, dayList).length).toBeLessThanOrEqual(1);
  });

  it('takes the return to normal after a month-long drop for the end of the drop, with no phantom impact', () => {
    const clean = cleanSeries(dayList);
    const values = clean.map((v, i) => (i >= 300 && i < 330 ? v * 0.3 : v));
    const found = detect(values, dayList);
    expect(found.map((a) => [a.kind, a.start, a.end, a.settled])).toEqual([['drop', 300, 329, false]]);
    const planted = clean.slice(300, 330).reduce((sum, v) => sum + 0.7 * v, 0);
    const impact = (found[0]?.expected ?? 0) - (found[0]?.actual ?? 0);
    expect(impact).toBeGreaterThan(0.85 * planted);
    expect(impact).toBeLessThan(1.15 * planted);
  });

  it('finds a second event weeks after a first: the first does not inflate the scale', () => {
    const values = cleanSeries(dayList).map((v, i) => (i >= 250 && i < 255 ? v * 1.6 : v));
    values[290] = (values[290] as number) * 1.5;
    expect(detect(values, dayList).map((a) => [a.kind, a.start])).toEqual([
      ['level-shift', 250],
      ['spike', 290],
    ]);
  });

  it('reports a month-long runaway once, as a runaway, alerting days after it began', () => {
    const values = cleanSeries(dayList).map((v, i) => (i >= 340 && i < 368 ? v + 100 * (1.1 ** (i - 339) - 1) : v));
    const found = detect(values, dayList);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: 'runaway', settled: false });
    expect(found[0]?.start).toBeGreaterThanOrEqual(338);
    expect(found[0]?.start).toBeLessThanOrEqual(345);
    expect(found[0]?.detectedAt).toBeGreaterThan(found[0]?.start ?? 0);
  });

  it('calls a one-day jump a spike even when a little excess lingers after it', () => {
    const values = cleanSeries(dayList);
    values[300] = (values[300] as number) + 3000;
    for (const i of [301, 302, 303]) values[i] = (values[i] as number) + 90;
    expect(detect(values, dayList).map((a) => a.kind)).toEqual(['spike']);
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
