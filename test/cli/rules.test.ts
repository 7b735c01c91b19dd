import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/analyze/rules';
import { rulesCommand } from '../../src/cli/rules';

describe('rulesCommand', () => {
  it('gives the metadata of 30 or more rules as JSON', () => {
    const rules = JSON.parse(rulesCommand(true)) as Record<string, unknown>[];
    expect(rules.length).toBeGreaterThanOrEqual(30);
    for (const r of rules) {
      for (const key of [
        'id',
        'title',
        'strategy',
        'wellArchitected',
        'severity',
        'params',
        'iamActions',
        'savingsMethod',
      ]) {
        expect(r, `${r.id} ${key}`).toHaveProperty(key);
      }
      expect(r).not.toHaveProperty('evaluate');
    }
  });

  it('prints one table row per rule', () => {
    const lines = rulesCommand(false).split('\n');
    for (const r of RULES) expect(lines.some((l) => l.startsWith(`${r.id} `) && l.endsWith(r.title))).toBe(true);
    expect(lines.at(-1)).toContain(`${RULES.length} rules`);
  });
});
