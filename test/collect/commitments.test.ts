import { BudgetsClient, DescribeBudgetsCommand } from '@aws-sdk/client-budgets';
import {
  CostExplorerClient,
  GetAnomalyMonitorsCommand,
  GetReservationCoverageCommand,
  GetReservationPurchaseRecommendationCommand,
  GetReservationUtilizationCommand,
  GetSavingsPlansCoverageCommand,
  GetSavingsPlansPurchaseRecommendationCommand,
  GetSavingsPlansUtilizationCommand,
  ListCostAllocationTagsCommand,
} from '@aws-sdk/client-cost-explorer';
import { DescribeReservedCacheNodesCommand, ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { DescribeReservedDBInstancesCommand, RDSClient } from '@aws-sdk/client-rds';
import { DescribeReservedNodesCommand, RedshiftClient } from '@aws-sdk/client-redshift';
import { DescribeSavingsPlansCommand, SavingsplansClient } from '@aws-sdk/client-savingsplans';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAws } from '../../src/aws';
import { awsError } from '../../src/aws/replay';
import { type CommitmentData, collectCommitments, collectMonthCommitments } from '../../src/collect/commitments';
import type { Note } from '../../src/domain/note';

const ce = mockClient(CostExplorerClient);
const budgets = mockClient(BudgetsClient);
const rds = mockClient(RDSClient);
const plans = mockClient(SavingsplansClient);
const elasticache = mockClient(ElastiCacheClient);
const redshift = mockClient(RedshiftClient);
afterEach(() => {
  ce.reset();
  budgets.reset();
  rds.reset();
  plans.reset();
  elasticache.reset();
  redshift.reset();
});

const asOf = '2026-11-20';
const coverage = (family: string, covered: string, total: string) => ({
  Attributes: { INSTANCE_FAMILY: family, REGION: 'us-east-1' },
  Coverage: { SpendCoveredBySavingsPlans: covered, TotalCost: total, OnDemandCost: '0' },
});

