import { describe, expect, it } from 'vitest';
import { ingestRightsizing } from '../../../src/analyze/recommend/cost-explorer';
import { commitmentAware, coverageFor } from '../../../src/analyze/recommend/coverage';
import ec2InstanceStoppedLong from '../../../src/analyze/rules/ec2-instance-stopped-long';
import type { RightsizingData } from '../../../src/collect/hub';
import type { FindingDraft } from '../../../src/domain/finding';
import { emptyResources } from '../../../src/domain/resources';
import { isCommittable } from '../../../src/pricing';
import { rightsizeDraft } from '../../ledger/helpers';
import { daysAgo, instance, run, volume } from '../rules/fixtures';
import { asOf, commitments, ctx, inventory, ruleDraft } from './helpers';

describe('commitment-aware savings', () => {
  it('saves nothing on usage a Savings Plan fully covers, and says so', () => {
    const [d] = commitmentAware([ruleDraft('m5.xlarge')], inventory());
    expect(d).toMatchObject({ monthlySavingsUsd: 0, status: 'info' });
    expect(d?.reason).toMatch(/Commitment-covered: 100% of m5 spend on Savings Plans .* saves \$0\.00 of \$100\.00/);
    expect(d?.evidence.commitment).toMatchObject({ covered: true, share: 1, beforeCommitmentUsd: 100 });
  });

  it('scales partly covered usage to the uncovered share (RI hours, then Savings Plans on the rest)', () => {
    // 50% RI-covered, then 25% of the rest on Savings Plans: 62.5% covered, 37.5% saves.
    expect(coverageFor(commitments(), 'c5.2xlarge', 'us-east-1')?.share).toBeCloseTo(0.625);
    const [d] = commitmentAware([ruleDraft('c5.2xlarge')], inventory());
    expect(d?.monthlySavingsUsd).toBe(37.5);
    expect(d?.status).toBe('alarm');
    expect(d?.savingsBasis).toMatch(/scaled to the 38% not covered/);
  });

  it('leaves figures that are already after discounts as they are, but still flags them', () => {
    const after = ruleDraft('m5.xlarge', {
      source: 'compute-optimizer',
      savingsMethod: 'compute-optimizer',
      evidence: { 'compute-optimizer': { afterDiscounts: true, instanceType: 'm5.xlarge' } },
    });
    const [d] = commitmentAware([after], inventory());
    expect(d?.monthlySavingsUsd).toBe(100);
    expect(d?.reason).toMatch(/already net of them/);
  });

  it('finds the instance type in the inventory when the draft does not carry it', () => {
    const resources = emptyResources({ days: 14, start: '', end: asOf });
    resources.instances.push({
      accountId: '111111111111',
      region: 'us-east-1',
      id: 'i-1',
      tags: {},
      instanceType: 'm5.large',
      state: 'running',
      platform: 'linux',
      lifecycle: 'on-demand',
      volumeIds: [],
    });
    const [d] = commitmentAware([ruleDraft('x', { evidence: {} })], inventory({}, resources));
    expect(d?.monthlySavingsUsd).toBe(0);
  });

  it('leaves uncovered usage, other regions and purchases alone', () => {
    const drafts = [
      ruleDraft('t3.large'),
      ruleDraft('m5.xlarge', { region: 'eu-west-1' }),
      ruleDraft('m5.xlarge', { action: 'purchase' }),
    ];
    expect(commitmentAware(drafts, inventory())).toEqual(drafts);
  });

  it('never applies Savings Plans coverage to RDS classes', () => {
    expect(coverageFor(commitments(), 'db.m5.xlarge', 'us-east-1')).toBeUndefined();
  });
});

