/**
 * Savings Plans and Reserved Instances: utilization (daily, for the drop alert), coverage and purchase
 * recommendations (weekly), RDS, ElastiCache and Redshift reservations (EC2 Reserved Instances come from the inventory collector, which reads
 * DescribeReservedInstances once per region), the checklist's anomaly monitors, budgets, and whether the team and
 * owner tags are activated for cost allocation.
 *
 * Cost Explorer bills $0.01 a request and the whole daily run must stay near a dozen, so this collector spends at
 * most `ceBudget` requests (default 4): the two utilization series every day, then the stalest weekly items, each
 * kept with the day it was read and reused from the previous run until it is 7 days old.
 */
import {
  CostExplorerClient,
  type DateInterval,
  GetReservationCoverageCommand,
  GetReservationUtilizationCommand,
  GetSavingsPlansPurchaseRecommendationCommand,
  GetSavingsPlansUtilizationCommand,
  paginateGetAnomalyMonitors,
  paginateGetReservationPurchaseRecommendation,
  paginateGetSavingsPlansCoverage,
} from '@aws-sdk/client-cost-explorer';
import { ElastiCacheClient, paginateDescribeReservedCacheNodes } from '@aws-sdk/client-elasticache';
import { paginateDescribeReservedDBInstances, RDSClient } from '@aws-sdk/client-rds';
import { paginateDescribeReservedNodes, RedshiftClient } from '@aws-sdk/client-redshift';
import { DescribeSavingsPlansCommand, SavingsplansClient } from '@aws-sdk/client-savingsplans';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { Aws } from '../aws';
import { plain } from '../aws/replay';
import { addDays, DAY_MS, nextMonthStart } from '../domain/dates';
import type { Note } from '../domain/note';
import { type AllocationTag, readAllocationTags } from './allocation-tags';
import { Amounts, listOf } from './amounts';
import { type Budgets, readBudgets } from './budgets';
import { guard } from './guard';
import { allPages, itemsOf, pager } from './pages';

/** Attribute keys come back in either case (SERVICE, instanceType): match them loosely. */
const attr = (attributes: Record<string, string> | undefined, key: string): string => {
  const want = key.replace(/_/g, '').toLowerCase();
  const found = Object.entries(attributes ?? {}).find(([k]) => k.replace(/_/g, '').toLowerCase() === want);
  return found?.[1] ?? '';
};

export interface UtilizationDay {
  date: string;
  /** Percent of the commitment used that day. */
  utilizationPct: number;
  /** Dollars of commitment left unused that day. */
  unusedUsd: number;
}

export interface SpCoverageGroup {
  instanceFamily: string;
  region: string;
  coveredUsd: number;
  onDemandUsd: number;
  totalUsd: number;
}

export interface RiCoverageGroup {
  instanceType: string;
  region: string;
  reservedHours: number;
  onDemandHours: number;
  totalHours: number;
}

export interface PurchaseRecommendation {
  kind: 'savings-plan' | 'reserved-instance';
  /** What to buy: "Compute Savings Plan $1.20/h" or "3 x m5.xlarge (us-east-1)". */
  what: string;
  accountId?: string;
  /** Reserved Instances: the instance type and region (Cost Explorer's long region name). */
  instanceType?: string;
  region?: string;
  term: string;
  paymentOption: string;
  monthlySavingsUsd?: number;
  upfrontUsd?: number;
  /** As AWS states it (RIs); computed from upfront cost over monthly savings for Savings Plans. */
  breakEvenMonths?: number;
  /** Percent the purchase is expected to be used. */
  expectedUtilizationPct?: number;
}

/** An active reserved DB instance, cache node or Redshift node: exact type, count and end. */
export interface Reservation {
  service: 'rds' | 'elasticache' | 'redshift';
  id: string;
  region: string;
  instanceType: string;
  count: number;
  /** ISO date-time the reservation ends. */
  end: string;
  /** RDS: the engine as reserved (`postgresql`, `aurora-mysql`) and whether it is Multi-AZ. */
  engine?: string;
  multiAz?: boolean;
}

/**
 * An active Savings Plan as savingsplans:DescribeSavingsPlans gives it. A Compute plan covers EC2 in any family and
 * region, Fargate and Lambda; an EC2Instance plan one family in one region.
 */
export interface ActivePlan {
  id: string;
  /** 'Compute', 'EC2Instance', 'SageMaker' (or a type AWS adds later), as AWS spells it. */
  type: string;
  family?: string;
  region?: string;
  /** ISO date-time the plan ends. */
  end?: string;
  /** The hourly commitment in USD. */
  hourlyUsd?: number;
}

