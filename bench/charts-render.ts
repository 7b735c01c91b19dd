/**
 * Run by bench/charts.ts as a fresh process, bundled as the Lambda bundles (serverless.yml) and laid out as its zip:
 * draws the daily charts of a generated 13-month, 8-service estate and prints, as JSON, the renderer's import (vega,
 * vega-lite, resvg evaluated: what a run that draws nothing never pays), the first render of each chart (the first
 * compiles the .wasm and reads the font) and the median of warm renders (new specs each time, none reused).
 */
import { summarize } from '../src/analyze/summary';
import { addDays } from '../src/domain/dates';
import type { SpendData } from '../src/domain/spend';
import { dailyCharts, renderChart } from '../src/notify/charts';

const WARM = 7;
const AS_OF = '2026-11-20';

/** Daily spend from a year before the as-of date: 8 services with a weekly rhythm and a slow climb. */
function estate(): SpendData {
  const days: string[] = [];
  for (let d = '2025-10-01'; d < AS_OF; d = addDays(d, 1)) days.push(d);
  const byService = Object.fromEntries(
    Array.from({ length: 8 }, (_, s) => [
      `Service ${s + 1}`,
      days.map((d, i) => (800 / (s + 1)) * (1 + i / 2000) * (new Date(d).getUTCDay() % 6 === 0 ? 0.7 : 1)),
    ]),
  );
  const total = days.map((_, i) => Object.values(byService).reduce((sum, series) => sum + (series[i] ?? 0), 0));
  const forecast = { start: AS_OF, end: '2026-11-30', amount: 24_000, lower: 22_800, upper: 25_300 };
  return {
    metric: 'UnblendedCost',
    days,
    estimated: days.map(() => false),
    total,
    byService,
    byAccount: { '111111111111': total },
    byAccountService: {},
    byRegion: {},
    accountNames: {},
    forecast,
  };
}

const since = (t: number) => performance.now() - t;
const charts = dailyCharts(summarize(estate(), AS_OF), false);
const started = performance.now();
await import('../src/notify/charts/render');
const importMs = since(started);
const cold: number[] = [];
let bytes = 0;
for (const chart of charts) {
  const t = performance.now();
  bytes += (await renderChart(chart.spec)).length;
  cold.push(since(t));
}
const warm: number[] = [];
for (let i = 0; i < WARM; i++) {
  const t = performance.now();
  for (const chart of charts) await renderChart({ ...chart.spec, description: `warm ${i}` });
  warm.push(since(t));
}
const median = [...warm].sort((a, b) => a - b)[Math.floor(WARM / 2)] ?? 0;
console.log(JSON.stringify({ importMs, cold, warmMs: median, charts: charts.length, bytes }));
