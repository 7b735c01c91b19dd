import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Imports run one way, bottom to top (DESIGN.md, README's architecture): a file may import its own layer's files
 * and the layers below, never one above, and two layers on one floor never import each other.
 */
const LAYERS: string[][] = [
  ['src/domain'],
  ['src/config.ts', 'src/aws', 'src/pricing'],
  ['src/collect'],
  ['src/analyze'],
  ['src/ledger'],
  ['src/notify'],
  ['src/slack'],
  ['src/jobs'],
  ['src/cli', 'functions'],
];

const ROOT = join(import.meta.dirname, '..');
const filesUnder = (dir: string): string[] =>
  readdirSync(join(ROOT, dir)).flatMap((f) => {
    const p = join(dir, f);
    return statSync(join(ROOT, p)).isDirectory() ? filesUnder(p) : p.endsWith('.ts') ? [p] : [];
  });

const partOf = (file: string): { floor: number; part: string } | undefined => {
  for (const [floor, parts] of LAYERS.entries()) {
    const part = parts.find((p) => file === p || file.startsWith(`${p}/`));
    if (part) return { floor, part };
  }
  return undefined;
};

/** Every relative import of a file, resolved to a path from the root (type-only imports included). */
const importsOf = (file: string): string[] =>
  [...readFileSync(join(ROOT, file), 'utf8').matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)'/g)].map((m) =>
    relative(ROOT, normalize(join(ROOT, dirname(file), m[1] ?? ''))),
  );

describe('layers', () => {
  const files = [...filesUnder('src'), ...filesUnder('functions')];

  it('places every source file on a floor', () => {
    expect(files.filter((f) => !partOf(f) && !f.startsWith('src/types/'))).toEqual([]);
  });

  it('has no import from a lower floor to a higher one, nor across one floor', () => {
    const breaches = files.flatMap((file) => {
      const from = partOf(file);
      if (!from) return [];
      return importsOf(file).flatMap((target) => {
        const to = partOf(target) ?? partOf(`${target}.ts`);
        // Only the CLI builds the sample account: no Lambda bundle may reach the sample estate.
        if (target.startsWith('fixtures/'))
          return file.startsWith('src/cli/') ? [] : [`${file} -> ${target} (the sample estate is for the CLI only)`];
        if (!to || to.part === from.part) return [];
        return to.floor < from.floor ? [] : [`${file} -> ${target}`];
      });
    });
    expect(breaches).toEqual([]);
  });
});
