import { describe, expect, it } from 'vitest';
import { ingestHub } from '../../../src/analyze/recommend/hub';
import type { IngestContext } from '../../../src/analyze/recommend/optimizer';
import type { HubData } from '../../../src/collect/hub';

const ctx: IngestContext = {
  ownerTags: ['owner'],
  exists: () => undefined,
  accountId: '111111111111',
  homeRegion: 'us-east-1',
};
const rec = (over: Record<string, unknown>) => ({
  recommendationId: 'r1',
  accountId: '222222222222',
  region: 'eu-west-1',
  resourceId: 'i-0abc',
  resourceArn: 'arn:aws:ec2:eu-west-1:222222222222:instance/i-0abc',
  currentResourceType: 'Ec2Instance',
  actionType: 'Rightsize',
  estimatedMonthlySavings: 42.5,
  implementationEffort: 'VeryLow',
  restartNeeded: true,
  rollbackPossible: true,
  currentResourceSummary: 'm5.xlarge',
  recommendedResourceSummary: 'm5.large',
  recommendationLookbackPeriodInDays: 14,
  tags: [{ key: 'Owner', value: 'data-team' }],
  ...over,
});
const hub = (items: Record<string, unknown>[], mode?: string): HubData => ({
  enrollment: 'enrolled',
  recommendations: items as HubData['recommendations'],
  ...(mode ? { savingsEstimationMode: mode } : {}),
});

describe('ingestHub', () => {
  it('carries effort, restart needed and rollback possible, and says the figure is after discounts', () => {
    const { drafts } = ingestHub(hub([rec({})]), ctx);
    expect(drafts[0]).toMatchObject({
      source: 'cost-optimization-hub',
      action: 'rightsize',
      accountId: '222222222222',
      region: 'eu-west-1',
      resourceId: 'i-0abc',
      effort: 'low',
      owner: 'data-team',
      monthlySavingsUsd: 42.5,
      savingsMethod: 'cost-optimization-hub',
    });
    expect(drafts[0]?.reason).toMatch(/after discounts \(effort VeryLow, needs a restart, can be rolled back\)/);
  });

  it('says before discounts when the Hub is set to BeforeDiscounts', () => {
    const { drafts } = ingestHub(hub([rec({})], 'BeforeDiscounts'), ctx);
    expect(drafts[0]?.savingsBasis).toMatch(/before discounts/);
  });

  it.each([
    ['MigrateToGraviton', 'modernize'],
    ['Delete', 'delete'],
    ['Stop', 'stop'],
    ['ScaleIn', 'rightsize'],
    ['PURCHASE_SAVINGS_PLANS', 'purchase'],
  ])('maps the action type %s to %s', (actionType, action) => {
    expect(ingestHub(hub([rec({ actionType })]), ctx).drafts[0]?.action).toBe(action);
  });

  it('files Compute Savings Plans under the same id as the Cost Explorer purchase finding', () => {
    const { drafts } = ingestHub(
      hub([
        rec({
          actionType: 'PurchaseSavingsPlans',
          currentResourceType: 'ComputeSavingsPlans',
          resourceArn: undefined,
          resourceId: '222222222222',
        }),
      ]),
      ctx,
    );
    expect(drafts[0]).toMatchObject({ resourceId: 'savings-plan:compute', region: 'us-east-1' });
  });

  it('notes an unknown action type and a missing figure, never inventing one', () => {
    const { drafts, notes } = ingestHub(
      hub([rec({ actionType: 'Hibernate' }), rec({ estimatedMonthlySavings: undefined })]),
      ctx,
    );
    expect(notes[0]?.message).toMatch(/unknown action type "Hibernate"/);
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({ status: 'info', monthlySavingsUsd: 0, savingsMethod: 'none' });
  });
});
