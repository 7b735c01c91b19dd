#!/usr/bin/env node
// The CLI is bundled to dist/ by `npm install` (the prepare script) or `npm run build`.
import { existsSync } from 'node:fs';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const entry = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('durion-cost: dist/cli.js is missing; run `npm run build` (npm install does it too)\n');
  process.exit(1);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
