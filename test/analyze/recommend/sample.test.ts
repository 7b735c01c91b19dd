import { describe, expect, it } from 'vitest';
import { SAMPLE_OPTIMIZER_IDS } from '../../../fixtures/sample/optimizer';
import { analyzeOptimization } from '../../../src/analyze/recommend';
import { collectOptimization } from '../../../src/collect/optimization';
import type { Inventory } from '../../../src/collect/types';
import { loadConfig } from '../../../src/config';
import { sampleOrganization } from '../../helpers/sample-aws';

const asOf = '2026-11-20';

async function sampleRun(previous?: NonNullable<Inventory['optimization']>['commitments'], day = asOf) {
  const { aws, notes, optimizer } = await sampleOrganization(day);
  const optimization = await collectOptimization(aws, loadConfig({}), notes, {
    asOf: day,
    regions: ['us-east-1', 'eu-west-1'],
    optimizer,
    previousCommitments: previous,
    accountId: '111111111111',
  });
  const inventory: Inventory = { asOf: day, sample: true, notes, optimization };
  const analysis = analyzeOptimization(inventory, [], { accountId: '111111111111', homeRegion: 'us-east-1' });
  return { aws, notes, optimization, analysis };
}

describe('the sample account through the optimizer', () => {
  it('yields findings from all seven Compute Optimizer kinds, the Hub and commitments, each resource once per action', async () => {
    const { analysis, notes } = await sampleRun();
    const rules = new Set(analysis.drafts.map((d) => d.ruleId));
    for (const kind of [
      'ec2-instance',
      'auto-scaling-group',
      'ebs-volume',
      'lambda-function',
      'ecs-service',
      'rds-instance',
      'idle',
    ]) {
      expect(rules.has(`compute-optimizer:${kind}`), kind).toBe(true);
    }
    expect(analysis.drafts.some((d) => d.sources?.includes('cost-optimization-hub'))).toBe(true);
    expect(analysis.drafts.some((d) => d.source === 'commitments')).toBe(true);
    const keys = analysis.drafts.map((d) => `${d.accountId}|${d.region}|${d.resourceId}|${d.action}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(notes.filter((n) => n.kind === 'error')).toEqual([]);
  });

  it('flags the Compute Savings Plan-covered instance, which still saves: the plan moves to on-demand elsewhere', async () => {
    const { analysis } = await sampleRun();
    const covered = analysis.drafts.find((d) => d.resourceId === SAMPLE_OPTIMIZER_IDS.coveredInstance);
    expect(covered?.monthlySavingsUsd).toBe(70.08);
    expect(covered?.reason).toMatch(/Commitment-covered: 100% of m5 spend on a Compute Savings Plan/);
    expect(covered?.reason).toMatch(/tied to no family or region/);
    expect(covered?.evidence.commitment).toMatchObject({ covered: true, beforeCommitmentUsd: 70.08, movedUsd: 70.08 });
  });

  it('merges Compute Optimizer and the Hub on the same instance, keeping the after-discount figure', async () => {
    const { analysis } = await sampleRun();
    const merged = analysis.drafts.filter((d) => d.resourceId === SAMPLE_OPTIMIZER_IDS.oversizedInstance);
    expect(merged).toHaveLength(1);
    expect(merged[0]?.sources).toEqual(['compute-optimizer', 'cost-optimization-hub']);
    expect(merged[0]?.monthlySavingsUsd).toBe(105.49);
    expect(Object.keys(merged[0]?.evidence ?? {})).toEqual(
      expect.arrayContaining(['compute-optimizer', 'cost-optimization-hub']),
    );
  });

  it('reports the expiring reservation, and raises no alert for a dip that has recovered', async () => {
    const { analysis } = await sampleRun();
    // The sample's one-day dip was five days ago and has recovered: no alert today.
    expect(analysis.alerts).toEqual([]);
    const expiring = analysis.drafts.find((d) => d.ruleId === 'commitments:reservation-expiring');
    expect(expiring?.status).toBe('alarm');
    expect(expiring?.reason).toMatch(/in 21 days/);
  });

  it('reads weekly items once and spends only the daily utilization requests on the next day', async () => {
    const first = await sampleRun();
    const second = await sampleRun(first.optimization.commitments, '2026-11-21');
    expect(second.aws.calls.forService('ce')).toBe(2);
    expect(second.optimization.commitments.spCoverage).toEqual(first.optimization.commitments.spCoverage);
  });
});
