/**
 * The sample estate's commitments, as Cost Explorer, RDS, Budgets and Cost Anomaly Detection answer them. The estate
 * (src/sample/estate.ts) pays a $1.50/h Compute Savings Plan: it covers the m5 fleet in us-east-1 entirely and a
 * little of c5, leaving gaps (c5, eu-west-1, Lambda) that a purchase recommendation addresses. Two production
 * db.t3.large run on a reservation that ends 21 days after the as-of date. Savings Plans utilization dipped for one
 * day five days ago (a resize, since undone): visible in the history, no alert today. Shapes follow
 * Cost Explorer's service model and the AWS CLI's examples (amounts are strings; attribute keys come back in either case).
 */
import { awsError } from '../aws/replay';
import { addDays } from '../dates';
import type { SampleHandler } from './index';

const PROD = '111111111111';
const DAY_MS = 86_400_000;

/** The sample's reservation ends this many days after the as-of date. */
export const SAMPLE_RESERVATION_DAYS_LEFT = 21;
/** Savings Plans utilization: the usual day, and the one-day dip `daysAgo` days before the as-of date. */
export const SAMPLE_SP_UTILIZATION = { usual: 99.2, dip: 74.5, daysAgo: 5 } as const;
/** The Savings Plan's daily commitment: $1.50 an hour. */
const SP_DAILY = 36;

const s = (n: number) => n.toFixed(10).replace(/\.?0+$/, '') || '0';

/** The days of [Start, End), as Cost Explorer's DAILY granularity returns them. */
function daysOf(input: Record<string, unknown>): string[] {
  const period = input.TimePeriod as { Start: string; End: string };
  const days: string[] = [];
  for (let d = period.Start; d < period.End; d = addDays(d, 1)) days.push(d);
  return days;
}

const period = (input: Record<string, unknown>) => input.TimePeriod as { Start: string; End: string };

function spUtilization(input: Record<string, unknown>) {
  const days = daysOf(input);
  const byTime = days.map((day, i) => {
    const dip = i === days.length - SAMPLE_SP_UTILIZATION.daysAgo;
    const pct = dip ? SAMPLE_SP_UTILIZATION.dip : SAMPLE_SP_UTILIZATION.usual;
    const used = (SP_DAILY * pct) / 100;
    return {
      TimePeriod: { Start: day, End: addDays(day, 1) },
      Utilization: {
        TotalCommitment: s(SP_DAILY),
        UsedCommitment: s(used),
        UnusedCommitment: s(SP_DAILY - used),
        UtilizationPercentage: s(pct),
      },
      Savings: { NetSavings: s(used * 0.39), OnDemandCostEquivalent: s(used * 1.39) },
      AmortizedCommitment: {
        AmortizedRecurringCommitment: s(SP_DAILY),
        AmortizedUpfrontCommitment: '0',
        TotalAmortizedCommitment: s(SP_DAILY),
      },
    };
  });
  const total = byTime.reduce((sum, t) => sum + Number(t.Utilization.UsedCommitment), 0);
  return {
    SavingsPlansUtilizationsByTime: byTime,
    Total: {
      Utilization: {
        TotalCommitment: s(SP_DAILY * days.length),
        UsedCommitment: s(total),
        UnusedCommitment: s(SP_DAILY * days.length - total),
        UtilizationPercentage: s((total / (SP_DAILY * days.length)) * 100),
      },
    },
  };
}

/** Two db.t3.large and one m6g.large reserved, all in use. */
const RESERVED_HOURS_A_DAY = 72;

function riUtilization(input: Record<string, unknown>) {
  const aggregate = (hours: number) => ({
    UtilizationPercentage: '100',
    PurchasedHours: s(hours),
    TotalActualHours: s(hours),
    UnusedHours: '0',
    RICostForUnusedHours: '0',
    NetRISavings: s(hours * 0.33),
  });
  const days = daysOf(input);
  return {
    UtilizationsByTime: days.map((day) => ({
      TimePeriod: { Start: day, End: addDays(day, 1) },
      Groups: [],
      Total: aggregate(RESERVED_HOURS_A_DAY),
    })),
    Total: aggregate(RESERVED_HOURS_A_DAY * days.length),
  };
}

/** Savings Plans coverage by instance family and region over 30 days (the estate's usage, priced On-Demand). */
const SP_COVERAGE = [
  { family: 'm5', region: 'us-east-1', covered: 1302.0, total: 1302.0 },
  { family: 'c5', region: 'us-east-1', covered: 195.3, total: 1301.2 },
  { family: 't3', region: 'us-east-1', covered: 0, total: 60.7 },
  { family: 'm5', region: 'eu-west-1', covered: 0, total: 290.4 },
  { family: '', region: 'us-east-1', covered: 0, total: 375.2 },
] as const;
/** Coverage pages this many groups at a time, so the sample exercises NextToken as Cost Explorer does. */
const SP_COVERAGE_PAGE = 3;