describe('collectCommitments against mocked clients', () => {
  beforeEach(() => {
    ce.on(GetSavingsPlansUtilizationCommand).resolves({
      SavingsPlansUtilizationsByTime: [
        {
          TimePeriod: { Start: '2026-11-18', End: '2026-11-19' },
          Utilization: { UtilizationPercentage: '99.5', UnusedCommitment: '0.18' },
        },
        {
          TimePeriod: { Start: '2026-11-19', End: '2026-11-20' },
          Utilization: { UtilizationPercentage: '', UnusedCommitment: '' },
        },
      ],
      Total: { Utilization: {} },
    });
    ce.on(GetReservationUtilizationCommand).resolves({ UtilizationsByTime: [] });
    ce.on(GetSavingsPlansCoverageCommand)
      .resolvesOnce({ SavingsPlansCoverages: [coverage('m5', '100', '100')], NextToken: 'sp-2' })
      .resolvesOnce({ SavingsPlansCoverages: [coverage('m5', '50', '100'), coverage('c5', '0', '40')] });
    ce.on(GetReservationCoverageCommand)
      .resolvesOnce({
        CoveragesByTime: [
          {
            Groups: [
              {
                Attributes: { instanceType: 'm5.xlarge', region: 'us-east-1' },
                Coverage: { CoverageHours: { ReservedHours: '10', OnDemandHours: '30', TotalRunningHours: '40' } },
              },
            ],
          },
        ],
        NextPageToken: 'ri-2',
      })
      .resolvesOnce({
        CoveragesByTime: [
          {
            Groups: [
              {
                Attributes: { INSTANCE_TYPE: 'm5.xlarge', REGION: 'us-east-1' },
                Coverage: { CoverageHours: { ReservedHours: '10', OnDemandHours: '0', TotalRunningHours: '10' } },
              },
            ],
          },
        ],
      });
    ce.on(GetSavingsPlansPurchaseRecommendationCommand).resolves({
      SavingsPlansPurchaseRecommendation: {
        SavingsPlansPurchaseRecommendationDetails: [
          {
            HourlyCommitmentToPurchase: '0.5',
            EstimatedMonthlySavingsAmount: '120',
            UpfrontCost: '600',
            EstimatedAverageUtilization: '98',
          },
        ],
      },
    });
    ce.on(GetReservationPurchaseRecommendationCommand).resolves({ Recommendations: [] });
    ce.on(GetAnomalyMonitorsCommand).resolves({ AnomalyMonitors: [{ MonitorName: 'm', MonitorType: 'DIMENSIONAL' }] });
    ce.on(ListCostAllocationTagsCommand)
      .resolvesOnce({
        CostAllocationTags: [
          { TagKey: 'team', Type: 'UserDefined', Status: 'Active', LastUsedDate: '2026-11-18T00:00:00Z' },
        ],
        NextToken: 'tags-2',
      })
      .resolvesOnce({ CostAllocationTags: [{ TagKey: 'owner', Type: 'UserDefined', Status: 'Inactive' }] });
    budgets.on(DescribeBudgetsCommand).rejects(awsError('NotFoundException', 'no budgets'));
    rds.on(DescribeReservedDBInstancesCommand).resolves({ ReservedDBInstances: [] });
    elasticache.on(DescribeReservedCacheNodesCommand).resolves({ ReservedCacheNodes: [] });
    redshift.on(DescribeReservedNodesCommand).resolves({ ReservedNodes: [] });
    plans
      .on(DescribeSavingsPlansCommand)
      .resolvesOnce({
        savingsPlans: [{ savingsPlanId: 'sp-1', savingsPlanType: 'Compute', commitment: '1.5', end: '2027-03-01' }],
        nextToken: 'plans-2',
      })
      .resolvesOnce({
        savingsPlans: [
          { savingsPlanId: 'sp-2', savingsPlanType: 'EC2Instance', ec2InstanceFamily: 'm5', region: 'us-east-1' },
        ],
      });
  });

  const run = (previous?: CommitmentData, ceBudget?: number, purchasesFromHub?: boolean) => {
    const aws = createAws({ mode: 'live', homeRegion: 'us-east-1' });
    const notes: Note[] = [];
    return collectCommitments(aws, notes, {
      asOf,
      regions: ['us-east-1'],
      previous,
      ceBudget,
      accountId: '111111111111',
      tagKey: 'team',
      allocationTagKeys: ['team', 'owner', 'cost-center', 'team'],
      purchasesFromHub,
    }).then((data) => ({ data, notes }));
  };

  it('reads amounts that do not parse as no amount, with one note per read naming an example, never NaN', async () => {
    ce.on(GetSavingsPlansUtilizationCommand).resolves({
      SavingsPlansUtilizationsByTime: [
        {
          TimePeriod: { Start: '2026-11-18', End: '2026-11-19' },
          Utilization: { UtilizationPercentage: 'abc', UnusedCommitment: '1' },
        },
        {
          TimePeriod: { Start: '2026-11-19', End: '2026-11-20' },
          Utilization: { UtilizationPercentage: '90', UnusedCommitment: 'n/a' },
        },
      ],
    });
    ce.on(GetSavingsPlansPurchaseRecommendationCommand).resolves({
      SavingsPlansPurchaseRecommendation: {
        SavingsPlansPurchaseRecommendationDetails: [
          { HourlyCommitmentToPurchase: 'x', EstimatedMonthlySavingsAmount: '5' },
        ],
      },
    });
    const { data, notes } = await run();
    // The day whose percentage did not parse is left out, as a day without one is; the unused dollars read as 0.
    expect(data.spUtilization).toEqual([{ date: '2026-11-19', utilizationPct: 90, unusedUsd: 0 }]);
    expect(data.spPurchase?.value[0]).toMatchObject({ what: 'Compute Savings Plan $?/h', monthlySavingsUsd: 5 });
    expect(JSON.stringify(data)).not.toContain('NaN');
    const bad = notes.filter((n) => n.message.includes('did not parse'));
    expect(bad.map((n) => n.source).sort()).toEqual([
      'ce:GetSavingsPlansPurchaseRecommendation',
      'ce:GetSavingsPlansUtilization',
    ]);
    expect(bad.find((n) => n.source === 'ce:GetSavingsPlansUtilization')?.message).toMatch(
      /^2 utilization figures .*"abc" for 2026-11-18/,
    );
  });

  it('refuses a utilization answer whose list is not a list, as a note, rather than reading $0', async () => {
    ce.on(GetSavingsPlansUtilizationCommand).resolves({
      SavingsPlansUtilizationsByTime: 'oops' as unknown as [],
    });
    const { data, notes } = await run();
    expect(data.spUtilization).toBeUndefined();
    expect(notes.find((n) => n.source === 'ce:GetSavingsPlansUtilization')?.message).toContain(
      'SavingsPlansUtilizationsByTime is not a list',
    );
  });

  it('leaves the two purchase recommendations to Cost Optimization Hub when it answered, and drops kept ones', async () => {
    const first = await run();
    ce.resetHistory();
    const stale = { ...first.data, spPurchase: { ...first.data.spPurchase!, fetchedOn: '2026-11-01' } };
    const { data } = await run(stale, undefined, true);
    expect(ce.commandCalls(GetSavingsPlansPurchaseRecommendationCommand)).toHaveLength(0);
    expect(ce.commandCalls(GetReservationPurchaseRecommendationCommand)).toHaveLength(0);
    expect(data.spPurchase).toBeUndefined();
    expect(data.riPurchase).toBeUndefined();
  });

  it('adds up Savings Plans coverage over every NextToken page and Reserved Instance coverage over NextPageToken', async () => {
    const { data } = await run();

    expect(data.spCoverage?.value).toEqual([
      { instanceFamily: 'm5', region: 'us-east-1', coveredUsd: 150, onDemandUsd: 0, totalUsd: 200 },
      { instanceFamily: 'c5', region: 'us-east-1', coveredUsd: 0, onDemandUsd: 0, totalUsd: 40 },
    ]);
    expect(ce.commandCalls(GetSavingsPlansCoverageCommand)[1]?.args[0].input.NextToken).toBe('sp-2');
    expect(data.riCoverage?.value).toEqual([
      { instanceType: 'm5.xlarge', region: 'us-east-1', reservedHours: 20, onDemandHours: 30, totalHours: 50 },
    ]);
  });

  it('reads the active Savings Plans with their types over every page, from the global endpoint', async () => {
    const { data } = await run();

    expect(data.savingsPlans?.value).toEqual([
      { id: 'sp-1', type: 'Compute', end: '2027-03-01', hourlyUsd: 1.5 },
      { id: 'sp-2', type: 'EC2Instance', family: 'm5', region: 'us-east-1' },
    ]);
    const calls = plans.commandCalls(DescribeSavingsPlansCommand);
    expect(calls.map((c) => c.args[0].input)).toEqual([
      { states: ['active'] },
      { states: ['active'], nextToken: 'plans-2' },
    ]);
  });

  it('asks for coverage by group without Granularity, which Cost Explorer refuses beside GroupBy', async () => {
    await run();

    const inputs = [
      ...ce.commandCalls(GetSavingsPlansCoverageCommand),
      ...ce.commandCalls(GetReservationCoverageCommand),
    ].map((c) => c.args[0].input);
    expect(inputs).toHaveLength(4);
    for (const input of inputs) {
      expect(input.GroupBy).toHaveLength(2);
      expect(input).not.toHaveProperty('Granularity');
    }
  });

  it('skips utilization days whose percentage is blank rather than reading them as 0', async () => {
    const { data } = await run();
    expect(data.spUtilization).toEqual([{ date: '2026-11-18', utilizationPct: 99.5, unusedUsd: 0.18 }]);
  });

  it('works out break-even from the upfront cost when the Savings Plans recommendation does not give one', async () => {
    const { data } = await run();
    expect(data.spPurchase?.value[0]).toMatchObject({ monthlySavingsUsd: 120, upfrontUsd: 600, breakEvenMonths: 5 });
  });

  it('counts no budget at all (NotFoundException) as zero budgets', async () => {
    const { data, notes } = await run();
    expect(data.budgets?.value.count).toBe(0);
    expect(notes).toEqual([]);
  });

  it('reads budgets every run, not weekly, and keeps the last reading when they cannot be read', async () => {
    const first = await run();
    budgets
      .on(DescribeBudgetsCommand)
      .resolves({ Budgets: [{ BudgetName: 'b', BudgetType: 'COST', TimeUnit: 'MONTHLY' }] });
    const next = await run(first.data);
    expect(next.data.budgets).toEqual({ fetchedOn: asOf, value: expect.objectContaining({ count: 1, names: ['b'] }) });
    budgets.on(DescribeBudgetsCommand).rejects(awsError('ThrottlingException', 'slow down'));
    const third = await run(next.data);
    expect(third.data.budgets).toEqual(next.data.budgets);
    expect(third.notes.find((n) => n.source === 'budgets:DescribeBudgets')?.kind).toBe('throttled');
  });

  it("reads the team and owner tags' cost-allocation status weekly, every page a counted request", async () => {
    const { data } = await run();

    expect(data.allocationTags?.value).toEqual([
      { key: 'team', status: 'Active', lastUsed: '2026-11-18' },
      { key: 'owner', status: 'Inactive' },
      { key: 'cost-center', status: 'absent' },
    ]);
    const asked = ce.commandCalls(ListCostAllocationTagsCommand).map((c) => c.args[0].input);
    expect(asked).toEqual([
      { TagKeys: ['team', 'owner', 'cost-center'], Type: 'UserDefined' },
      { TagKeys: ['team', 'owner', 'cost-center'], Type: 'UserDefined', NextToken: 'tags-2' },
    ]);
  });

  it('keeps which reservation lists were read whole: a refused one is a note, not an empty list', async () => {
    elasticache.on(DescribeReservedCacheNodesCommand).rejects(awsError('AccessDeniedException', 'not authorized'));

    const { data, notes } = await run();

    expect(data.reservationsRead).toEqual(['rds@us-east-1', 'redshift@us-east-1']);
    expect(notes).toContainEqual(
      expect.objectContaining({ source: 'elasticache:DescribeReservedCacheNodes', region: 'us-east-1' }),
    );
  });

  it('reuses weekly items younger than 7 days: only the two utilization requests go to Cost Explorer', async () => {
    const first = await run();
    ce.resetHistory();

    const { data } = await run(first.data);

    expect(ce.calls()).toHaveLength(2);
    expect(data.spPurchase).toEqual(first.data.spPurchase);
  });

  it('refreshes stale items stalest first within the Cost Explorer budget, keeping the rest from last time', async () => {
    const first = await run();
    const previous: CommitmentData = {
      ...first.data,
      spCoverage: { ...first.data.spCoverage!, fetchedOn: '2026-11-01' },
      riCoverage: { ...first.data.riCoverage!, fetchedOn: '2026-11-10' },
      spPurchase: { ...first.data.spPurchase!, fetchedOn: '2026-11-12' },
    };
    ce.resetHistory();

    const { data } = await run(previous, 4);

    // 2 utilization + 2 pages of Savings Plans coverage = the budget of 4; RI coverage and the purchase wait.
    expect(ce.calls()).toHaveLength(4);
    expect(data.spCoverage?.fetchedOn).toBe(asOf);
    expect(data.riCoverage?.fetchedOn).toBe('2026-11-10');
    expect(data.spPurchase?.fetchedOn).toBe('2026-11-12');
  });
});

