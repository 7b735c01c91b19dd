import { describe, expect, it } from 'vitest';
import { defineRule, type RuleDefinition, SERVICES, wa } from '../../../src/analyze/rules/define-rule';

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
