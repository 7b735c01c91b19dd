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

// 2. Each Lambda bundled as serverless-esbuild does (minified ESM for node20), its size and cold import time.
const bundles = mkdtempSync(join(tmpdir(), 'durion-bundles-'));
for (const file of readdirSync('functions').filter((f) => f.endsWith('.ts'))) {
  const name = file.replace(/\.ts$/, '');
  const outfile = join(bundles, `${name}.mjs`);
  await build({
    entryPoints: [join('functions', file)],
    outfile,
    bundle: true,
    minify: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['dynalite'],
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    logLevel: 'error',
  });
  const imports = Array.from({ length: 5 }, () =>
    Number(
      execFileSync(
        'node',
        [
          '-e',
          `const t=performance.now();await import(${JSON.stringify(outfile)});console.log(performance.now()-t)`,
          '--input-type=module',
        ],
        {
          env: { ...env, AWS_REGION: 'us-east-1', DURION_TABLE: 'bench', SLACK_SIGNING_SECRET: 'bench' },
        },
      ).toString(),
    ),
  );
  print(`functions/${name}: bundle size`, `${(statSync(outfile).size / 1024).toFixed(0)} KiB`);
  print(`functions/${name}: cold import (median of 5)`, `${median(imports).toFixed(0)} ms`);
}
rmSync(bundles, { recursive: true, force: true });

// 3. The areas' own benches (analyzer, anomaly detector, Slack latency).
if (existsSync('bench/index.ts')) {
  execFileSync('node', ['scripts/build.mjs', 'bench/index.ts'], { stdio: 'inherit' });
  const { benches } = await import(new URL('../dist/index.js', import.meta.url).href);
  for (const [area, bench] of Object.entries(benches)) {
    const figures = await bench();
    for (const [key, value] of Object.entries(figures)) print(`${area}: ${key}`, value);
  }
}
