/**
 * What the charts cost the daily Lambda. Its bundle is built as serverless.yml builds it (custom.esbuild), with the
 * chart renderer (vega, vega-lite, resvg's JavaScript) and with the renderer left out, side by side: bytes, and the
 * cold import of each in fresh processes, interleaved so the shared machine's load weighs on both alike. Then the
 * files shipped beside it (the rasteriser's .wasm, the font), and the render time of the daily charts in a fresh
 * process laid out as the zip is (bench/charts-render.ts): cold, the first render of each chart including the
 * renderer's import and the .wasm's compilation; warm, later renders. Figures only, never asserted.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { type BuildOptions, build, type Plugin } from 'esbuild';
import { parse } from 'yaml';
import { CHART_ASSETS } from '../src/notify/charts/render';

const ROOT = resolve(import.meta.dirname, '..');
const RUNS = 5;

/** serverless.yml's esbuild settings as esbuild options (paths from the service root). */
function lambdaOptions(): BuildOptions {
  const yml = parse(readFileSync(join(ROOT, 'serverless.yml'), 'utf8'), { logLevel: 'silent' });
  const { bundle, minify, sourcemap, target, platform, format, external, alias, banner } = yml.custom.esbuild;
  const aliases = Object.fromEntries(
    Object.entries(alias as Record<string, string>).map(([k, v]) => [k, v.startsWith('.') ? join(ROOT, v) : v]),
  );
  return { bundle, minify, sourcemap, target, platform, format, external, alias: aliases, banner, logLevel: 'error' };
}

/** The renderer replaced by a module that has none: the daily bundle as it would be without charts. */
const withoutRenderer = (stub: string): Plugin => ({
  name: 'without-renderer',
  setup(b) {
    b.onResolve({ filter: /^\.\/render$/ }, (args) =>
      args.importer.endsWith(join('src', 'notify', 'charts', 'index.ts')) ? { path: stub } : undefined,
    );
  },
});

/** A folder laid out as the daily zip: functions/<name>.mjs and the chart assets at their paths. */
async function taskRoot(entry: string, name: string, plugins: Plugin[] = []): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'durion-bench-charts-'));
  await build({ ...lambdaOptions(), entryPoints: [join(ROOT, entry)], outfile: join(dir, 'functions', name), plugins });
  for (const asset of Object.values(CHART_ASSETS)) {
    mkdirSync(dirname(join(dir, asset)), { recursive: true });
    copyFileSync(join(ROOT, asset), join(dir, asset));
  }
  return dir;
}

const env = {
  ...process.env,
  AWS_REGION: 'us-east-1',
  DURION_TABLE: 'bench',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};
const coldImport = (bundle: string) =>
  Number(
    execFileSync(
      'node',
      [
        '--input-type=module',
        '-e',
        `const t=performance.now();await import(${JSON.stringify(bundle)});console.log(performance.now()-t)`,
      ],
      { env },
    ).toString(),
  );
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;
const kb = (bytes: number) => `${(bytes / 1e3).toFixed(0)} KB`;
const ms = (x: number) => `${x.toFixed(0)} ms`;

export async function benchCharts(): Promise<Record<string, string>> {
  const stubDir = mkdtempSync(join(tmpdir(), 'durion-bench-stub-'));
  const stub = join(stubDir, 'render.ts');
  writeFileSync(stub, "export const renderPng = (): never => { throw new Error('no renderer in this bundle'); };\n");
  const withCharts = await taskRoot('functions/daily.ts', 'daily.mjs');
  const without = await taskRoot('functions/daily.ts', 'daily.mjs', [withoutRenderer(stub)]);
  const renderer = await taskRoot('bench/charts-render.ts', 'charts-render.mjs');
  try {
    const bundles = [withCharts, without].map((d) => join(d, 'functions', 'daily.mjs'));
    const [sizeWith, sizeWithout] = bundles.map((b) => statSync(b).size) as [number, number];
    const times: [number[], number[]] = [[], []];
    for (let run = 0; run < RUNS; run++) for (const [i, b] of bundles.entries()) times[i as 0 | 1].push(coldImport(b));
    const renders = Array.from({ length: RUNS }, () =>
      JSON.parse(
        execFileSync('node', [join(renderer, 'functions', 'charts-render.mjs')], {
          env,
          stdio: ['ignore', 'pipe', 'inherit'],
        }).toString(),
      ),
    ) as { importMs: number; cold: number[]; warmMs: number; charts: number; bytes: number }[];
    const asset = (path: string) => statSync(join(ROOT, path)).size;
    return {
      'daily bundle with charts / without the renderer': `${mb(sizeWith)} / ${mb(sizeWithout)} (+${kb(sizeWith - sizeWithout)} of vega, vega-lite and resvg's JavaScript)`,
      'files beside it: rasteriser .wasm, font': `${mb(asset(CHART_ASSETS.wasm))}, ${kb(asset(CHART_ASSETS.font))}`,
      'daily cold import with charts / without (median of 5)': `${ms(median(times[0]))} / ${ms(median(times[1]))} (the renderer is imported on the first render only)`,
      'cold render, fresh process (median of 5)': `${ms(median(renders.map((r) => r.importMs + (r.cold[0] ?? 0) + (r.cold[1] ?? 0))))}: the renderer's import ${ms(median(renders.map((r) => r.importMs)))}, the first chart ${ms(median(renders.map((r) => r.cold[0] ?? 0)))} (with the .wasm compiled and the font read), the second ${ms(median(renders.map((r) => r.cold[1] ?? 0)))}`,
      'warm render, both charts (median)': `${ms(median(renders.map((r) => r.warmMs)))} for ${renders[0]?.charts} charts, ${kb(renders[0]?.bytes ?? 0)} of PNG`,
    };
  } finally {
    for (const dir of [stubDir, withCharts, without, renderer]) rmSync(dir, { recursive: true, force: true });
  }
}
