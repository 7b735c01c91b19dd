import { describe, expect, it } from 'vitest';
import { SAMPLE_OPTIMIZER_IDS } from '../../../fixtures/sample/optimizer';
import { analyzeOptimization } from '../../../src/analyze/recommend';
import { evaluateRules } from '../../../src/analyze/rules';
import { collectOptimization } from '../../../src/collect/optimization';
import type { Inventory } from '../../../src/collect/types';
import { loadConfig } from '../../../src/config';
import { sampleOrganization } from '../../helpers/sample-aws';

const asOf = '2026-11-20';

/** The sample account as the daily run sees it: the rule catalog's drafts beside AWS's own recommendations. */
async function analyzed() {
  const config = loadConfig({});
  const { aws, notes, resources, optimizer } = await sampleOrganization(asOf);
  const optimization = await collectOptimization(aws, config, notes, {
    asOf,
    regions: resources.regions,
    accountId: '111111111111',
    optimizer,
  });
  const inventory: Inventory = { asOf, sample: true, notes, resources, optimization };
  const rules = evaluateRules(inventory, config).filter((d) => d.status !== 'ok');
  return {
    rules,
    analysis: analyzeOptimization(inventory, rules, { accountId: '111111111111', homeRegion: 'us-east-1' }),
  };
}

describe('optimizer with the rule catalog on the sample account', () => {
  it('merges a rule, Compute Optimizer and the Hub proposing the same rightsizing into one finding', async () => {
    const { analysis } = await analyzed();
    const found = analysis.drafts.filter(
      (d) => d.resourceId === SAMPLE_OPTIMIZER_IDS.oversizedInstance && d.action === 'rightsize',
    );
    expect(found).toHaveLength(1);
    expect(found[0]?.sources).toEqual(expect.arrayContaining(['rule', 'compute-optimizer', 'cost-optimization-hub']));
    expect(found[0]?.monthlySavingsUsd).toBe(105.49);
    expect(found[0]?.owner).toBe('bob');
  });

  it('never reports one resource twice for the same action', async () => {
    const { analysis } = await analyzed();
    const keys = analysis.drafts.map((d) => `${d.accountId}|${d.region}|${d.resourceId}|${d.action ?? d.ruleId}`);
    expect(keys.length - new Set(keys).size).toBe(0);
  });

  it('drops the recommendation for an instance the inventory no longer has, with a note', async () => {
    const { analysis } = await analyzed();
    expect(analysis.drafts.some((d) => d.resourceId === SAMPLE_OPTIMIZER_IDS.terminatedInstance)).toBe(false);
    expect(analysis.notes.map((n) => n.message)).toContainEqual(
      expect.stringMatching(new RegExp(`${SAMPLE_OPTIMIZER_IDS.terminatedInstance} no longer exists`)),
    );
  });

  it('makes the rule finding on the Savings Plan-covered instance commitment-aware too', async () => {
    const { rules, analysis } = await analyzed();
    const ruled = rules.filter((d) => d.resourceId === SAMPLE_OPTIMIZER_IDS.coveredInstance && d.monthlySavingsUsd > 0);
    const after = analysis.drafts.filter((d) => d.resourceId === SAMPLE_OPTIMIZER_IDS.coveredInstance);
    expect(ruled.length).toBeGreaterThan(0);
    const sizing = after.filter((x) => x.action === 'rightsize' || x.action === 'modernize');
    expect(sizing.length).toBeGreaterThan(0);
    for (const d of sizing) {
      // The sample's plan is a Compute Savings Plan: what it stops paying for here it pays for elsewhere.
      expect(d.monthlySavingsUsd).toBeGreaterThan(0);
      expect(d.reason).toMatch(/Commitment-covered: .*Compute Savings Plan/);
    }
  });
});