describe('collectCommitments paging', () => {
  it('reads every page of RI utilization, purchase recommendations, anomaly monitors and RDS reservations', async () => {
    ce.on(GetSavingsPlansUtilizationCommand).resolves({ Total: { Utilization: {} } });
    ce.on(GetReservationUtilizationCommand)
      .resolvesOnce({
        UtilizationsByTime: [
          {
            TimePeriod: { Start: '2026-11-18', End: '2026-11-19' },
            Total: { UtilizationPercentage: '97', RICostForUnusedHours: '1.5' },
          },
        ],
        NextPageToken: 'u2',
      })
      .resolvesOnce({
        UtilizationsByTime: [
          {
            TimePeriod: { Start: '2026-11-19', End: '2026-11-20' },
            Total: { UtilizationPercentage: '80', RICostForUnusedHours: '9' },
          },
        ],
      });
    ce.on(GetSavingsPlansCoverageCommand).resolves({});
    ce.on(GetReservationCoverageCommand).resolves({ CoveragesByTime: [] });
    ce.on(GetSavingsPlansPurchaseRecommendationCommand)
      .resolvesOnce({
        SavingsPlansPurchaseRecommendation: {
          SavingsPlansPurchaseRecommendationDetails: [{ EstimatedMonthlySavingsAmount: '10', UpfrontCost: '0' }],
        },
        NextPageToken: 's2',
      })
      .resolvesOnce({
        SavingsPlansPurchaseRecommendation: {
          SavingsPlansPurchaseRecommendationDetails: [{ EstimatedMonthlySavingsAmount: '20' }],
        },
      });
    ce.on(GetReservationPurchaseRecommendationCommand)
      .resolvesOnce({
        Recommendations: [
          { RecommendationDetails: [{ EstimatedMonthlySavingsAmount: '5', EstimatedBreakEvenInMonths: '7.5' }] },
        ],
        NextPageToken: 'r2',
      })
      .resolvesOnce({ Recommendations: [{ RecommendationDetails: [{ EstimatedMonthlySavingsAmount: '6' }] }] });
    ce.on(GetAnomalyMonitorsCommand)
      .resolvesOnce({ AnomalyMonitors: [{ MonitorName: 'a', MonitorType: 'DIMENSIONAL' }], NextPageToken: 'm2' })
      .resolvesOnce({ AnomalyMonitors: [{ MonitorName: 'b', MonitorType: 'CUSTOM' }] });
    budgets
      .on(DescribeBudgetsCommand)
      .resolves({ Budgets: [{ BudgetName: 'monthly', BudgetType: 'COST', TimeUnit: 'MONTHLY' }] });
    rds
      .on(DescribeReservedDBInstancesCommand)
      .resolvesOnce({
        ReservedDBInstances: [
          {
            ReservedDBInstanceId: 'one',
            State: 'active',
            StartTime: new Date('2026-01-01T00:00:00Z'),
            Duration: 31_536_000,
            DBInstanceClass: 'db.t3.large',
            DBInstanceCount: 1,
            ProductDescription: 'postgresql',
            MultiAZ: true,
          },
        ],
        Marker: 'k2',
      })
      .resolvesOnce({
        ReservedDBInstances: [
          {
            ReservedDBInstanceId: 'retired',
            State: 'retired',
            StartTime: new Date('2024-01-01T00:00:00Z'),
            Duration: 31_536_000,
          },
        ],
      });

    elasticache
      .on(DescribeReservedCacheNodesCommand)
      .resolvesOnce({
        ReservedCacheNodes: [
          {
            ReservedCacheNodeId: 'cache-ri',
            State: 'active',
            StartTime: new Date('2026-06-01T00:00:00Z'),
            Duration: 31_536_000,
            CacheNodeType: 'cache.r6g.large',
            CacheNodeCount: 3,
          },
        ],
        Marker: 'c2',
      })
      .resolvesOnce({ ReservedCacheNodes: [{ ReservedCacheNodeId: 'pending', State: 'payment-pending' }] });
    redshift.on(DescribeReservedNodesCommand).resolves({
      ReservedNodes: [
        {
          ReservedNodeId: 'rs-ri',
          State: 'active',
          StartTime: new Date('2026-03-01T00:00:00Z'),
          Duration: 94_608_000,
          NodeType: 'ra3.xlplus',
          NodeCount: 2,
        },
      ],
    });

    const data = await collectCommitments(createAws({ mode: 'live', homeRegion: 'us-east-1' }), [], {
      asOf,
      regions: ['us-east-1'],
      accountId: '111111111111',
      tagKey: 'team',
      allocationTagKeys: ['team'],
    });

    expect(data.riUtilization).toEqual([
      { date: '2026-11-18', utilizationPct: 97, unusedUsd: 1.5 },
      { date: '2026-11-19', utilizationPct: 80, unusedUsd: 9 },
    ]);
    expect(data.spPurchase?.value.map((p) => [p.monthlySavingsUsd, p.breakEvenMonths])).toEqual([
      [10, 0],
      [20, undefined],
    ]);
    expect(data.riPurchase?.value.map((p) => [p.monthlySavingsUsd, p.breakEvenMonths])).toEqual([
      [5, 7.5],
      [6, undefined],
    ]);
    expect(data.anomalyMonitors?.value).toEqual({ count: 2, names: ['a', 'b'] });
    // Paged by the SDK's paginators: each page its own input, the first without a token.
    expect(ce.commandCalls(GetAnomalyMonitorsCommand).map((c) => c.args[0].input)).toEqual([
      {},
      { NextPageToken: 'm2' },
    ]);
    expect(
      ce.commandCalls(GetReservationPurchaseRecommendationCommand).map((c) => c.args[0].input.NextPageToken),
    ).toEqual([undefined, 'r2']);
    expect(data.budgets?.value).toEqual({
      count: 1,
      names: ['monthly'],
      budgets: [{ name: 'monthly', type: 'COST', timeUnit: 'MONTHLY', filtered: false }],
    });
    expect(data.reservations).toEqual([
      {
        service: 'rds',
        id: 'one',
        region: 'us-east-1',
        instanceType: 'db.t3.large',
        count: 1,
        end: '2027-01-01T00:00:00.000Z',
        engine: 'postgresql',
        multiAz: true,
      },
      {
        service: 'elasticache',
        id: 'cache-ri',
        region: 'us-east-1',
        instanceType: 'cache.r6g.large',
        count: 3,
        end: '2027-06-01T00:00:00.000Z',
      },
      {
        service: 'redshift',
        id: 'rs-ri',
        region: 'us-east-1',
        instanceType: 'ra3.xlplus',
        count: 2,
        end: '2029-02-28T00:00:00.000Z',
      },
    ]);
    expect(elasticache.commandCalls(DescribeReservedCacheNodesCommand).map((c) => c.args[0].input.Marker)).toEqual([
      undefined,
      'c2',
    ]);
  });
});

