/**
 * The detector's speed and memory as a user meets them: `durion-cost detect --csv` on 1,000 and 10,000 generated
 * daily series of 400 days (the synthetic bench's series, 14 MB and 148 MB of CSV), each file in a fresh process:
 * series a second (wall clock), CPU seconds and peak RSS of that process. BENCH_DETECT_BASELINE, the
 * bin/durion-cost.js of another tree (e.g. before a change, built), runs beside it, the two interleaved so that the
 * machine's load weighs on both alike. Needs the CLI built (`npm run bench` builds it first).
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { syntheticSeries } from './synthetic';

const SIZES = [1000, 10_000];
const BIN = new URL('../bin/durion-cost.js', import.meta.url).pathname;

/** A CSV of `count` series (timestamp,series,value), generated 200 at a time so the bench itself stays small. */
function writeCsv(path: string, count: number): void {
  const fd = openSync(path, 'w');
  writeSync(fd, 'timestamp,series,value\n');
  for (let batch = 0; batch < count; batch += 200) {
    for (const s of syntheticSeries(1000 + batch, Math.min(200, count - batch))) {
      const name = `${batch}-${s.name}`;
      writeSync(fd, s.values.map((v, i) => `${s.days[i]},${name},${v.toFixed(2)}\n`).join(''));
    }
  }
  closeSync(fd);
}

/**
 * One run of the CLI in a fresh process: its wall time, and its CPU time and peak RSS as the process itself
 * measures them at exit (the output goes nowhere).
 */
function run(bin: string, csv: string): { wallS: number; cpuS: number; peakMB: number } {
  const script = `
    const { main } = await import(${JSON.stringify(new URL('../dist/cli.js', `file://${bin}`).href)});
    process.stdout.write = () => true;
    await main(['detect', '--csv', ${JSON.stringify(csv)}]);
    const cpu = process.cpuUsage();
    process.stderr.write('\\n' + JSON.stringify({ cpuS: (cpu.user + cpu.system) / 1e6, peakMB: process.resourceUsage().maxRSS / 1024 }));`;
  const started = performance.now();
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  const wallS = (performance.now() - started) / 1000;
  const last = child.stderr.trim().split('\n').pop() ?? '';
  if (child.status !== 0 || !last.startsWith('{')) throw new Error(`detect failed: ${child.stderr}`);
  return { wallS, ...(JSON.parse(last) as { cpuS: number; peakMB: number }) };
}

/** Series a second, CPU seconds and peak memory for each size, with the baseline tree's beside where given. */
export async function benchDetectSpeed(): Promise<Record<string, string | number>> {
  const dir = mkdtempSync(join(tmpdir(), 'durion-detect-bench-'));
  const baseline = process.env.BENCH_DETECT_BASELINE;
  const out: Record<string, string | number> = {};
  try {
    for (const count of SIZES) {
      const csv = join(dir, `${count}.csv`);
      writeCsv(csv, count);
      const trees = [BIN, ...(baseline ? [baseline] : [])];
      const runs = trees.map((bin) => run(bin, csv));
      const shown = (f: (r: (typeof runs)[number]) => string) =>
        runs.map((r, i) => (i === 0 ? f(r) : `(baseline ${f(r)})`)).join(' ');
      out[`detect.${count}.seriesPerSecond`] = shown((r) => `${Math.round(count / r.wallS)}`);
      out[`detect.${count}.wallSeconds`] = shown((r) => r.wallS.toFixed(2));
      out[`detect.${count}.cpuSeconds`] = shown((r) => r.cpuS.toFixed(2));
      out[`detect.${count}.peakMB`] = shown((r) => r.peakMB.toFixed(0));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
