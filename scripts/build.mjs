// Bundles the CLI (and the bench) for Node: dependencies stay external, they are installed beside it.
import { build } from 'esbuild';

const entries = process.argv.slice(2);
await build({
  entryPoints: entries.length ? entries : ['src/cli/main.ts'],
  outdir: 'dist',
  entryNames: entries.length ? '[name]' : 'cli',
  // The CLI's commands import what they need when they run: split there, so each loads only its own.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
