// CI, after `sls package`: no Lambda bundle may carry the sample estate (fixtures/sample), which only the CLI
// imports. Unzips each .serverless/*.zip (or the zips of the folder given as argument), prints its size and exits 1
// naming every bundle that holds a string only fixtures/sample has.
//
// The bundles are minified (serverless.yml, custom.esbuild.minify), so identifiers and esbuild's path comments are
// gone; string literals survive. So the markers are literals, one or more from each fixtures/sample file that has
// any, plus the path comment for an unminified build. Each marker is first checked to still be in its fixtures file
// and in no file of src/ or functions/, so a renamed fixture or a marker that src/ also says fails loudly here
// instead of making the check pass or fail for the wrong reason.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const SAMPLE = 'fixtures/sample';

/** Literal text only fixtures/sample has, by the file that has it. */
const MARKERS = [
  { file: 'estate.ts', text: 'durion-production' },
  { file: 'estate.ts', text: 'durion-development' },
  { file: 'index.ts', text: 'AROAEXAMPLESAMPLEUSER' },
  { file: 'commitments.ts', text: 'sample-sp-recommendation' },
  { file: 'inventory-estate.ts', text: 'ami-0e7a5c0de0000a001' },
  { file: 'inventory.ts', text: 'vpc-0b1e5c0b1e5c00001' },
  { file: 'optimizer.ts', text: 'No database connections during the lookback period.' },
  { file: 'anomalies.ts', text: 'DateInterval.StartDate is required' },
  { file: 'spend.ts', text: 'The pagination token is invalid.' },
];
/** esbuild's `// fixtures/sample/x.ts` comment above each module when the bundle is not minified. */
const PATH_MARKER = `${SAMPLE}/`;

const filesUnder = (dir) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));

const stale = [];
for (const { file, text } of MARKERS) {
  const path = join(root, SAMPLE, file);
  if (!existsSync(path) || !readFileSync(path, 'utf8').includes(text))
    stale.push(`"${text}" is not in ${SAMPLE}/${file}`);
}
for (const dir of ['src', 'functions']) {
  for (const path of filesUnder(join(root, dir))) {
    const source = readFileSync(path, 'utf8');
    for (const { text } of MARKERS) {
      if (source.includes(text)) stale.push(`"${text}" is also in ${relative(root, path)}`);
    }
  }
}
if (stale.length > 0) {
  console.error(`check-bundles: the markers need updating (scripts/check-bundles.mjs):\n  ${stale.join('\n  ')}`);
  process.exit(2);
}

const zipsDir = process.argv[2] ?? join(root, '.serverless');
const zips = existsSync(zipsDir) ? readdirSync(zipsDir).filter((f) => f.endsWith('.zip')) : [];
if (zips.length === 0) {
  console.error(`check-bundles: no .zip in ${zipsDir}; run \`npx sls package\` first`);
  process.exit(2);
}

const mb = (bytes) => `${(bytes / 1e6).toFixed(2)} MB`;
const failed = [];
for (const zip of zips.sort()) {
  const dir = mkdtempSync(join(tmpdir(), 'durion-check-bundle-'));
  try {
    execFileSync('unzip', ['-q', '-o', join(zipsDir, zip), '-d', dir]);
    const files = filesUnder(dir);
    let unpacked = 0;
    const found = [];
    for (const path of files) {
      unpacked += statSync(path).size;
      const content = readFileSync(path, 'latin1');
      const hits = [...MARKERS.map((m) => m.text), PATH_MARKER].filter((text) => content.includes(text));
      if (hits.length > 0) found.push(`${relative(dir, path)}: ${hits.map((h) => JSON.stringify(h)).join(', ')}`);
    }
    const verdict = found.length > 0 ? 'HOLDS THE SAMPLE ESTATE' : 'ok';
    console.log(
      `${zip.padEnd(16)} zip ${mb(statSync(join(zipsDir, zip)).size)}, unpacked ${mb(unpacked)} in ${files.length} file(s): ${verdict}`,
    );
    for (const line of found) console.log(`  ${line}`);
    if (found.length > 0) failed.push(zip);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
if (failed.length > 0) {
  console.error(`check-bundles: the sample estate (${SAMPLE}) is in ${failed.join(', ')}; only src/cli may import it`);
  process.exit(1);
}
