// Bundles the CLI (and the bench) for Node: dependencies stay external, they are installed beside it.
import { build } from 'esbuild';

const entries = process.argv.slice(2);
await build({
  entryPoints: entries.length ? entries : ['src/cli.ts'],
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
