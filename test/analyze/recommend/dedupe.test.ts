import { describe, expect, it } from 'vitest';
import { dedupe, trustRank } from '../../../src/analyze/recommend/dedupe';
import { rightsizeDraft as draft } from '../../ledger/helpers';

const rule = draft({ owner: 'payments' });
const optimizerAfter = draft({
  source: 'compute-optimizer',
  ruleId: 'compute-optimizer:ec2-instance',
  monthlySavingsUsd: 98.5,
  savingsMethod: 'compute-optimizer',
  severity: 'medium',
  evidence: { 'compute-optimizer': { afterDiscounts: true } },
});
const optimizerBefore = draft({
  source: 'compute-optimizer',
  ruleId: 'compute-optimizer:ec2-instance',
  monthlySavingsUsd: 150,
  savingsMethod: 'compute-optimizer',
  evidence: { 'compute-optimizer': { afterDiscounts: false } },
});
const hub = draft({
  source: 'cost-optimization-hub',
  ruleId: 'cost-optimization-hub:rightsize',
  monthlySavingsUsd: 101,
  savingsMethod: 'cost-optimization-hub',
  evidence: { 'cost-optimization-hub': { recommendationId: 'r1' } },
});
const costExplorer = draft({
  source: 'cost-explorer',
  ruleId: 'cost-explorer:ec2-modify',
  monthlySavingsUsd: 120,
  savingsMethod: 'cost-explorer-recommendation',
  evidence: { 'cost-explorer': { coveredHours: { reserved: 0, savingsPlans: 0, total: 336 } } },
});

describe('dedupe', () => {
  it('makes one finding of four sources proposing the same action, keeping every source evidence', () => {
    const [merged, ...rest] = dedupe([rule, costExplorer, hub, optimizerAfter]);
    expect(rest).toEqual([]);
    expect(merged?.sources).toEqual(['compute-optimizer', 'cost-optimization-hub', 'cost-explorer', 'rule']);
    expect(Object.keys(merged?.evidence ?? {}).sort()).toEqual(
      ['compute-optimizer', 'cost-explorer', 'cost-optimization-hub', 'rule:ec2-low-utilization'].sort(),
    );
    expect(merged?.evidence['rule:ec2-low-utilization']).toEqual({ cpuMax: 3.1 });
  });

  it('keeps the most trustworthy figure: Compute Optimizer after discounts, then Hub, CE, CO before discounts, price table', () => {
    expect(dedupe([rule, costExplorer, hub, optimizerAfter])[0]?.monthlySavingsUsd).toBe(98.5);
    expect(dedupe([rule, costExplorer, hub, optimizerBefore])[0]?.monthlySavingsUsd).toBe(101);
    expect(dedupe([rule, costExplorer, optimizerBefore])[0]?.monthlySavingsUsd).toBe(120);
    expect(dedupe([rule, optimizerBefore])[0]?.monthlySavingsUsd).toBe(150);
    expect([optimizerAfter, hub, costExplorer, optimizerBefore, rule].map(trustRank)).toEqual([1, 2, 3, 4, 5]);
  });

  it('never lets a draft with no figure win over one with a figure', () => {
    const unpriced = draft({
      source: 'cost-optimization-hub',
      savingsMethod: 'none',
      monthlySavingsUsd: 0,
      evidence: {},
    });
    expect(dedupe([unpriced, rule])[0]?.monthlySavingsUsd).toBe(140.16);
  });

  it('keeps the owner, the highest severity and names the other sources in the reason', () => {
    const [merged] = dedupe([rule, optimizerAfter]);
    expect(merged?.owner).toBe('payments');
    expect(merged?.severity).toBe('medium');
    expect(merged?.reason).toMatch(/Also proposed by rule ec2-low-utilization \$140\.16/);
    expect(merged?.confidence).toBe('high');
  });

  it('keeps different actions, accounts and resources apart', () => {
    const merged = dedupe([
      rule,
      draft({ action: 'stop' }),
      draft({ accountId: '222222222222' }),
      draft({ resourceId: 'i-other' }),
    ]);
    expect(merged).toHaveLength(4);
  });

  it('is idempotent: deduplicating merged findings again changes nothing', () => {
    const once = dedupe([rule, hub, optimizerAfter]);
    expect(dedupe(once)).toEqual(once);
  });
});
