// npm run bench: prints figures (never asserted by tests). Speed and memory of the daily run, Cost Explorer
// requests per run, each Lambda's bundle size and cold import time, then the benches of each area (bench/index.ts).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const env = { ...process.env, SLACK_BOT_TOKEN: '', SLACK_CHANNEL: '', DURION_TOPIC_ARN: '', DURION_TABLE: '' };
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const print = (name, value) => console.log(`${name.padEnd(48)} ${value}`);

execFileSync('node', ['scripts/build.mjs'], { stdio: 'inherit' });

// 1. The daily run on the sample account: a first run (empty store), then the next day with the store kept.
const work = mkdtempSync(join(tmpdir(), 'durion-bench-'));
const run = (asOf) => {
  const out = join(work, asOf);
  const started = performance.now();
  execFileSync(
    'node',
    ['bin/durion-cost.js', 'run', '--sample', '--as-of', asOf, '--out', out, '--store', join(work, 'store')],
    { env, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const ms = performance.now() - started;
  return { ms, report: JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) };
};
const first = run('2026-11-20');
const next = run('2026-11-21');
print('run --sample, first run (empty store)', `${first.ms.toFixed(0)} ms`);
print('run --sample, next day (store kept)', `${next.ms.toFixed(0)} ms`);
print(
  'Cost Explorer requests, first run',
  `${first.report.costExplorerRequests} ($${(first.report.costExplorerRequests * 0.01).toFixed(2)})`,
);
print(
  'Cost Explorer requests, next day',
  `${next.report.costExplorerRequests} ($${(next.report.costExplorerRequests * 0.01).toFixed(2)})`,
);
rmSync(work, { recursive: true, force: true });

// 2. Each Lambda as it deploys: `sls package` (serverless-esbuild, the settings in serverless.yml), then its
// bundle's size and the time a cold Node process takes to import it.
execFileSync('npx', ['sls', 'package', '--stage', 'bench'], {
  env: { ...env, SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const bundles = mkdtempSync(join(tmpdir(), 'durion-bundles-'));
for (const zip of readdirSync('.serverless').filter((f) => f.endsWith('.zip'))) {
  execFileSync('unzip', ['-q', '-o', join('.serverless', zip), '-d', bundles]);
}
for (const file of readdirSync(join(bundles, 'functions')).filter((f) => f.endsWith('.mjs'))) {
  const bundle = join(bundles, 'functions', file);
  const importMs = Array.from({ length: 5 }, () =>
    Number(
      execFileSync(
        'node',
        [
          '--input-type=module',
          '-e',
          `const t=performance.now();await import(${JSON.stringify(bundle)});console.log(performance.now()-t)`,
        ],
        { env: { ...env, AWS_REGION: 'us-east-1', DURION_TABLE: 'bench', SLACK_SIGNING_SECRET: 'bench' } },
      ).toString(),
    ),
  );
  const name = file.replace(/\.mjs$/, '');
  print(`functions/${name}: bundle size`, `${(statSync(bundle).size / 1e6).toFixed(2)} MB`);
  print(`functions/${name}: cold import (median of 5)`, `${median(importMs).toFixed(0)} ms`);
}
rmSync(bundles, { recursive: true, force: true });

// 3. The areas' own benches (analyzer, anomaly detector, Slack latency).
if (existsSync('bench/index.ts')) {
  // Bundled beside the bench sources, so their data files resolve from import.meta.url as they do in tests.
  await build({
    entryPoints: ['bench/index.ts'],
    outfile: 'bench/.bench.mjs',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  const { benches } = await import(new URL('../bench/.bench.mjs', import.meta.url).href);
  for (const [area, bench] of Object.entries(benches)) {
    const figures = await bench();
    for (const [key, value] of Object.entries(figures)) print(`${area}: ${key}`, value);
  }
}