/** An item read weekly, with the day it was read. */
export interface Cached<T> {
  fetchedOn: string;
  value: T;
}

export interface CommitmentData {
  asOf: string;
  /** Window of the daily utilization series: [start, end) as Cost Explorer dates. */
  window: DateInterval;
  spUtilization?: UtilizationDay[];
  riUtilization?: UtilizationDay[];
  spCoverage?: Cached<SpCoverageGroup[]>;
  riCoverage?: Cached<RiCoverageGroup[]>;
  spPurchase?: Cached<PurchaseRecommendation[]>;
  riPurchase?: Cached<PurchaseRecommendation[]>;
  anomalyMonitors?: Cached<{ count: number; names: string[] }>;
  /** The team and owner tag keys' cost-allocation status. */
  allocationTags?: Cached<AllocationTag[]>;
  /** Read every run (free), unlike the weekly items: a budget's actual and forecast spend move daily. */
  budgets?: Cached<Budgets>;
  /** The account's active Savings Plans and their types (a free API, not Cost Explorer). */
  savingsPlans?: Cached<ActivePlan[]>;
  reservations: Reservation[];
  /** The `service@region` reservation lists read whole (a refused one is a note and left out). */
  reservationsRead?: string[];
}

const ageDays = (from: string, to: string): number => (Date.parse(to) - Date.parse(from)) / DAY_MS;

/** Counts one Cost Explorer request (each page is billed), told before it is sent. */
type Count = () => void;

/** Weekly items are read again once this old. */
export const REFRESH_DAYS = 7;
/** Days of daily utilization read for the drop alert, and the window coverage is measured over. */
export const UTILIZATION_DAYS = 14;
export const COVERAGE_DAYS = 30;
/** Cost Explorer requests this collector may spend in one run, unless the caller says otherwise. */
export const COMMITMENTS_CE_BUDGET = 4;

export interface CommitmentOptions {
  asOf: string;
  regions: string[];
  /** What the previous run kept (from the snapshot): weekly items are reused from it until stale. */
  previous?: CommitmentData;
  /** Cost Explorer requests allowed this run (each page counts). */
  ceBudget?: number;
  /** The account the bot runs in, for budgets:DescribeBudgets; read from STS when absent. */
  accountId?: string;
  /** The cost-allocation tag whose values budgets are matched to (DURION_COST_TAG). */
  tagKey: string;
  /** The tag keys whose cost-allocation status is read: the cost tag and the owner tags. */
  allocationTagKeys: string[];
  /**
   * Cost Optimization Hub answered (it is enrolled): its Savings Plans and Reserved Instance recommendations come from
   * the same engine as Cost Explorer's purchase recommendations, for the whole organization and more reservation types,
   * so Cost Explorer's two billed purchase reads are left out.
   */
  purchasesFromHub?: boolean;
}

type WeeklyKey =
  | 'spCoverage'
  | 'riCoverage'
  | 'spPurchase'
  | 'riPurchase'
  | 'anomalyMonitors'
  | 'allocationTags'
  | 'savingsPlans';

