/**
 * Charts as PNG, for the out folder and for Slack. The renderer (vega, vega-lite and resvg's WebAssembly, the bulk of
 * what charts cost) is imported on the first render only, so a process that draws nothing never loads it. A spec
 * rendered once in a process is not rendered again: the run's files and its Slack upload share one rendering.
 */
import type { TopLevelSpec } from 'vega-lite';

export { CHART_CONFIG, type Chart, dailyCharts, servicesChart, spendChart } from './spec';

/** Renderings of this process by spec, the latest few (a run draws two charts, a report a few more). */
const rendered = new Map<string, Promise<Uint8Array>>();
const KEEP = 8;

/** The spec as PNG bytes. A failed rendering is not kept: the next call tries again. */
export function renderChart(spec: TopLevelSpec): Promise<Uint8Array> {
  const key = JSON.stringify(spec);
  const known = rendered.get(key);
  if (known) return known;
  const png = import('./render').then((r) => r.renderPng(spec));
  rendered.set(key, png);
  png.catch(() => rendered.delete(key));
  while (rendered.size > KEEP) rendered.delete(rendered.keys().next().value as string);
  return png;
}
