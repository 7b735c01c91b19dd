import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/** No function in src runs past this many lines (issue 10): a longer one is a list of steps waiting to be named. */
const MAX_LINES = 80;

const ROOT = join(import.meta.dirname, '..');
const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : p.endsWith('.ts') ? [p] : [];
  });

const isFunction = (node: ts.Node): node is ts.FunctionLikeDeclaration =>
  ts.isFunctionDeclaration(node) ||
  ts.isMethodDeclaration(node) ||
  ts.isArrowFunction(node) ||
  ts.isFunctionExpression(node) ||
  ts.isConstructorDeclaration(node) ||
  ts.isGetAccessorDeclaration(node) ||
  ts.isSetAccessorDeclaration(node);

const nameOf = (node: ts.FunctionLikeDeclaration): string => {
  if (node.name && ts.isIdentifier(node.name)) return node.name.text;
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (ts.isPropertyAssignment(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  return '(anonymous)';
};

/** Every function of a source text longer than `max` lines, as `file:line name (n lines)`. */
const longFunctions = (file: string, text: string, max: number): string[] => {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (isFunction(node) && node.body) {
      const first = source.getLineAndCharacterOfPosition(node.body.getStart(source)).line;
      const last = source.getLineAndCharacterOfPosition(node.body.getEnd()).line;
      const lines = last - first + 1;
      if (lines > max) found.push(`${file}:${first + 1} ${nameOf(node)} (${lines} lines)`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
};

describe('function length', () => {
  it('finds a function longer than the limit, and not one at it', () => {
    const body = (n: number) => `{\n${'  x++;\n'.repeat(n - 2)}}`;
    expect(longFunctions('a.ts', `function ok() ${body(MAX_LINES)}`, MAX_LINES)).toEqual([]);
    expect(longFunctions('a.ts', `const long = () => ${body(MAX_LINES + 1)};`, MAX_LINES)).toEqual([
      `a.ts:1 long (${MAX_LINES + 1} lines)`,
    ]);
  });

  it(`no function in src is over ${MAX_LINES} lines`, () => {
    const found = filesUnder(join(ROOT, 'src')).flatMap((f) =>
      longFunctions(relative(ROOT, f), readFileSync(f, 'utf8'), MAX_LINES),
    );
    expect(found).toEqual([]);
  });
});
