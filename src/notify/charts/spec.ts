/**
 * The digest's charts as vega-lite specs: plain data, built from the spend summary alone, so every number a chart
 * draws is one the digest prints (the running totals end at the month-to-date figure, the band at the forecast's
 * range, the service lines are the sparklines). Rendering them is ./index.ts.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { RunningTotal, SpendSummary } from '../../analyze/summary';
import { addDays, monthName, window } from '../../domain/dates';
import { usd } from '../../domain/money';
import { SAMPLE_BANNER } from '../digest';
import { overviewRows } from '../format';

/** One chart: its file name without extension, its title and alt text (figures in words), and its spec. */
export interface Chart {
  name: string;
  title: string;
  /** What it shows with the figures, for screen readers (Slack's alt text). */
  alt: string;
  spec: TopLevelSpec;
}

/** The font every chart names; the rasteriser is given this one font and no other (./render.ts). */
export const CHART_FONT = 'DejaVu Sans';

const WIDTH = 720;
const HEIGHT = 300;
/** This month, last month and the forecast, told apart by colour and dash. */
const CURRENT_COLOR = '#1f5fa6';
const REFERENCE_COLOR = '#9a9a9a';
const FORECAST_LABEL = 'Forecast';

/** Layout every chart shares (reports too): white, the bundled font, titles left-aligned, no outline around the plot. */
export const CHART_CONFIG = {
  font: CHART_FONT,
  background: 'white',
  padding: 12,
  view: { stroke: null },
  title: { anchor: 'start', fontSize: 15, fontWeight: 'normal', subtitleFontSize: 11, subtitleColor: '#444' },
  axis: { labelFontSize: 11, titleFontSize: 11, titleFontWeight: 'normal', gridColor: '#e6e6e6' },
  legend: { labelFontSize: 11, titleFontSize: 11, titleFontWeight: 'normal', labelLimit: 320 },
} as const;

const withBanner = (title: string, sample: boolean) => (sample ? `${title} · ${SAMPLE_BANNER}` : title);
const dayOfMonth = (day: string): number => Number(day.slice(8, 10));
/** The days a running total covers, as days of the month. */
const points = (t: RunningTotal, series: string) =>
  t.usd.map((v, i) => ({ series, day: dayOfMonth(t.from) + i, usd: v }));

/**
 * Spend this month day by day, summed from the 1st, against the whole month before, and the forecast: a dashed line
 * from the last actual day to the month-end forecast and a band to its range (Cost Explorer forecasts the month end,
 * not each day, so both are drawn straight). On the 1st the shown month is the one just closed: no forecast is drawn.
 * Undefined when there is no spend in either month.
 */