/** Read what the run needs about commitments, within the Cost Explorer budget. */
export async function collectCommitments(aws: Aws, notes: Note[], options: CommitmentOptions): Promise<CommitmentData> {
  const { asOf, previous } = options;
  const ce = aws.client(CostExplorerClient, aws.homeRegion);
  // Counted here rather than from aws.calls, so the budget holds whatever answers the client.
  let ceSpent = 0;
  const count: Count = () => {
    ceSpent += 1;
  };
  const budget = options.ceBudget ?? COMMITMENTS_CE_BUDGET;
  const window: DateInterval = { Start: addDays(asOf, -UTILIZATION_DAYS), End: asOf };
  const coverageWindow: DateInterval = { Start: addDays(asOf, -COVERAGE_DAYS), End: asOf };
  const data: CommitmentData = { asOf, window, reservations: [] };

  data.spUtilization = await guard(notes, { source: 'ce:GetSavingsPlansUtilization' }, () =>
    readSpUtilization(ce, count, window, notes),
  );
  data.riUtilization = await guard(notes, { source: 'ce:GetReservationUtilization' }, () =>
    readRiUtilization(ce, count, window, notes),
  );

  const weekly: { key: WeeklyKey; ce: boolean; read: () => Promise<unknown> }[] = [
    { key: 'spCoverage', ce: true, read: () => readSpCoverage(ce, count, coverageWindow, notes) },
    { key: 'riCoverage', ce: true, read: () => readRiCoverage(ce, count, coverageWindow, notes) },
    ...(options.purchasesFromHub
      ? []
      : [
          { key: 'spPurchase' as const, ce: true, read: () => readSpPurchase(ce, count, notes) },
          { key: 'riPurchase' as const, ce: true, read: () => readRiPurchase(ce, count, notes) },
        ]),
    { key: 'anomalyMonitors', ce: true, read: () => readAnomalyMonitors(ce, count) },
    { key: 'allocationTags', ce: true, read: () => readAllocationTags(ce, count, options.allocationTagKeys) },
    { key: 'savingsPlans', ce: false, read: () => readSavingsPlans(aws) },
  ];
  // Stalest first, so a tight budget still refreshes everything within a few days.
  const age = (key: WeeklyKey) => {
    const kept = previous?.[key];
    return kept ? ageDays(kept.fetchedOn, asOf) : Number.POSITIVE_INFINITY;
  };
  for (const item of [...weekly].sort((a, b) => age(b.key) - age(a.key))) {
    const kept = previous?.[item.key];
    const due = age(item.key) >= REFRESH_DAYS;
    // A first run (nothing kept at all) reads everything once; later runs stay within the budget.
    const affordable = !item.ce || !previous || ceSpent < budget;
    if (due && affordable) {
      const value = await guard(notes, { source: `weekly:${item.key}` }, item.read);
      if (value !== undefined) {
        (data as unknown as Record<string, Cached<unknown>>)[item.key] = { fetchedOn: asOf, value };
        continue;
      }
    }
    if (kept) (data as unknown as Record<string, unknown>)[item.key] = kept;
  }

  const accountId =
    options.accountId ?? (await aws.client(STSClient, aws.homeRegion).send(new GetCallerIdentityCommand({}))).Account;
  const budgets = await guard(notes, { source: 'budgets:DescribeBudgets' }, () =>
    readBudgets(aws, accountId ?? '', options.tagKey, notes),
  );
  // A budget that could not be read today keeps its last reading, dated.
  const budgetsRead = budgets ? { fetchedOn: asOf, value: budgets } : previous?.budgets;
  if (budgetsRead) data.budgets = budgetsRead;

  const reservationsRead: string[] = [];
  for (const region of options.regions) {
    for (const [service, source, read] of RESERVATION_READS) {
      const found = await guard(notes, { source, region }, () => read(aws, region));
      if (!found) continue;
      data.reservations.push(...found);
      reservationsRead.push(`${service}@${region}`);
    }
  }
  data.reservationsRead = reservationsRead;
  // Kept in the snapshot: plain JSON, undefined fields dropped.
  return plain(data);
}

/** One calendar month's coverage and utilization, for the month-close report: read once, when the month is settled. */
export interface MonthCommitmentRead {
  /** YYYY-MM. */
  month: string;
  spUtilization?: UtilizationDay[];
  riUtilization?: UtilizationDay[];
  spCoverage?: SpCoverageGroup[];
  riCoverage?: RiCoverageGroup[];
}

/**
 * Savings Plans and Reserved Instance coverage and utilization over one month, the same four reads as the daily and
 * weekly ones over the month's days: 4 Cost Explorer requests ($0.04; more only if a read has pages), once a month.
 * What is refused is a note and left out.
 */
export async function collectMonthCommitments(aws: Aws, notes: Note[], month: string): Promise<MonthCommitmentRead> {
  const ce = aws.client(CostExplorerClient, aws.homeRegion);
  // The run counts Cost Explorer requests from its client calls; this read has no budget of its own.
  const count: Count = () => {};
  const TimePeriod: DateInterval = { Start: `${month}-01`, End: nextMonthStart(`${month}-01`) };
  const read = <T>(source: string, step: () => Promise<T>) => guard(notes, { source }, step);
  return plain({
    month,
    spUtilization: await read('ce:GetSavingsPlansUtilization', () => readSpUtilization(ce, count, TimePeriod, notes)),
    riUtilization: await read('ce:GetReservationUtilization', () => readRiUtilization(ce, count, TimePeriod, notes)),
    spCoverage: await read('ce:GetSavingsPlansCoverage', () => readSpCoverage(ce, count, TimePeriod, notes)),
    riCoverage: await read('ce:GetReservationCoverage', () => readRiCoverage(ce, count, TimePeriod, notes)),
  });
}

