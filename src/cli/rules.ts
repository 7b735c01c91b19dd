/** `durion-cost rules [--json]`: the catalog as a table, or its metadata as JSON. */

import { RULES } from '../analyze/rules';
import { SAVINGS_METHODS } from '../domain/finding';

/** The catalog: a table for people, or JSON metadata (parameters with defaults, IAM actions, savings method). */
export function rulesCommand(json: boolean): string {
  if (json) {
    return JSON.stringify(
      RULES.map(({ evaluate: _evaluate, ...meta }) => ({
        ...meta,
        savingsMethodLabel: SAVINGS_METHODS[meta.savingsMethod],
      })),
      null,
      2,
    );
  }
  const rows = RULES.map((r) => [
    r.id,
    r.strategy,
    r.severity,
    r.effort,
    r.savingsMethod,
    r.wellArchitected.split(' ')[0] ?? '',
    r.title,
  ]);
  const head = ['RULE', 'STRATEGY', 'SEVERITY', 'EFFORT', 'SAVINGS', 'WELL-ARCH.', 'PROBLEM'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const fmt = (row: string[]) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const edition = RULES[0]?.wellArchitected.match(/\((.+)\)/)?.[1] ?? '';
  return [
    fmt(head),
    ...rows.map(fmt),
    '',
    `${RULES.length} rules. Well-Architected: cost pillar best practices, framework edition ${edition}. ` +
      'Parameters, IAM actions and more: durion-cost rules --json. Override thresholds with DURION_RULE_PARAMS.',
  ].join('\n');
}
