// npm run bench: prints figures (never asserted by tests). Speed and memory of the daily run, Cost Explorer
// requests per run, each Lambda's bundle size and cold import time, the Slack function's whole cold path, then the
// benches of each area (bench/index.ts).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { coldSlack } from './cold-path.mjs';

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

// 2. Each Lambda as it deploys: `sls package` (serverless-esbuild, the settings in serverless.yml), then its
// bundle's size and the time a cold Node process takes to import it. BENCH_BASELINE_DIR, a folder of zips packaged
// from another tree (e.g. before a change), prints that tree's figures beside them; the cold imports of both are
// interleaved so the machine's load weighs on both alike.
execFileSync('npx', ['sls', 'package', '--stage', 'bench'], {
  env: { ...env, SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
/** The zips of a folder, unpacked into one temporary folder: functions/<name>.mjs for each Lambda. */
const unpack = (zipsDir) => {
  const dir = mkdtempSync(join(tmpdir(), 'durion-bundles-'));
  for (const zip of readdirSync(zipsDir).filter((f) => f.endsWith('.zip'))) {
    execFileSync('unzip', ['-q', '-o', join(zipsDir, zip), '-d', dir]);
  }
  return dir;
};
const coldImport = (bundle) =>
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
  );
const bundleFiles = (dir) =>
  existsSync(join(dir, 'functions')) ? readdirSync(join(dir, 'functions')).filter((f) => f.endsWith('.mjs')) : [];
const baselineZips = process.env.BENCH_BASELINE_DIR;
const trees = [{ label: '', dir: unpack('.serverless') }];
if (baselineZips) trees.push({ label: 'baseline', dir: unpack(baselineZips) });
const mb = (bytes) => `${(bytes / 1e6).toFixed(2)} MB`;
/** The current tree's figure, then each other tree's in parentheses. */
const beside = (values) => values.map((v, i) => (i === 0 ? v : `(${trees[i].label} ${v})`)).join(' ');
for (const file of [...new Set(trees.flatMap((t) => bundleFiles(t.dir)))].sort()) {
  const bundles = trees.map((t) => join(t.dir, 'functions', file)).map((b) => (existsSync(b) ? b : undefined));
  const times = bundles.map(() => []);
  for (let run = 0; run < 5; run++) {
    for (const [i, bundle] of bundles.entries()) if (bundle) times[i].push(coldImport(bundle));
  }
  const name = file.replace(/\.mjs$/, '');
  print(`functions/${name}: bundle size`, beside(bundles.map((b) => (b ? mb(statSync(b).size) : 'absent'))));
  print(
    `functions/${name}: cold import (median of 5)`,
    beside(times.map((t) => (t.length ? `${median(t).toFixed(0)} ms` : 'absent'))),
  );
}
// The Slack function as Lambda runs it cold (scripts/cold-path.mjs), against the store the sample runs above filled;
// the trees' runs interleaved, as above.
{
  const bundles = trees.map((t) => join(t.dir, 'functions', 'slack.mjs')).filter((b) => existsSync(b));
  const runs = bundles.map(() => []);
  for (let run = 0; run < 5; run++) {
    for (const [i, bundle] of bundles.entries())
      runs[i].push(...(await coldSlack(bundle, join(work, 'store'), 1, env)));
  }
  const figure = (key) => beside(runs.map((r) => `${median(r.map((x) => x[key])).toFixed(0)} ms`));
  print('functions/slack cold: import (median of 5)', figure('importMs'));
  print('functions/slack cold: secrets+store+answer', figure('answerMs'));
  print('functions/slack cold: whole process', figure('wallMs'));
}
for (const tree of trees) rmSync(tree.dir, { recursive: true, force: true });
rmSync(work, { recursive: true, force: true });

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

// 4. The test suite: its wall time and its ten slowest tests (vitest's JSON report). On this shared 2-core machine
// the figures move with its load: compare them within one run, not across days.
{
  const report = join(mkdtempSync(join(tmpdir(), 'durion-tests-')), 'report.json');
  const started = performance.now();
  execFileSync('npx', ['vitest', 'run', '--reporter=json', `--outputFile=${report}`], {
    env: process.env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  print('vitest run: wall time', `${((performance.now() - started) / 1000).toFixed(1)} s`);
  const tests = JSON.parse(readFileSync(report, 'utf8')).testResults.flatMap((file) =>
    file.assertionResults.map((t) => ({
      file: file.name.replace(`${process.cwd()}/`, ''),
      title: t.title,
      ms: t.duration ?? 0,
    })),
  );
  for (const t of tests.sort((a, b) => b.ms - a.ms).slice(0, 10)) {
    print(`slow test ${(t.ms / 1000).toFixed(2)} s`, `${t.file}: ${t.title.slice(0, 90)}`);
  }
}
