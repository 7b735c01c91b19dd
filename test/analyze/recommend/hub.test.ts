import { describe, expect, it } from 'vitest';
import { commitmentDrafts } from '../../../src/analyze/recommend/commitments';
import { dedupe } from '../../../src/analyze/recommend/dedupe';
import { ingestHub } from '../../../src/analyze/recommend/hub';
import type { IngestContext } from '../../../src/analyze/recommend/optimizer';
import { SERVICES } from '../../../src/analyze/rules/define-rule';
import type { HubData } from '../../../src/collect/hub';
import { asOf, commitments, inventory } from './helpers';

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

describe('reservation purchases and service names', () => {
  const purchase = (type: string, recommended: string) =>
    rec({
      currentResourceType: type,
      actionType: 'PurchaseReservedInstances',
      resourceId: '222222222222',
      resourceArn: undefined,
      currentResourceSummary: 'On-Demand usage',
      recommendedResourceSummary: recommended,
      estimatedMonthlySavings: 116.8,
    });

  it("gives a Hub Reserved Instance purchase Cost Explorer's id, so the two merge into one finding counted once", () => {
    const fromHub = ingestHub(hub([purchase('Ec2ReservedInstances', '4 x m5.large, 1 year, no upfront')]), ctx).drafts;
    const fromCe = commitmentDrafts(
      commitments({
        riPurchase: {
          fetchedOn: asOf,
          value: [
            {
              kind: 'reserved-instance',
              what: '4 x m5.large (EU (Ireland))',
              accountId: '222222222222',
              instanceType: 'm5.large',
              region: 'EU (Ireland)',
              term: 'ONE_YEAR',
              paymentOption: 'NO_UPFRONT',
              monthlySavingsUsd: 116.8,
              breakEvenMonths: 0,
              expectedUtilizationPct: 100,
            },
          ],
        },
      }),
      inventory(),
      ctx,
    ).drafts.filter((d) => d.ruleId === 'commitments:reserved-instance-purchase');

    const merged = dedupe([...fromCe, ...fromHub]);

    expect(fromHub[0]).toMatchObject({ resourceId: 'reserved-instance:m5.large', service: SERVICES.ec2 });
    expect(merged).toHaveLength(1);
    expect(merged[0]).toMatchObject({ monthlySavingsUsd: 116.8, sources: ['cost-optimization-hub', 'commitments'] });
  });

  it.each([
    ['RdsReservedInstances', 'db.r6g.large', 'Amazon Relational Database Service', 'reserved-instance:db.r6g.large'],
    ['ElastiCacheReservedInstances', 'cache.m6g.large', 'Amazon ElastiCache', 'reserved-instance:cache.m6g.large'],
    [
      'OpenSearchReservedInstances',
      'r6g.large.search',
      'Amazon OpenSearch Service',
      'reserved-instance:r6g.large.search',
    ],
    ['RedshiftReservedInstances', 'ra3.xlplus', 'Amazon Redshift', 'reserved-instance:ra3.xlplus'],
    ['MemoryDbReservedInstances', 'db.r6g.large', 'Amazon MemoryDB', 'reserved-instance:db.r6g.large'],
    ['DynamoDbReservedCapacity', '100 WCU', 'Amazon DynamoDB', 'reserved-instance:dynamodbreservedcapacity'],
  ])('maps %s to its service and one purchase id', (type, recommended, service, id) => {
    expect(ingestHub(hub([purchase(type, recommended)]), ctx).drafts[0]).toMatchObject({ service, resourceId: id });
  });

  it.each([
    ['DocumentDBCluster', 'Amazon DocumentDB (with MongoDB compatibility)'],
    ['MemoryDBCluster', 'Amazon MemoryDB'],
    ['SageMakerEndpoint', 'Amazon SageMaker'],
    ['WorkSpaces', 'Amazon WorkSpaces'],
  ])('names the service of an idle %s', (type, service) => {
    expect(ingestHub(hub([rec({ currentResourceType: type, actionType: 'Delete' })]), ctx).drafts[0]?.service).toBe(
      service,
    );
  });
});
