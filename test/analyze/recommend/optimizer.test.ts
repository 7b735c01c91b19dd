import { describe, expect, it } from 'vitest';
import { type IngestContext, ingestComputeOptimizer, savingOf } from '../../../src/analyze/recommend/optimizer';
import { emptyOptimizerData, type OptimizerData } from '../../../src/collect/optimizer';

const ctx = (exists: IngestContext['exists'] = () => undefined): IngestContext => ({
  ownerTags: ['owner', 'team'],
  exists,
  accountId: '111111111111',
  homeRegion: 'us-east-1',
});
const data = (part: Partial<OptimizerData>): OptimizerData => ({
  ...emptyOptimizerData('enrolled', ['us-east-1']),
  ...part,
});
const money = (value: number) => ({ estimatedMonthlySavings: { currency: 'USD' as const, value } });
const instance = (finding: string, option: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
  instanceArn: 'arn:aws:ec2:us-east-1:111111111111:instance/i-0a1b2c3d4e5f60718',
  accountId: '111111111111',
  currentInstanceType: 'm5.2xlarge',
  finding,
  utilizationMetrics: [{ name: 'Cpu', statistic: 'Maximum', value: 31.8 }],
  lookBackPeriodInDays: 14,
  recommendationOptions: [
    {
      instanceType: 'm6i.xlarge',
      rank: 1,
      performanceRisk: 1,
      savingsOpportunity: money(140.16),
      migrationEffort: 'VeryLow',
      ...option,
    },
  ],
  tags: [{ key: 'team', value: 'payments' }],
  ...extra,
});

// The casts stand for what arrives on the wire: EC2 findings as OVER_PROVISIONED although the model says Overprovisioned.
const ec2 = (...recs: ReturnType<typeof instance>[]) => data({ ec2: recs as unknown as OptimizerData['ec2'] });