function spCoverage(input: Record<string, unknown>) {
  const from = Number(input.NextToken ?? 0) || 0;
  const next = from + SP_COVERAGE_PAGE;
  return {
    SavingsPlansCoverages: SP_COVERAGE.slice(from, next).map((g) => ({
      Attributes: { INSTANCE_FAMILY: g.family, REGION: g.region },
      Coverage: {
        SpendCoveredBySavingsPlans: s(g.covered),
        OnDemandCost: s(g.total - g.covered),
        TotalCost: s(g.total),
        CoveragePercentage: s(g.total > 0 ? (g.covered / g.total) * 100 : 0),
      },
      TimePeriod: period(input),
    })),
    ...(next < SP_COVERAGE.length ? { NextToken: String(next) } : {}),
  };
}

/**
 * Reserved Instance coverage by type and region over 30 days: two of the four db.t3.large in us-east-1 are reserved
 * (the reservation that is about to end), and the Graviton instance of the inventory's RI (src/sample/inventory-estate.ts).
 */
const RI_COVERAGE = [
  { instanceType: 'db.t3.large', region: 'us-east-1', reserved: 1440, onDemand: 1440 },
  { instanceType: 'm6g.large', region: 'us-east-1', reserved: 720, onDemand: 720 },
  { instanceType: 'c5.2xlarge', region: 'us-east-1', reserved: 0, onDemand: 4320 },
  { instanceType: 'm5.xlarge', region: 'us-east-1', reserved: 0, onDemand: 7200 },
  { instanceType: 'm5.large', region: 'eu-west-1', reserved: 0, onDemand: 2880 },
] as const;

function riCoverage(input: Record<string, unknown>) {
  const hours = (reserved: number, onDemand: number) => ({
    CoverageHours: {
      OnDemandHours: s(onDemand),
      ReservedHours: s(reserved),
      TotalRunningHours: s(reserved + onDemand),
      CoverageHoursPercentage: s((reserved / (reserved + onDemand)) * 100),
    },
  });
  const reserved = RI_COVERAGE.reduce((a, g) => a + g.reserved, 0);
  const onDemand = RI_COVERAGE.reduce((a, g) => a + g.onDemand, 0);
  return {
    CoveragesByTime: [
      {
        TimePeriod: period(input),
        Groups: RI_COVERAGE.map((g) => ({
          Attributes: { instanceType: g.instanceType, region: g.region },
          Coverage: hours(g.reserved, g.onDemand),
        })),
        Total: hours(reserved, onDemand),
      },
    ],
    Total: hours(reserved, onDemand),
  };
}

const spPurchase = () => ({
  Metadata: {
    RecommendationId: 'sample-sp-recommendation',
    GenerationTimestamp: '2026-01-01T00:00:00Z',
    LookbackPeriodInDays: 'THIRTY_DAYS',
  },
  SavingsPlansPurchaseRecommendation: {
    AccountScope: 'PAYER',
    SavingsPlansType: 'COMPUTE_SP',
    TermInYears: 'ONE_YEAR',
    PaymentOption: 'NO_UPFRONT',
    LookbackPeriodInDays: 'THIRTY_DAYS',
    SavingsPlansPurchaseRecommendationDetails: [
      {
        SavingsPlansDetails: { Region: 'us-east-1', InstanceFamily: '', OfferingId: 'sample-offering' },
        AccountId: PROD,
        UpfrontCost: '0',
        EstimatedROI: '39.6',
        CurrencyCode: 'USD',
        EstimatedSPCost: '255.5',
        EstimatedOnDemandCost: '356.7',
        EstimatedSavingsAmount: '101.2',
        EstimatedSavingsPercentage: '28.37',
        HourlyCommitmentToPurchase: '0.35',
        EstimatedAverageUtilization: '97.8',
        EstimatedMonthlySavingsAmount: '101.2',
        CurrentMinimumHourlyOnDemandSpend: '0.41',
        CurrentMaximumHourlyOnDemandSpend: '0.62',
        CurrentAverageHourlyOnDemandSpend: '0.49',
      },
    ],
    SavingsPlansPurchaseRecommendationSummary: {
      EstimatedROI: '39.6',
      CurrencyCode: 'USD',
      EstimatedTotalCost: '255.5',
      CurrentOnDemandSpend: '356.7',
      EstimatedSavingsAmount: '101.2',
      TotalRecommendationCount: '1',
      DailyCommitmentToPurchase: '8.4',
      HourlyCommitmentToPurchase: '0.35',
      EstimatedSavingsPercentage: '28.37',
      EstimatedMonthlySavingsAmount: '101.2',
    },
  },
});

