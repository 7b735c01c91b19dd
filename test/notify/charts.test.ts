import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { summarize } from '../../src/analyze/summary';
import { type Chart, dailyCharts, renderChart, servicesChart, spendChart } from '../../src/notify/charts';
import { textWidths } from '../../src/notify/charts/font-metrics';
import { assetPath, CHART_ASSETS, renderSvg } from '../../src/notify/charts/render';
import { spendOf } from './spend-fixture';

/** $10 a day until October's end, $20 a day in November; the forecast adds $220 (80%: $200–$250) to Nov 20–30. */
const stepUp = (day: string) => (day >= '2026-11-01' ? 20 : 10);
const forecast = { start: '2026-11-20', end: '2026-11-30', amount: 220, lower: 200, upper: 250 };
const spend = spendOf('2026-09-01', '2026-11-19', { 'Amazon EC2': stepUp, 'Amazon S3': () => 1 }, { forecast });
const summary = summarize(spend, '2026-11-20');

interface Row {
  series?: string;
  day?: number | string;
  usd?: number;
  lower?: number;
  upper?: number;
  label?: string;
  service?: string;
}
type Layer = { data: { values: Row[] } };
const layers = (chart: { spec: unknown }) => (chart.spec as { layer: Layer[] }).layer.map((l) => l.data.values);
const series = (rows: Row[], name: string) => rows.filter((r) => r.series === name).map((r) => [r.day, r.usd]);