describe('ingestComputeOptimizer', () => {
  it.each(['OVER_PROVISIONED', 'Overprovisioned', 'over-provisioned'])(
    'reads the EC2 finding %s as over-provisioned',
    (finding) => {
      const { drafts } = ingestComputeOptimizer(ec2(instance(finding)), ctx());
      expect(drafts).toHaveLength(1);
      expect(drafts[0]).toMatchObject({
        action: 'rightsize',
        status: 'alarm',
        resourceId: 'i-0a1b2c3d4e5f60718',
        region: 'us-east-1',
        monthlySavingsUsd: 140.16,
        savingsMethod: 'compute-optimizer',
        owner: 'payments',
      });
    },
  );

  it('makes an unknown finding value a note and no finding', () => {
    const { drafts, notes } = ingestComputeOptimizer(ec2(instance('SOMEWHAT_PROVISIONED')), ctx());
    expect(drafts).toEqual([]);
    expect(notes[0]?.message).toMatch(/unknown finding "SOMEWHAT_PROVISIONED"/);
  });

  it('uses the after-discounts figure where AWS gives it and says so', () => {
    const { drafts } = ingestComputeOptimizer(
      ec2(instance('OVER_PROVISIONED', { savingsOpportunityAfterDiscounts: money(98.5) })),
      ctx(),
    );
    expect(drafts[0]?.monthlySavingsUsd).toBe(98.5);
    expect(drafts[0]?.reason).toMatch(/saves \$98\.50 a month after discounts/);
    expect(drafts[0]?.savingsBasis).toMatch(/after discounts/);
  });

  it('falls back to the before-discounts figure and says so', () => {
    const { drafts } = ingestComputeOptimizer(ec2(instance('OVER_PROVISIONED')), ctx());
    expect(drafts[0]?.reason).toMatch(/before discounts/);
  });

  it('never invents a figure when the savings fields are missing or zero', () => {
    const missing = instance('OVER_PROVISIONED', { savingsOpportunity: undefined });
    const zero = {
      ...instance('OVER_PROVISIONED', { savingsOpportunity: money(0) }),
      instanceArn: 'arn:aws:ec2:us-east-1:1:instance/i-2',
    };
    const { drafts } = ingestComputeOptimizer(ec2(missing, zero), ctx());
    expect(drafts.map((d) => [d.status, d.monthlySavingsUsd, d.savingsMethod])).toEqual([
      ['info', 0, 'none'],
      ['info', 0, 'none'],
    ]);
    expect(drafts[0]?.reason).toMatch(/no savings estimate/);
  });

  it('says the recommendation is CPU-only when memory was not measured, and not otherwise', () => {
    const cpuOnly = ingestComputeOptimizer(ec2(instance('OVER_PROVISIONED')), ctx()).drafts[0];
    const withMemory = ingestComputeOptimizer(
      ec2(
        instance(
          'OVER_PROVISIONED',
          {},
          {
            utilizationMetrics: [
              { name: 'Cpu', value: 30 },
              { name: 'Memory', value: 40 },
            ],
          },
        ),
      ),
      ctx(),
    ).drafts[0];
    expect(cpuOnly?.reason).toMatch(/CPU-only/);
    expect(withMemory?.reason).not.toMatch(/CPU-only/);
  });

  it.each([
    [0, 'high'],
    [1, 'high'],
    [2, 'medium'],
    [3.5, 'low'],
  ] as const)('turns performance risk %d into %s confidence', (risk, confidence) => {
    const { drafts } = ingestComputeOptimizer(ec2(instance('OVER_PROVISIONED', { performanceRisk: risk })), ctx());
    expect(drafts[0]?.confidence).toBe(confidence);
  });

  it('drops a recommendation for a resource the inventory no longer has, with a note', () => {
    const { drafts, notes } = ingestComputeOptimizer(
      ec2(instance('OVER_PROVISIONED')),
      ctx(() => false),
    );
    expect(drafts).toEqual([]);
    expect(notes[0]?.message).toMatch(/i-0a1b2c3d4e5f60718 no longer exists/);
  });

  it('makes under-provisioned an info finding with no saving', () => {
    const { drafts } = ingestComputeOptimizer(ec2(instance('UNDER_PROVISIONED')), ctx());
    expect(drafts[0]).toMatchObject({ status: 'info', monthlySavingsUsd: 0, title: 'EC2 instance under-provisioned' });
  });

  it('turns not enrolled into one finding that says how to opt in', () => {
    const { drafts } = ingestComputeOptimizer(data({ enrollment: 'not-enrolled' }), ctx());
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({ ruleId: 'compute-optimizer:opt-in', status: 'info', monthlySavingsUsd: 0 });
    expect(drafts[0]?.reason).toMatch(/update-enrollment-status --status Active/);
  });

  it('maps idle findings to delete with the resource id people use', () => {
    const { drafts } = ingestComputeOptimizer(
      data({
        idle: [
          {
            resourceArn: 'arn:aws:rds:us-east-1:111111111111:db:legacy-reporting',
            resourceId: 'legacy-reporting',
            resourceType: 'RDSDBInstance',
            accountId: '111111111111',
            finding: 'Idle',
            savingsOpportunity: money(101.58),
            lookBackPeriodInDays: 14,
          },
        ],
      }),
      ctx(),
    );
    expect(drafts[0]).toMatchObject({ action: 'delete', resourceId: 'legacy-reporting', monthlySavingsUsd: 101.58 });
  });

  it('names Lambda functions without their version and EBS type changes as modernize', () => {
    const { drafts } = ingestComputeOptimizer(
      data({
        lambda: [
          {
            functionArn: 'arn:aws:lambda:us-east-1:111111111111:function:thumbnailer:$LATEST',
            finding: 'NotOptimized',
            findingReasonCodes: ['MemoryOverprovisioned'],
            currentMemorySize: 3008,
            memorySizeRecommendationOptions: [{ rank: 1, memorySize: 1024, savingsOpportunity: money(54.56) }],
          },
        ],
        ebs: [
          {
            volumeArn: 'arn:aws:ec2:us-east-1:111111111111:volume/vol-01d020e75fb456422',
            finding: 'NotOptimized',
            currentConfiguration: { volumeType: 'gp2', volumeSize: 500 },
            volumeRecommendationOptions: [
              { rank: 1, configuration: { volumeType: 'gp3', volumeSize: 500 }, savingsOpportunity: money(10) },
            ],
          },
        ],
      }),
      ctx(),
    );
    expect(drafts.map((d) => [d.resourceId, d.action])).toEqual([
      ['vol-01d020e75fb456422', 'modernize'],
      ['thumbnailer', 'rightsize'],
    ]);
  });
});

describe('savingOf', () => {
  it('keeps both figures when AWS gives both', () => {
    expect(savingOf({ savingsOpportunity: money(10), savingsOpportunityAfterDiscounts: money(0) })).toEqual({
      usd: 0,
      afterDiscounts: true,
      beforeUsd: 10,
    });
  });
});