/** Daily Savings Plans utilization; a day without a percentage is left out. */
async function readSpUtilization(
  ce: CostExplorerClient,
  count: Count,
  TimePeriod: DateInterval,
  notes: Note[],
): Promise<UtilizationDay[]> {
  count();
  const r = await ce.send(new GetSavingsPlansUtilizationCommand({ TimePeriod, Granularity: 'DAILY' }));
  const n = new Amounts('ce:GetSavingsPlansUtilization', 'utilization figures');
  const days = listOf(r.SavingsPlansUtilizationsByTime, 'SavingsPlansUtilizationsByTime').flatMap((t) => {
    const date = t.TimePeriod?.Start ?? '';
    const pct = n.maybe(t.Utilization?.UtilizationPercentage, date);
    return pct === undefined
      ? []
      : [{ date, utilizationPct: pct, unusedUsd: n.usd(t.Utilization?.UnusedCommitment, date) }];
  });
  n.note(notes);
  return days;
}

/** Daily Reserved Instance utilization, all pages; a day without a percentage is left out. */
async function readRiUtilization(
  ce: CostExplorerClient,
  count: Count,
  TimePeriod: DateInterval,
  notes: Note[],
): Promise<UtilizationDay[]> {
  const pages = await allPages(async (NextPageToken) => {
    count();
    const r = await ce.send(new GetReservationUtilizationCommand({ TimePeriod, Granularity: 'DAILY', NextPageToken }));
    return { items: listOf(r.UtilizationsByTime, 'UtilizationsByTime'), nextToken: r.NextPageToken };
  });
  const n = new Amounts('ce:GetReservationUtilization', 'utilization figures');
  const days = pages.flatMap((t) => {
    const date = t.TimePeriod?.Start ?? '';
    const pct = n.maybe(t.Total?.UtilizationPercentage, date);
    return pct === undefined
      ? []
      : [{ date, utilizationPct: pct, unusedUsd: n.usd(t.Total?.RICostForUnusedHours, date) }];
  });
  n.note(notes);
  return days;
}

/** Active RDS reservations of one region, each with the day it ends (start plus duration). */
/** When a reservation that started at `start` and lasts `seconds` ends. */
const endOf = (start: Date | string, seconds: number): string =>
  new Date(new Date(start).getTime() + seconds * 1000).toISOString();

async function readRdsReservations(aws: Aws, region: string): Promise<Reservation[]> {
  const pages = paginateDescribeReservedDBInstances(pager(aws.client(RDSClient, region)), {});
  const all = await itemsOf(pages, (p) => p.ReservedDBInstances);
  return all.flatMap((ri) =>
    ri.State !== 'active' || !ri.StartTime || !ri.Duration
      ? []
      : [
          {
            service: 'rds' as const,
            id: ri.ReservedDBInstanceId ?? '',
            region,
            instanceType: ri.DBInstanceClass ?? '',
            count: ri.DBInstanceCount ?? 0,
            end: endOf(ri.StartTime, ri.Duration),
            ...(ri.ProductDescription ? { engine: ri.ProductDescription } : {}),
            multiAz: ri.MultiAZ === true,
          },
        ],
  );
}

async function readCacheReservations(aws: Aws, region: string): Promise<Reservation[]> {
  const pages = paginateDescribeReservedCacheNodes(pager(aws.client(ElastiCacheClient, region)), {});
  const all = await itemsOf(pages, (p) => p.ReservedCacheNodes);
  return all.flatMap((n) =>
    n.State !== 'active' || !n.StartTime || !n.Duration
      ? []
      : [
          {
            service: 'elasticache' as const,
            id: n.ReservedCacheNodeId ?? '',
            region,
            instanceType: n.CacheNodeType ?? '',
            count: n.CacheNodeCount ?? 0,
            end: endOf(n.StartTime, n.Duration),
          },
        ],
  );
}

async function readRedshiftReservations(aws: Aws, region: string): Promise<Reservation[]> {
  const pages = paginateDescribeReservedNodes(pager(aws.client(RedshiftClient, region)), {});
  const all = await itemsOf(pages, (p) => p.ReservedNodes);
  return all.flatMap((n) =>
    n.State !== 'active' || !n.StartTime || !n.Duration
      ? []
      : [
          {
            service: 'redshift' as const,
            id: n.ReservedNodeId ?? '',
            region,
            instanceType: n.NodeType ?? '',
            count: n.NodeCount ?? 0,
            end: endOf(n.StartTime, n.Duration),
          },
        ],
  );
}