const riPurchase = () => ({
  Metadata: { RecommendationId: 'sample-ri-recommendation', GenerationTimestamp: '2026-01-01T00:00:00Z' },
  Recommendations: [
    {
      AccountScope: 'PAYER',
      LookbackPeriodInDays: 'THIRTY_DAYS',
      TermInYears: 'ONE_YEAR',
      PaymentOption: 'NO_UPFRONT',
      ServiceSpecification: { EC2Specification: { OfferingClass: 'STANDARD' } },
      RecommendationDetails: [
        {
          AccountId: PROD,
          InstanceDetails: {
            EC2InstanceDetails: {
              Family: 'm5',
              InstanceType: 'm5.large',
              Region: 'EU (Ireland)',
              Platform: 'Linux/UNIX',
              Tenancy: 'Shared',
              CurrentGeneration: true,
              SizeFlexEligible: true,
            },
          },
          RecommendedNumberOfInstancesToPurchase: '4',
          AverageUtilization: '100',
          EstimatedBreakEvenInMonths: '0',
          CurrencyCode: 'USD',
          EstimatedMonthlySavingsAmount: '116.8',
          EstimatedMonthlySavingsPercentage: '37.4',
          EstimatedMonthlyOnDemandCost: '312.44',
          UpfrontCost: '0',
          RecurringStandardMonthlyCost: '195.64',
        },
      ],
      RecommendationSummary: {
        TotalEstimatedMonthlySavingsAmount: '116.8',
        TotalEstimatedMonthlySavingsPercentage: '37.4',
        CurrencyCode: 'USD',
      },
    },
  ],
});

/** Commitments, budgets and anomaly monitors of the sample estate. */
export const commitmentHandlers: Record<string, SampleHandler> = {
  'ce:GetSavingsPlansUtilization': (call) => spUtilization(call.input),
  'ce:GetReservationUtilization': (call) => riUtilization(call.input),
  'ce:GetSavingsPlansCoverage': (call) => spCoverage(call.input),
  'ce:GetReservationCoverage': (call) => riCoverage(call.input),
  'ce:GetSavingsPlansPurchaseRecommendation': () => spPurchase(),
  'ce:GetReservationPurchaseRecommendation': () => riPurchase(),
  'ce:GetAnomalyMonitors': () => ({
    AnomalyMonitors: [
      {
        MonitorArn: `arn:aws:ce::${PROD}:anomalymonitor/sample-services-monitor`,
        MonitorName: 'durion-services',
        CreationDate: '2025-06-01',
        MonitorType: 'DIMENSIONAL',
        MonitorDimension: 'SERVICE',
        DimensionalValueCount: 17,
      },
    ],
  }),
  // The estate has no budget: AWS answers NotFoundException rather than an empty list.
  'budgets:DescribeBudgets': () => {
    throw awsError(
      'NotFoundException',
      '[Exception=NotFoundException] Unable to get budgets for account: 111111111111 - no budgets',
    );
  },
  'rds:DescribeReservedDBInstances': (call, o) =>
    call.region !== 'us-east-1'
      ? { ReservedDBInstances: [] }
      : {
          ReservedDBInstances: [
            {
              ReservedDBInstanceId: 'durion-prod-erp-db-ri',
              ReservedDBInstancesOfferingId: 'sample-offering-db-t3-large',
              DBInstanceClass: 'db.t3.large',
              StartTime: new Date(
                Date.parse(`${o.asOf}T00:00:00Z`) + (SAMPLE_RESERVATION_DAYS_LEFT - 365) * DAY_MS,
              ).toISOString(),
              Duration: 31_536_000,
              FixedPrice: 0,
              UsagePrice: 0,
              CurrencyCode: 'USD',
              DBInstanceCount: 2,
              ProductDescription: 'postgresql',
              OfferingType: 'No Upfront',
              MultiAZ: false,
              State: 'active',
              RecurringCharges: [{ RecurringChargeAmount: 0.094, RecurringChargeFrequency: 'Hourly' }],
              ReservedDBInstanceArn: `arn:aws:rds:us-east-1:${PROD}:ri:durion-prod-erp-db-ri`,
            },
          ],
        },
};