export function spendChart(s: SpendSummary, sample: boolean): Chart | undefined {
  const { current, reference } = s.runningTotals;
  const spent = (t?: RunningTotal) => t?.usd.some((v) => v !== 0) ?? false;
  if (!current || !(spent(current) || spent(reference))) return undefined;
  const shown = monthName(s.month.month);
  const before = reference && monthName(reference.from.slice(0, 7));
  const lines = [...points(current, shown), ...(reference && before ? points(reference, before) : [])];
  const f = s.forecast;
  const last = current.usd.at(-1) ?? 0;
  const lastDay = dayOfMonth(current.to);
  const forecastEnd = !s.month.closed && f.current ? { day: dayOfMonth(f.current.to), usd: f.current.usd } : undefined;
  if (forecastEnd)
    lines.push({ series: FORECAST_LABEL, day: lastDay, usd: last }, { series: FORECAST_LABEL, ...forecastEnd });
  const band =
    forecastEnd && f.lower !== undefined && f.upper !== undefined
      ? [
          { day: lastDay, lower: last, upper: last },
          { day: forecastEnd.day, lower: f.lower, upper: f.upper },
        ]
      : [];
  // This month's figure and the forecast's, at their lines' ends (last month's would sit on the forecast's).
  const ends = [shown, FORECAST_LABEL].flatMap((name) => {
    const end = lines.filter((l) => l.series === name).at(-1);
    return end ? [{ ...end, label: usd(end.usd) }] : [];
  });
  const series = [shown, ...(before ? [before] : []), ...(forecastEnd ? [FORECAST_LABEL] : [])];
  const colors = [CURRENT_COLOR, REFERENCE_COLOR, CURRENT_COLOR];
  const x = { field: 'day', type: 'quantitative' as const, title: 'Day of the month', scale: { domain: [1, 31] } };
  const caption = overviewRows(s)
    .filter((r) => r.key === 'month' || r.key === 'forecast' || r.key === 'lastMonth')
    .map((r) => `${r.label}: ${r.value}, ${r.versus}`);
  const drawn = forecastEnd
    ? `; forecast drawn straight from ${window({ from: current.to, to: current.to })} to the month end`
    : '';
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: WIDTH,
    height: HEIGHT,
    config: CHART_CONFIG,
    title: {
      text: withBanner(`Spend in ${shown}, summed day by day${before ? `, against ${before}` : ''}`, sample),
      subtitle: [...caption, `Basis: ${s.basis.actuals}${forecastEnd ? `, ${s.basis.forecast}` : ''}${drawn}.`],
    },
    encoding: { x },
    layer: [
      {
        data: { values: band },
        mark: { type: 'area', color: CURRENT_COLOR, opacity: 0.15 },
        encoding: { y: { field: 'lower', type: 'quantitative' }, y2: { field: 'upper' } },
      },
      {
        data: { values: lines },
        mark: { type: 'line', strokeWidth: 2 },
        encoding: {
          y: { field: 'usd', type: 'quantitative', title: 'Spend since the 1st', axis: { format: '$,.0f' } },
          color: {
            field: 'series',
            type: 'nominal',
            title: null,
            scale: { domain: series, range: colors.slice(0, series.length) },
            legend: { orient: 'top-left' },
          },
          strokeDash: {
            field: 'series',
            type: 'nominal',
            scale: { domain: series, range: series.map((n) => (n === FORECAST_LABEL ? [6, 4] : [1, 0])) },
          },
        },
      },
      {
        data: { values: ends },
        mark: { type: 'text', align: 'left', dx: 6, fontSize: 11 },
        encoding: { y: { field: 'usd', type: 'quantitative' }, text: { field: 'label' } },
      },
    ],
  };
  const alt = `${shown}: ${caption.join('. ')}`;
  return { name: 'chart-spend', title: withBanner(`Spend in ${shown}`, sample), alt, spec };
}

/** The top services' daily spend over the sparkline's days, one line each, as the digest ranks them. */
export function servicesChart(s: SpendSummary, sample: boolean): Chart | undefined {
  const days = s.topServices[0]?.daily.length ?? 0;
  if (days === 0) return undefined;
  const rows = s.topServices.flatMap((t) =>
    t.daily.map((v, i) => {
      const day = addDays(s.sparkWindow.from, i);
      return {
        date: day,
        day: window({ from: day, to: day }),
        service: `${t.service}  ${usd(t.current?.usd ?? 0)}`,
        usd: v,
      };
    }),
  );
  const spentIn = s.month.current ? window(s.month.current) : monthName(s.month.month);
  const title = `Top services, daily spend ${window(s.sparkWindow)}`;
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: WIDTH,
    height: HEIGHT,
    config: CHART_CONFIG,
    title: {
      text: withBanner(title, sample),
      subtitle: `The ${s.topServices.length} services with the most spend ${spentIn}, as the digest lists them; ${s.basis.actuals}.`,
    },
    data: { values: rows },
    mark: { type: 'line', strokeWidth: 2, point: { size: 18 } },
    encoding: {
      // The rows run day by day for the first service: that order is the axis's.
      x: { field: 'day', type: 'ordinal', sort: null, title: null, axis: { labelAngle: 0 } },
      y: { field: 'usd', type: 'quantitative', title: 'Spend a day', axis: { format: '$,.0f' } },
      color: {
        field: 'service',
        type: 'nominal',
        sort: null,
        title: `Spend ${spentIn}`,
        legend: { orient: 'bottom', columns: 2 },
      },
    },
  };
  const alt = `${title}: ${s.topServices.map((t) => `${t.service} ${usd(t.current?.usd ?? 0)}`).join(', ')}`;
  return { name: 'chart-services', title: withBanner(title, sample), alt, spec };
}

/** The daily digest's charts: the spend chart and the top services', each only where there is spend to draw. */
export const dailyCharts = (s: SpendSummary, sample: boolean): Chart[] =>
  [spendChart(s, sample), servicesChart(s, sample)].filter((c): c is Chart => c !== undefined);
