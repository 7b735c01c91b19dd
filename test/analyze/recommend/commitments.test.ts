import { describe, expect, it } from 'vitest';
import {
  commitmentAware,
  commitmentDrafts,
  coverageFor,
  expiringReservations,
  utilizationAlerts,
} from '../../../src/analyze/recommend/commitments';
import { ingestRightsizing } from '../../../src/analyze/recommend/cost-explorer';
import type { IngestContext } from '../../../src/analyze/recommend/optimizer';
import type { CommitmentData, UtilizationDay } from '../../../src/collect/commitments';
import type { RightsizingData } from '../../../src/collect/hub';
import type { Inventory } from '../../../src/collect/types';
import type { FindingDraft } from '../../../src/domain/finding';
import { emptyResources, type ResourceInventory } from '../../../src/domain/resources';
import { rightsizeDraft } from '../../ledger/helpers';
import { commitmentsInventory } from './helpers';

const asOf = '2026-11-20';
const ctx: IngestContext = {
  ownerTags: ['owner'],
  exists: () => undefined,
  accountId: '111111111111',
  homeRegion: 'us-east-1',
};
const commitments = (over: Partial<CommitmentData> = {}): CommitmentData => ({
  asOf,
  window: { Start: '2026-11-06', End: asOf },
  reservations: [],
  spCoverage: {
    fetchedOn: asOf,
    value: [
      { instanceFamily: 'm5', region: 'us-east-1', coveredUsd: 1000, onDemandUsd: 0, totalUsd: 1000 },
      { instanceFamily: 'c5', region: 'us-east-1', coveredUsd: 250, onDemandUsd: 750, totalUsd: 1000 },
    ],
  },
  riCoverage: {
    fetchedOn: asOf,
    value: [
      { instanceType: 'c5.2xlarge', region: 'us-east-1', reservedHours: 360, onDemandHours: 360, totalHours: 720 },
    ],
  },
  ...over,
});
const inventory = (over: Partial<CommitmentData> = {}, resources?: ResourceInventory): Inventory =>
  commitmentsInventory(commitments(over), resources ? { resources } : {});
const ruleDraft = (instanceType: string, over: Partial<FindingDraft> = {}): FindingDraft =>
  rightsizeDraft({ resourceId: 'i-1', monthlySavingsUsd: 100, evidence: { instanceType }, ...over });

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
});

describe('purchase recommendations and expiring reservations', () => {
  it('turns purchase recommendations into findings with savings and break-even, and skips those without savings', () => {
    const { drafts, notes } = commitmentDrafts(
      commitments({
        spPurchase: {
          fetchedOn: asOf,
          value: [
            {
              kind: 'savings-plan',
              what: 'Compute Savings Plan $0.500/h',
              term: 'ONE_YEAR',
              paymentOption: 'PARTIAL_UPFRONT',
              monthlySavingsUsd: 120,
              upfrontUsd: 600,
              breakEvenMonths: 5,
              expectedUtilizationPct: 98,
            },
            {
              kind: 'savings-plan',
              what: 'Compute Savings Plan $0.100/h',
              term: 'ONE_YEAR',
              paymentOption: 'NO_UPFRONT',
            },
          ],
        },
      }),
      inventory(),
      ctx,
    );
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({
      action: 'purchase',
      resourceId: 'savings-plan:compute',
      monthlySavingsUsd: 120,
      confidence: 'high',
    });
    expect(drafts[0]?.reason).toMatch(/break-even after 5\.0 months/);
    expect(notes).toHaveLength(1);
  });

  it('reports reservations ending within 30 days as alarms and within 60 as info, not later ones', () => {
    const resources = emptyResources({ days: 14, start: '', end: asOf });
    const ri = (id: string, end: string) => ({
      accountId: '111111111111',
      region: 'us-east-1',
      id,
      tags: {},
      instanceType: 'm5.large',
      count: 2,
      state: 'active',
      end,
    });
    resources.reservedInstances.push(
      ri('ri-soon', '2026-12-05T00:00:00.000Z'),
      ri('ri-later', '2027-01-10T00:00:00.000Z'),
      ri('ri-far', '2027-06-01T00:00:00.000Z'),
    );
    const inv = inventory({}, resources);
    expect(expiringReservations(inv, '111111111111').map((r) => [r.id, r.daysLeft])).toEqual([
      ['ri-soon', 15],
      ['ri-later', 51],
    ]);
    const { drafts } = commitmentDrafts(commitments(), inv, ctx);
    expect(drafts.map((d) => [d.resourceId, d.status, d.title])).toEqual([
      ['ri-soon', 'alarm', 'Reserved Instance expires within 30 days'],
      ['ri-later', 'info', 'Reserved Instance expires within 60 days'],
    ]);
  });
});

describe('utilizationAlerts', () => {
  const days = (...pcts: number[]): UtilizationDay[] =>
    pcts.map((utilizationPct, i) => ({
      date: `2026-11-${String(10 + i).padStart(2, '0')}`,
      utilizationPct,
      unusedUsd: (100 - utilizationPct) * 0.36,
    }));

  it('alerts when the last day falls under 90% and 10 points below the week before', () => {
    const alerts = utilizationAlerts(
      commitments({ spUtilization: days(99, 99, 98, 99, 99, 99, 99, 72) }),
      '111111111111',
    );
    expect(alerts).toEqual([
      expect.objectContaining({
        kind: 'commitment',
        key: 'commitment:sp-utilization:2026-11-17',
        service: 'Savings Plans',
        severity: 'medium',
      }),
    ]);
    expect(alerts[0]?.subject.length).toBeLessThanOrEqual(100);
    expect(alerts[0]?.impactUsd).toBeCloseTo(10.08 * 30);
  });

  it('stays quiet for a small dip, a steadily low plan, or too little history', () => {
    expect(utilizationAlerts(commitments({ spUtilization: days(99, 99, 99, 99, 95) }), 'a')).toEqual([]);
    expect(utilizationAlerts(commitments({ riUtilization: days(70, 71, 70, 69, 70) }), 'a')).toEqual([]);
    expect(utilizationAlerts(commitments({ spUtilization: days(99, 60) }), 'a')).toEqual([]);
  });
});
