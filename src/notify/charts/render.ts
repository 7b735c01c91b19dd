/**
 * A vega-lite spec to SVG (vega, headless: renderer 'none') to PNG (resvg compiled to WebAssembly), with nothing
 * native, so the same code runs on arm64 Lambda, in the CLI and in tests. The rasteriser's .wasm and the one font are
 * read from disk (resvg-wasm has no system fonts: without a font given, text would not render). Loaded only by
 * ./index.ts's dynamic import: a run that renders no chart never evaluates this module.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initWasm, Resvg } from '@resvg/resvg-wasm';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { textWidths } from './font-metrics';
import { CHART_FONT } from './spec';

/**
 * The files, by their path from the package root: the same in the repository (tests, the CLI's dist/) and in the
 * Lambda zip, where serverless.yml's package patterns put them beside functions/. Found by walking up from this
 * module's own file, as Node finds node_modules.
 */
export const CHART_ASSETS = {
  wasm: 'node_modules/@resvg/resvg-wasm/index_bg.wasm',
  font: 'src/notify/charts/DejaVuSans-chart.ttf',
} as const;

/** The first `<dir>/<path>` on the way up from this module, or an error naming what is missing and where it looked. */
export function assetPath(path: string, from = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, path);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error(`chart asset ${path} not found above ${from}`);
  }
}

/** What vega's layout asks the width of: a text mark's item. */
interface TextItem {
  text?: unknown;
  fontSize?: number;
}

let wasm: Promise<void> | undefined;
let font: Uint8Array | undefined;

/** The font, read once, its widths given to vega's layout (the hook vega leaves for a renderer without a canvas). */
function chartFont(): Uint8Array {
  if (font) return font;
  font = readFileSync(assetPath(CHART_ASSETS.font));
  const width = textWidths(font);
  // vega exports textMetrics (from vega-scenegraph) without typing it; 11 is vega's default font size.
  const { textMetrics } = vega as unknown as { textMetrics: { width: (item: TextItem, text?: unknown) => number } };
  textMetrics.width = (item, text) => width(String(text ?? item.text ?? ''), item.fontSize ?? 11);
  return font;
}

/** The spec as SVG text, laid out by vega without a canvas, its text measured in the chart font. */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  chartFont();
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** The spec as PNG bytes, `scale` pixels per SVG unit (2: sharp on high-density screens). */
export async function renderPng(spec: TopLevelSpec, scale = 2): Promise<Uint8Array> {
  const svg = await renderSvg(spec);
  wasm ??= initWasm(readFileSync(assetPath(CHART_ASSETS.wasm)));
  await wasm;
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    font: { fontBuffers: [chartFont()], loadSystemFonts: false, defaultFontFamily: CHART_FONT },
  });
  try {
    const image = resvg.render();
    try {
      return image.asPng();
    } finally {
      image.free();
    }
  } finally {
    resvg.free();
  }
}