describe('collectMonthCommitments', () => {
  it("reads the month's utilization and coverage over its days; a refused read is a note, the rest stands", async () => {
    const asked: Record<string, unknown>[] = [];
    ce.on(GetSavingsPlansUtilizationCommand).callsFake((input) => {
      asked.push(input);
      return {
        SavingsPlansUtilizationsByTime: [
          {
            TimePeriod: { Start: '2026-11-01', End: '2026-11-02' },
            Utilization: { UtilizationPercentage: '98', UnusedCommitment: '0.72' },
          },
        ],
      };
    });
    ce.on(GetReservationUtilizationCommand).rejects(awsError('AccessDeniedException', 'no'));
    ce.on(GetSavingsPlansCoverageCommand).callsFake((input) => {
      asked.push(input);
      return { SavingsPlansCoverages: [coverage('m5', '30', '120')] };
    });
    ce.on(GetReservationCoverageCommand).resolves({ CoveragesByTime: [] });
    const notes: Note[] = [];

    const read = await collectMonthCommitments(createAws({ mode: 'live', homeRegion: 'us-east-1' }), notes, '2026-11');

    expect(asked.map((i) => i.TimePeriod)).toEqual([
      { Start: '2026-11-01', End: '2026-12-01' },
      { Start: '2026-11-01', End: '2026-12-01' },
    ]);
    expect(read.spUtilization).toEqual([{ date: '2026-11-01', utilizationPct: 98, unusedUsd: 0.72 }]);
    expect(read.riUtilization).toBeUndefined();
    expect(read.spCoverage).toEqual([
      { instanceFamily: 'm5', region: 'us-east-1', coveredUsd: 30, onDemandUsd: 0, totalUsd: 120 },
    ]);
    expect(read.riCoverage).toEqual([]);
    expect(notes).toEqual([expect.objectContaining({ kind: 'denied', source: 'ce:GetReservationUtilization' })]);
  });
});