describe('Cost Explorer rightsizing rows (real export: covered instances save $0)', () => {
  // Rows i-010213 and i-010017 of awslabs/aws-well-architected-labs
  // static/Cost/100_AWS_Resource_Optimization/Code/WALAB-ec2-rightsizing-recommendations.csv @3a185a60 (MIT-0):
  // c5.xlarge with all 336 hours on Savings Plans saves 0; t3.medium with 107 of 336 saves 9.245148416.
  const row = (id: string, type: string, region: string, sp: string, saving: string, target: string) => ({
    AccountId: '111111111111',
    CurrentInstance: {
      ResourceId: id,
      ResourceDetails: { EC2ResourceDetails: { InstanceType: type, Region: region } },
      ResourceUtilization: {
        EC2ResourceUtilization: { MaxCpuUtilizationPercentage: '11.22', MaxMemoryUtilizationPercentage: '' },
      },
      ReservationCoveredHoursInLookbackPeriod: '0',
      SavingsPlansCoveredHoursInLookbackPeriod: sp,
      TotalRunningHoursInLookbackPeriod: '336',
    },
    RightsizingType: 'MODIFY' as const,
    ModifyRecommendationDetail: {
      TargetInstances: [
        {
          EstimatedMonthlySavings: saving,
          DefaultTargetInstance: true,
          ResourceDetails: { EC2ResourceDetails: { InstanceType: target } },
        },
      ],
    },
  });
  const data: RightsizingData = {
    benefitsConsidered: true,
    recommendations: [
      row('i-010213', 'c5.xlarge', 'US East (N. Virginia)', '336', '0', 'c5.large'),
      row('i-010017', 't3.medium', 'US West (Oregon)', '107.4169967', '9.245148416', 't3.small'),
    ],
  };

  it('reports the covered instance as saving $0 because commitments cover its hours, CPU-only', () => {
    const { drafts } = ingestRightsizing(data, ctx);
    expect(drafts[0]).toMatchObject({ resourceId: 'i-010213', status: 'info', monthlySavingsUsd: 0 });
    expect(drafts[0]?.reason).toMatch(/covered by a Reserved Instance or Savings Plan/);
    expect(drafts[0]?.reason).toMatch(/CPU-only/);
  });

  it('keeps the partly covered instance at the figure AWS netted out, flagged commitment-covered', () => {
    const { drafts } = ingestRightsizing(data, ctx);
    const [d] = commitmentAware([drafts[1] as FindingDraft], inventory());
    expect(d).toMatchObject({ region: 'us-west-2', monthlySavingsUsd: 9.245148416, status: 'alarm' });
    expect(d?.reason).toMatch(/107\.4169967 of its 336 running hours covered .* already net of them/);
  });

  it('notes a row in a region it cannot name instead of guessing', () => {
    const { drafts, notes } = ingestRightsizing(
      { benefitsConsidered: true, recommendations: [row('i-1', 't3.micro', 'Moon (Base 1)', '0', '1', 't3.nano')] },
      ctx,
    );
    expect(drafts).toEqual([]);
    expect(notes[0]?.message).toMatch(/unknown region "Moon \(Base 1\)"/);
  });

  it('reads a saving that does not parse as unpriced, with a note naming the instance, never NaN', () => {
    const { drafts, notes } = ingestRightsizing(
      {
        benefitsConsidered: true,
        recommendations: [row('i-2', 'm5.large', 'US East (N. Virginia)', '0', 'abc', 'm5.medium')],
      },
      ctx,
    );
    expect(drafts[0]?.monthlySavingsUsd ?? 0).toBe(0);
    expect(JSON.stringify(drafts)).not.toContain('NaN');
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ source: 'ce:GetRightsizingRecommendation' });
    expect(notes[0]?.message).toMatch(/^1 rightsizing figures .*"abc" for i-2/);
  });
});

describe('commitment-eligible dollars', () => {
  const stoppedM5 = instance({
    instanceType: 'm5.large',
    state: 'stopped',
    stoppedSince: daysAgo(45),
    volumeIds: ['v-a', 'v-b'],
  });
  const volumes = [volume({ id: 'v-a', type: 'gp2', sizeGb: 100 }), volume({ id: 'v-b', type: 'gp3', sizeGb: 50 })];
  const spCoverage = {
    fetchedOn: asOf,
    value: [{ instanceFamily: 'm5', region: 'us-east-1', coveredUsd: 870, onDemandUsd: 130, totalUsd: 1000 }],
  };
  // The inventory holds the instance, so its family's coverage is found for any finding on it.
  const covered87 = inventory(
    { spCoverage, riCoverage: { fetchedOn: asOf, value: [] } },
    { ...emptyResources({ days: 14, start: '', end: asOf }), instances: [stoppedM5], volumes },
  );

  it('never scales storage by the instance family coverage: a stopped m5.large with its volumes saves $14.00', () => {
    const [stopped] = run(ec2InstanceStoppedLong, {
      instances: [
        instance({ instanceType: 'm5.large', state: 'stopped', stoppedSince: daysAgo(45), volumeIds: ['v-a', 'v-b'] }),
      ],
      volumes: [volume({ id: 'v-a', type: 'gp2', sizeGb: 100 }), volume({ id: 'v-b', type: 'gp3', sizeGb: 50 })],
    }).filter((d) => d.status === 'alarm');
    expect(stopped).toMatchObject({ monthlySavingsUsd: 14, commitmentEligibleUsd: 0 });

    const [d] = commitmentAware([stopped as FindingDraft], covered87);

    expect(d?.monthlySavingsUsd).toBe(14);
    expect(d?.reason).not.toMatch(/Commitment-covered/);
  });

  it('scales only the compute hours of a mixed figure, and says which part', () => {
    const mixed = ruleDraft('m5.large', { monthlySavingsUsd: 100, commitmentEligibleUsd: 60, action: 'delete' });

    const [d] = commitmentAware([mixed], covered87);

    // $40 of storage saved in full, plus 13% of the $60 of m5 hours.
    expect(d?.monthlySavingsUsd).toBe(47.8);
    expect(d?.reason).toMatch(/only the \$60\.00 a month of compute hours is theirs to cover/);
    expect(d?.evidence.commitment).toMatchObject({ eligibleUsd: 60, beforeCommitmentUsd: 100 });
  });

  it('prices instance hours as committable and storage, IPv4 and NAT as not', () => {
    expect(
      ['ec2.m5.large', 'rds.mysql.db.t3.large.multi_az', 'fargate.linux_x86.vcpu_hour'].map(isCommittable),
    ).toEqual([true, true, true]);
    expect(
      ['ebs.gp2.storage', 'rds.storage.gp2', 'vpc.nat_gateway.hour', 'lambda.requests'].map(isCommittable),
    ).toEqual([false, false, false, false]);
  });
});