/** The reservation reads of each region, with their services and IAM sources. */
const RESERVATION_READS: [Reservation['service'], string, (aws: Aws, region: string) => Promise<Reservation[]>][] = [
  ['rds', 'rds:DescribeReservedDBInstances', readRdsReservations],
  ['elasticache', 'elasticache:DescribeReservedCacheNodes', readCacheReservations],
  ['redshift', 'redshift:DescribeReservedNodes', readRedshiftReservations],
];

/** Savings Plans coverage by instance family and region; no Granularity, which AWS refuses beside GroupBy. */
async function readSpCoverage(
  ce: CostExplorerClient,
  count: Count,
  TimePeriod: DateInterval,
  notes: Note[],
): Promise<SpCoverageGroup[]> {
  const GroupBy = [
    { Type: 'DIMENSION' as const, Key: 'INSTANCE_FAMILY' },
    { Type: 'DIMENSION' as const, Key: 'REGION' },
  ];
  const items = await itemsOf(
    paginateGetSavingsPlansCoverage(pager(ce, count), { TimePeriod, GroupBy }),
    (r) => r.SavingsPlansCoverages,
  );
  // The response may still split the window into periods (a month boundary): add each group's periods up.
  const n = new Amounts('ce:GetSavingsPlansCoverage', 'coverage amounts');
  const groups = new Map<string, SpCoverageGroup>();
  for (const c of items) {
    const instanceFamily = attr(c.Attributes, 'INSTANCE_FAMILY');
    const region = attr(c.Attributes, 'REGION');
    const g = groups.get(`${instanceFamily}|${region}`) ?? {
      instanceFamily,
      region,
      coveredUsd: 0,
      onDemandUsd: 0,
      totalUsd: 0,
    };
    const where = `${instanceFamily} in ${region}`;
    g.coveredUsd += n.usd(c.Coverage?.SpendCoveredBySavingsPlans, where);
    g.onDemandUsd += n.usd(c.Coverage?.OnDemandCost, where);
    g.totalUsd += n.usd(c.Coverage?.TotalCost, where);
    groups.set(`${instanceFamily}|${region}`, g);
  }
  n.note(notes);
  return [...groups.values()];
}

/** Reserved Instance coverage by instance type and region; no Granularity, which AWS refuses beside GroupBy. */
async function readRiCoverage(
  ce: CostExplorerClient,
  count: Count,
  TimePeriod: DateInterval,
  notes: Note[],
): Promise<RiCoverageGroup[]> {
  const GroupBy = [
    { Type: 'DIMENSION' as const, Key: 'INSTANCE_TYPE' },
    { Type: 'DIMENSION' as const, Key: 'REGION' },
  ];
  const periods = await allPages(async (NextPageToken) => {
    count();
    const r = await ce.send(new GetReservationCoverageCommand({ TimePeriod, GroupBy, NextPageToken }));
    return { items: listOf(r.CoveragesByTime, 'CoveragesByTime'), nextToken: r.NextPageToken };
  });
  const n = new Amounts('ce:GetReservationCoverage', 'coverage hours');
  const groups = new Map<string, RiCoverageGroup>();
  for (const g of periods.flatMap((p) => listOf(p.Groups, 'CoveragesByTime[].Groups'))) {
    const instanceType = attr(g.Attributes, 'INSTANCE_TYPE');
    const region = attr(g.Attributes, 'REGION');
    const h = g.Coverage?.CoverageHours;
    const sum = groups.get(`${instanceType}|${region}`) ?? {
      instanceType,
      region,
      reservedHours: 0,
      onDemandHours: 0,
      totalHours: 0,
    };
    const where = `${instanceType} in ${region}`;
    sum.reservedHours += n.usd(h?.ReservedHours, where);
    sum.onDemandHours += n.usd(h?.OnDemandHours, where);
    sum.totalHours += n.usd(h?.TotalRunningHours, where);
    groups.set(`${instanceType}|${region}`, sum);
  }
  n.note(notes);
  return [...groups.values()];
}

// One term and payment option keeps this to one request each; the most common starting point (1 year, no upfront).
const TERM = 'ONE_YEAR' as const;
const PAYMENT = 'NO_UPFRONT' as const;
const LOOKBACK = 'THIRTY_DAYS' as const;

