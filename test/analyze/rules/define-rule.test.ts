import { describe, expect, it } from 'vitest';
import {
  byAccount,
  defineRule,
  perList,
  type RuleDefinition,
  SERVICES,
  wa,
} from '../../../src/analyze/rules/define-rule';

const good: RuleDefinition<{ minAgeDays: number }> = {
  id: 'sample-good-rule',
  title: 'A rule whose metadata is valid',
  service: SERVICES.ec2,
  strategy: 'unused-resources',
  wellArchitected: wa('COST04-BP03'),
  severity: 'low',
  effort: 'low',
  restartNeeded: false,
  action: 'delete',
  params: { minAgeDays: { default: 7, description: 'days before it counts' } },
  iamActions: ['ec2:DescribeVolumes'],
  savingsMethod: 'none',
  confidence: 'low',
  check: () => [],
};

const bad = (patch: Record<string, unknown>) => () =>
  defineRule({ ...good, ...patch } as unknown as RuleDefinition<{ minAgeDays: number }>);

describe('defineRule validates metadata when the rule loads', () => {
  it('accepts a valid definition', () => {
    expect(defineRule(good).id).toBe('sample-good-rule');
  });

  it('rejects a bad definition, naming the rule and the field', () => {
    expect(bad({ severity: 'urgent' })).toThrow(/^rule sample-good-rule has invalid metadata: severity: /);
    expect(bad({ title: '' })).toThrow(/rule sample-good-rule .*title: must not be empty/);
    expect(bad({ strategy: 'cheaper' })).toThrow(/strategy/);
    expect(bad({ savingsMethod: 'guess' })).toThrow(/savingsMethod/);
    expect(bad({ iamActions: ['DescribeVolumes'] })).toThrow(/iamActions\.0: must be shaped service:Action/);
    expect(bad({ params: { minAgeDays: { description: 'no default' } } })).toThrow(/params\.minAgeDays\.default/);
    expect(bad({ id: 'Not_Kebab' })).toThrow(/rule Not_Kebab .*id: must be a kebab-case id/);
  });
});

describe('lookups the rules share', () => {
  const at = (accountId: string, id: string, region = 'us-east-1') => ({ accountId, region, id, tags: {} });

  it('finds items by account, then id, the last listed winning a repeated id', () => {
    const first = at('111111111111', 'i-1');
    const again = at('111111111111', 'i-1', 'eu-west-1');
    const other = at('222222222222', 'i-1');
    const index = byAccount([first, other, again]);
    expect(index.get('111111111111')?.get('i-1')).toBe(again);
    expect(index.get('222222222222')?.get('i-1')).toBe(other);
    expect(index.get('333333333333')).toBeUndefined();
  });

  it('derives once per list and derivation, so every rule asking shares the result', () => {
    const list = [at('111111111111', 'i-1')];
    let runs = 0;
    const ids = (l: typeof list) => {
      runs++;
      return new Set(l.map((i) => i.id));
    };
    expect(perList(list, ids)).toBe(perList(list, ids));
    expect(runs).toBe(1);
    expect(byAccount(list)).toBe(byAccount(list));
    expect(perList([...list], ids)).not.toBe(perList(list, ids));
    expect(runs).toBe(2);
  });
});