describe('the three kinds of commitment', () => {
  const m5 = { instanceFamily: 'm5', region: 'us-east-1', coveredUsd: 1000, onDemandUsd: 0, totalUsd: 1000 };
  const c5 = { instanceFamily: 'c5', region: 'us-west-2', coveredUsd: 0, onDemandUsd: 300, totalUsd: 300 };
  const plan = (type: string, family?: string) => ({
    id: `sp-${type}`,
    type,
    ...(family ? { family, region: 'us-east-1' } : {}),
  });
  const held = (plans: ReturnType<typeof plan>[] | undefined, groups = [m5, c5]) =>
    inventory({
      spCoverage: { fetchedOn: asOf, value: groups },
      riCoverage: { fetchedOn: asOf, value: [] },
      ...(plans ? { savingsPlans: { fetchedOn: asOf, value: plans } } : {}),
    });
  const move = () => ruleDraft('m5.xlarge', { monthlySavingsUsd: 100, action: 'modernize' });

  it('moves a Compute Savings Plan to on-demand compute elsewhere: an m5 to m6g move under 100% is not $0', () => {
    const [d] = commitmentAware([move()], held([plan('Compute')]));
    expect(d?.monthlySavingsUsd).toBe(100);
    expect(d?.reason).toMatch(/on a Compute Savings Plan .*tied to no family or region/);
    expect(d?.evidence.commitment).toMatchObject({ movedUsd: 100, kinds: { savingsPlanKind: 'compute' } });
  });

  it('moves it only as far as there is on-demand compute elsewhere (30 days of $300 is $304.17 a month)', () => {
    const [d] = commitmentAware([ruleDraft('m5.xlarge', { monthlySavingsUsd: 500 })], held([plan('Compute')]));
    expect(d?.monthlySavingsUsd).toBe(304.17);
    const [none] = commitmentAware([move()], held([plan('Compute')], [m5]));
    expect(none?.monthlySavingsUsd).toBe(0);
  });

  it('keeps an EC2 Instance Savings Plan bound to its family and region: $0 until it ends', () => {
    const [d] = commitmentAware([move()], held([plan('Compute'), plan('EC2Instance', 'm5')]));
    expect(d?.monthlySavingsUsd).toBe(0);
    expect(d?.reason).toMatch(/EC2 Instance Savings Plan \(bound to the family and region\)/);
  });

  it('treats plans it could not read as bound, and says so', () => {
    const [d] = commitmentAware([move()], held(undefined));
    expect(d?.monthlySavingsUsd).toBe(0);
    expect(d?.reason).toMatch(/plan types not read: treated as bound/);
  });

  it('keeps Reserved Instances bound to the type and region', () => {
    const ri = inventory({
      spCoverage: { fetchedOn: asOf, value: [c5] },
      riCoverage: {
        fetchedOn: asOf,
        value: [
          { instanceType: 'm5.xlarge', region: 'us-east-1', reservedHours: 720, onDemandHours: 0, totalHours: 720 },
        ],
      },
      savingsPlans: { fetchedOn: asOf, value: [plan('Compute')] },
    });
    const [d] = commitmentAware([move()], ri);
    expect(d?.monthlySavingsUsd).toBe(0);
    expect(d?.reason).toMatch(/100% of m5\.xlarge hours on Reserved Instances \(bound to the type and region\)/);
  });
});

describe('Fargate and Lambda under a Compute Savings Plan', () => {
  const serverless = { instanceFamily: '', region: 'us-east-1', coveredUsd: 100, onDemandUsd: 0, totalUsd: 100 };
  const c5 = { instanceFamily: 'c5', region: 'us-east-1', coveredUsd: 0, onDemandUsd: 30, totalUsd: 30 };
  const lambda = (monthlySavingsUsd: number) =>
    rightsizeDraft({
      service: 'AWS Lambda',
      resourceId: 'erp-api',
      monthlySavingsUsd,
      commitmentEligibleUsd: monthlySavingsUsd,
      evidence: {},
    });

  it('counts them covered, and moves the plan to on-demand compute elsewhere as far as there is some', () => {
    const covered = inventory({ spCoverage: { fetchedOn: asOf, value: [serverless, c5] } });

    const [d] = commitmentAware([lambda(50)], covered);

    // 30 days of $30 on-demand c5 is $30.42 a month for the plan to move to.
    expect(d?.monthlySavingsUsd).toBe(30.42);
    expect(d?.reason).toMatch(/100% of Fargate and Lambda spend on a Compute Savings Plan/);
  });
});