/** Width and height from a PNG's IHDR chunk, after checking the 8-byte signature and the chunk's name. */
function pngSize(png: Uint8Array): { width: number; height: number } {
  const b = Buffer.from(png);
  expect([...b.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(b.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

describe('the spend chart', () => {
  it('draws this month and last month summed day by day, ending at the digest figures, and the forecast band', () => {
    const chart = spendChart(summary, false);
    const [band, lines, ends] = layers(chart as NonNullable<typeof chart>) as [Row[], Row[], Row[]];
    const november = series(lines, 'November 2026');
    expect(november).toHaveLength(19);
    expect(november[0]).toEqual([1, 21]);
    expect(november.at(-1)).toEqual([19, summary.month.current?.usd]);
    expect(summary.month.current?.usd).toBe(399);
    const october = series(lines, 'October 2026');
    expect(october).toHaveLength(31);
    // On the 19th last month had spent what the digest compares month-to-date with; its last day is last month.
    expect(october[18]).toEqual([19, summary.month.reference?.usd]);
    expect(october.at(-1)).toEqual([31, summary.lastMonth.current?.usd]);
    expect(summary.lastMonth.current?.usd).toBe(341);
    expect(series(lines, 'Forecast')).toEqual([
      [19, 399],
      [30, 619],
    ]);
    expect(summary.forecast.current?.usd).toBe(619);
    expect(band).toEqual([
      { day: 19, lower: 399, upper: 399 },
      { day: 30, lower: summary.forecast.lower, upper: summary.forecast.upper },
    ]);
    expect([summary.forecast.lower, summary.forecast.upper]).toEqual([599, 649]);
    expect(ends.map((e) => e.label)).toEqual(['$399.00', '$619.00']);
  });

  it('says in its caption the figures the digest prints and how the forecast is drawn', () => {
    const chart = spendChart(summary, true);
    const title = ((chart as Chart).spec as { title: { text: string; subtitle: string[] } }).title;
    expect(title.text).toBe(
      'Spend in November 2026, summed day by day, against October 2026 · SAMPLE ACCOUNT — not real data',
    );
    expect(title.subtitle).toEqual([
      'Month-to-date (Nov 1–19): $399.00, +$190.00 (+91%) vs same days of October 2026 $209.00 (Oct 1–19)',
      'November 2026 forecast (month end): $619.00, range $599.00–$649.00; +$278.00 (+82%) vs last month $341.00 (Oct 1–31)',
      'Last month (October 2026): $341.00, +$11.00 (+3.3%) vs the month before $330.00 (Sep 1–30)',
      'Basis: Cost Explorer actuals, UnblendedCost, Cost Explorer forecast; forecast drawn straight from Nov 19 to the month end.',
    ]);
    expect(chart?.alt).toContain('Month-to-date (Nov 1–19): $399.00');
  });

  it('on the 1st shows the closed month against the month before, with no forecast', () => {
    const closed = summarize(spendOf('2026-09-01', '2026-11-30', { 'Amazon EC2': stepUp }, {}), '2026-12-01');
    const [band, lines] = layers(spendChart(closed, false) as { spec: unknown }) as [Row[], Row[]];
    expect(band).toEqual([]);
    expect(series(lines, 'November 2026').at(-1)).toEqual([30, 600]);
    expect(series(lines, 'October 2026').at(-1)).toEqual([31, 310]);
    expect(series(lines, 'Forecast')).toEqual([]);
  });

  it('draws no band without a forecast range, and a line alone without last month', () => {
    const noRange = summarize(
      { ...spend, forecast: { ...forecast, lower: undefined, upper: undefined } },
      '2026-11-20',
    );
    const [band, lines] = layers(spendChart(noRange, false) as { spec: unknown }) as [Row[], Row[]];
    expect(band).toEqual([]);
    expect(series(lines, 'Forecast')).toHaveLength(2);
    const young = summarize(spendOf('2026-11-01', '2026-11-19', { 'Amazon EC2': stepUp }), '2026-11-20');
    const [, only] = layers(spendChart(young, false) as { spec: unknown }) as [Row[], Row[]];
    expect([...new Set(only.map((r) => r.series))]).toEqual(['November 2026']);
  });
});

describe('the services chart', () => {
  it('draws each top service with the sparkline figures, in the digest order', () => {
    const chart = servicesChart(summary, false);
    const rows = ((chart as Chart).spec as { data: { values: Row[] } }).data.values;
    expect([...new Set(rows.map((r) => r.service))]).toEqual(['Amazon EC2  $380.00', 'Amazon S3  $19.00']);
    for (const t of summary.topServices) {
      expect(rows.filter((r) => r.service?.startsWith(`${t.service} `)).map((r) => r.usd)).toEqual(t.daily);
    }
    expect(rows.slice(0, 2).map((r) => r.day)).toEqual(['Nov 6', 'Nov 7']);
    expect(chart?.title).toBe('Top services, daily spend Nov 6–19');
  });
});

describe('no spend, no chart', () => {
  it('draws nothing without spend data, or when every day is zero', () => {
    const empty = summarize({ ...spendOf('2026-11-01', '2026-10-31', {}), forecast: undefined }, '2026-11-20');
    expect(dailyCharts(empty, false)).toEqual([]);
    const zeros = summarize(spendOf('2026-09-01', '2026-11-19', { 'Amazon EC2': () => 0 }), '2026-11-20');
    expect(dailyCharts(zeros, false)).toEqual([]);
  });
});

describe('rendering', () => {
  it('renders each chart as a PNG twice the SVG size, with the figures drawn as text', async () => {
    for (const chart of dailyCharts(summary, false)) {
      const svg = await renderSvg(chart.spec);
      const [, width, height] = svg.match(/<svg[^>]* width="(\d+)" height="(\d+)"/) ?? [];
      expect(pngSize(await renderChart(chart.spec))).toEqual({ width: 2 * Number(width), height: 2 * Number(height) });
      expect(svg).toContain(chart.name === 'chart-spend' ? '>$399.00<' : '>Amazon EC2  $380.00<');
    }
  });

  it('renders a spec once in a process and hands the same bytes to every caller', async () => {
    const [chart] = dailyCharts(summary, false);
    const spec = chart?.spec as NonNullable<typeof chart>['spec'];
    expect(await renderChart(spec)).toBe(await renderChart(structuredClone(spec)));
  });

  it('finds its rasteriser and font on the way up from the module, and names a missing one', () => {
    expect(readFileSync(assetPath(CHART_ASSETS.wasm)).subarray(0, 4)).toEqual(Buffer.from([0, 0x61, 0x73, 0x6d]));
    expect(readFileSync(assetPath(CHART_ASSETS.font)).readUInt32BE(0)).toBe(0x00010000);
    expect(() => assetPath('no/such.wasm', join(import.meta.dirname, '..'))).toThrow(/chart asset no\/such\.wasm/);
  });

  it('measures text with the font, as DejaVu Sans spaces it', () => {
    const width = textWidths(readFileSync(assetPath(CHART_ASSETS.font)));
    // Advance widths in DejaVu Sans: 0 and $ 1303, W 2025, i 569, space 651 (2048 units an em).
    expect(width('0', 2048)).toBe(1303);
    expect(width('$0 Wi', 2048)).toBe(1303 + 1303 + 651 + 2025 + 569);
    expect(width('00', 11)).toBeCloseTo((2 * 1303 * 11) / 2048);
    // Outside the font (an emoji): the .notdef glyph's advance, never NaN.
    expect(Number.isFinite(width('💸', 11))).toBe(true);
  });
});