async function readSpPurchase(ce: CostExplorerClient, count: Count, notes: Note[]): Promise<PurchaseRecommendation[]> {
  const details = await allPages(async (NextPageToken) => {
    count();
    const r = await ce.send(
      new GetSavingsPlansPurchaseRecommendationCommand({
        SavingsPlansType: 'COMPUTE_SP',
        TermInYears: TERM,
        PaymentOption: PAYMENT,
        LookbackPeriodInDays: LOOKBACK,
        NextPageToken,
      }),
    );
    return {
      items: r.SavingsPlansPurchaseRecommendation?.SavingsPlansPurchaseRecommendationDetails ?? [],
      nextToken: r.NextPageToken,
    };
  });
  const n = new Amounts('ce:GetSavingsPlansPurchaseRecommendation', 'recommendation amounts');
  const recs = details.map((d): PurchaseRecommendation => {
    const monthly = n.maybe(d.EstimatedMonthlySavingsAmount);
    const upfront = n.maybe(d.UpfrontCost);
    return {
      kind: 'savings-plan',
      what: `Compute Savings Plan $${n.maybe(d.HourlyCommitmentToPurchase)?.toFixed(3) ?? '?'}/h`,
      accountId: d.AccountId,
      term: TERM,
      paymentOption: PAYMENT,
      monthlySavingsUsd: monthly,
      upfrontUsd: upfront,
      // No upfront means the plan pays back from its first month; otherwise upfront over monthly savings.
      breakEvenMonths: upfront === undefined || !monthly ? undefined : upfront === 0 ? 0 : upfront / monthly,
      expectedUtilizationPct: n.maybe(d.EstimatedAverageUtilization),
    };
  });
  n.note(notes);
  return recs;
}

async function readRiPurchase(ce: CostExplorerClient, count: Count, notes: Note[]): Promise<PurchaseRecommendation[]> {
  const recs = await itemsOf(
    paginateGetReservationPurchaseRecommendation(pager(ce, count), {
      Service: 'Amazon Elastic Compute Cloud - Compute',
      TermInYears: TERM,
      PaymentOption: PAYMENT,
      LookbackPeriodInDays: LOOKBACK,
    }),
    (r) => r.Recommendations,
  );
  const n = new Amounts('ce:GetReservationPurchaseRecommendation', 'recommendation amounts');
  const out = recs.flatMap((rec) =>
    (rec.RecommendationDetails ?? []).map((d): PurchaseRecommendation => {
      const ec2 = d.InstanceDetails?.EC2InstanceDetails;
      return {
        kind: 'reserved-instance',
        what: `${d.RecommendedNumberOfInstancesToPurchase ?? '?'} x ${ec2?.InstanceType ?? '?'} (${ec2?.Region ?? '?'})`,
        accountId: d.AccountId,
        instanceType: ec2?.InstanceType,
        region: ec2?.Region,
        term: TERM,
        paymentOption: PAYMENT,
        monthlySavingsUsd: n.maybe(d.EstimatedMonthlySavingsAmount),
        upfrontUsd: n.maybe(d.UpfrontCost),
        breakEvenMonths: n.maybe(d.EstimatedBreakEvenInMonths),
        expectedUtilizationPct: n.maybe(d.AverageUtilization),
      };
    }),
  );
  n.note(notes);
  return out;
}

async function readAnomalyMonitors(ce: CostExplorerClient, count: Count): Promise<{ count: number; names: string[] }> {
  const monitors = await itemsOf(paginateGetAnomalyMonitors(pager(ce, count), {}), (r) => r.AnomalyMonitors);
  return { count: monitors.length, names: monitors.map((m) => m.MonitorName ?? '') };
}

/** The active Savings Plans with their types; the service is global, answered in us-east-1. No SDK paginator exists. */
async function readSavingsPlans(aws: Aws): Promise<ActivePlan[]> {
  const client = aws.client(SavingsplansClient, 'us-east-1');
  const plans = await allPages(async (nextToken) => {
    const r = await client.send(new DescribeSavingsPlansCommand({ states: ['active'], nextToken }));
    return { items: r.savingsPlans ?? [], nextToken: r.nextToken };
  });
  return plans.map((p) => ({
    id: p.savingsPlanId ?? '',
    type: p.savingsPlanType ?? 'unknown',
    ...(p.ec2InstanceFamily ? { family: p.ec2InstanceFamily } : {}),
    ...(p.region ? { region: p.region } : {}),
    ...(p.end ? { end: p.end } : {}),
    ...(p.commitment && Number.isFinite(Number(p.commitment)) ? { hourlyUsd: Number(p.commitment) } : {}),
  }));
}
