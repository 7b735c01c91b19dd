/**
 * The facts of the sample estate: a mid-size Durion ERP estate on AWS (production, staging and development accounts
 * behind one payer, ~$25k a month). Accounts, services as Cost Explorer names them, the lines of the bill (the cells of
 * the spend cube, each with its weekday cost) and the anomalies planted in it. src/sample/spend.ts turns these facts
 * into Cost Explorer answers; tests and the anomaly detector's checks read PLANTED_ANOMALIES.
 *
 * Unit prices are AWS us-east-1 list prices (EC2 from aws/karpenter-provider-aws
 * pkg/providers/pricing/zz_generated.pricing_aws.go @1d927085, Apache-2.0; EBS, NAT, ALB, IPv4, Lambda from the
 * infracost goldens @95ba4f49, Apache-2.0); they only give UsageQuantity a plausible size. Service names follow Cost
 * Explorer: "Amazon Elastic Load Balancing" as in AWS CLI's own get-dimension-values example (aws/aws-cli
 * awscli/examples/ce/get-dimension-values.rst @07c4fe36, Apache-2.0); REGION values "global" and "NoRegion" are the
 * ones Cost Explorer uses for global services and for charges without a region (tax, support, fees).
 */

import { addDays } from '../dates';
import { DAYS_PER_MONTH } from '../model';

export const SAMPLE_ACCOUNTS = [
  { id: '111111111111', name: 'durion-production' },
  { id: '222222222222', name: 'durion-staging' },
  { id: '333333333333', name: 'durion-development' },
] as const;
export type SampleAccountId = (typeof SAMPLE_ACCOUNTS)[number]['id'];

const [PRODUCTION, STAGING, DEVELOPMENT] = SAMPLE_ACCOUNTS.map((a) => a.id) as [
  SampleAccountId,
  SampleAccountId,
  SampleAccountId,
];

/** Services exactly as Cost Explorer's SERVICE dimension names them. */
export const SERVICES = {
  ec2: 'Amazon Elastic Compute Cloud - Compute',
  ec2Other: 'EC2 - Other',
  rds: 'Amazon Relational Database Service',
  s3: 'Amazon Simple Storage Service',
  cloudFront: 'Amazon CloudFront',
  lambda: 'AWS Lambda',
  elastiCache: 'Amazon ElastiCache',
  elb: 'Amazon Elastic Load Balancing',
  vpc: 'Amazon Virtual Private Cloud',
  cloudWatch: 'AmazonCloudWatch',
  dynamoDb: 'Amazon DynamoDB',
  kms: 'AWS Key Management Service',
  route53: 'Amazon Route 53',
  support: 'AWS Support (Business)',
  tax: 'Tax',
  savingsPlans: 'Savings Plans for AWS Compute usage',
  sageMaker: 'Amazon SageMaker',
} as const;
export type SampleService = (typeof SERVICES)[keyof typeof SERVICES];

/** The cost-allocation tag the estate uses, and its values; '' is untagged (Cost Explorer's `team$`). */
export const SAMPLE_TAG_KEY = 'team';
export const TEAMS = ['erp-core', 'data', 'platform', ''] as const;
export type Team = (typeof TEAMS)[number];

export const RECORD_TYPES = ['Usage', 'Tax', 'Support', 'SavingsPlanRecurringFee'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

/** One line of the bill: a cell of the spend cube (account, service, region, usage type, tag value). */
export interface BillLine {
  accountId: SampleAccountId;
  service: SampleService;
  region: string;
  usageType: string;
  team: Team;
  recordType: RecordType;
  /** 'daily' accrues every day; 'month-start' is charged whole on the 1st, as support, tax and fees are. */
  charge: 'daily' | 'month-start';
  /** USD on a weekday at GROWTH_EPOCH (for month-start lines: USD for the month). */
  usd: number;
  /** A weekend day's cost as a share of a weekday's (auto scaling in, development stopped); 1 for flat costs. */
  weekend: number;
  /** List price of one unit and the unit, so that UsageQuantity = cost / unitUsd. */
  unitUsd: number;
  unit: string;
}

/** Growth is compounded monthly from this day, so a day's cost never depends on the window asked for. */
export const GROWTH_EPOCH = '2026-01-01';
/** Steady growth of the estate: 2.5% a month. */
export const MONTHLY_GROWTH = 0.025;
/** Day-to-day noise: the standard deviation of a line's multiplicative noise. */
export const NOISE = 0.05;

const HOURS = 24;

type Usage = Omit<BillLine, 'accountId' | 'recordType' | 'charge'> & { charge?: BillLine['charge'] };

/** A usage line priced from units a day: cost = units * unit price. */
const use = (
  service: SampleService,
  region: string,
  usageType: string,
  team: Team,
  unitsPerDay: number,
  unitUsd: number,
  unit: string,
  weekend = 1,
): Usage => ({ service, region, usageType, team, usd: unitsPerDay * unitUsd, weekend, unitUsd, unit });

/** Production's usage; staging and development run scaled-down copies of most of it. */
const PRODUCTION_USAGE: Usage[] = [
  use(SERVICES.ec2, 'us-east-1', 'USE1-BoxUsage:m5.xlarge', 'erp-core', 10 * HOURS, 0.192, 'Hrs', 0.75),
  use(SERVICES.ec2, 'us-east-1', 'USE1-BoxUsage:c5.2xlarge', 'data', 6 * HOURS, 0.34, 'Hrs', 0.6),
  use(SERVICES.ec2, 'eu-west-1', 'EU-BoxUsage:m5.large', 'erp-core', 4 * HOURS, 0.107, 'Hrs', 0.75),
  use(SERVICES.ec2Other, 'us-east-1', 'USE1-NatGateway-Hours', 'platform', 3 * HOURS, 0.045, 'Hrs'),
  use(SERVICES.ec2Other, 'us-east-1', 'USE1-NatGateway-Bytes', 'platform', 500, 0.045, 'GB', 0.7),
  use(SERVICES.ec2Other, 'us-east-1', 'USE1-DataTransfer-Out-Bytes', 'erp-core', 300, 0.09, 'GB', 0.6),
  use(SERVICES.ec2Other, 'us-east-1', 'USE1-EBS:VolumeUsage.gp3', 'erp-core', 24000 / DAYS_PER_MONTH, 0.08, 'GB-Mo'),
  use(SERVICES.ec2Other, 'us-east-1', 'USE1-EBS:SnapshotUsage', '', 8000 / DAYS_PER_MONTH, 0.05, 'GB-Mo'),
  use(SERVICES.ec2Other, 'eu-west-1', 'EU-EBS:VolumeUsage.gp3', 'erp-core', 3000 / DAYS_PER_MONTH, 0.088, 'GB-Mo'),
  use(SERVICES.rds, 'us-east-1', 'USE1-Multi-AZUsage:db.r5.xlarge', 'erp-core', 2 * HOURS, 1.0, 'Hrs'),
  use(SERVICES.rds, 'us-east-1', 'USE1-RDS:Multi-AZ-GP3-Storage', 'erp-core', 2000 / DAYS_PER_MONTH, 0.23, 'GB-Mo'),
  use(SERVICES.rds, 'us-east-1', 'USE1-RDS:ChargedBackupUsage', '', 3000 / DAYS_PER_MONTH, 0.095, 'GB-Mo'),
  use(SERVICES.s3, 'us-east-1', 'USE1-TimedStorage-ByteHrs', 'data', 60000 / DAYS_PER_MONTH, 0.023, 'GB-Mo'),
  use(SERVICES.s3, 'us-east-1', 'USE1-Requests-Tier1', 'data', 2_000_000, 0.000005, 'Requests', 0.5),
  use(SERVICES.cloudFront, 'global', 'US-DataTransfer-Out-Bytes', 'erp-core', 400, 0.085, 'GB', 0.5),
  use(SERVICES.cloudFront, 'global', 'EU-DataTransfer-Out-Bytes', 'erp-core', 150, 0.085, 'GB', 0.5),
  use(
    SERVICES.lambda,
    'us-east-1',
    'USE1-Lambda-GB-Second',
    'erp-core',
    900_000,
    0.0000166667,
    'Lambda-GB-Second',
    0.4,
  ),
  use(SERVICES.lambda, 'us-east-1', 'USE1-Request', 'erp-core', 4_000_000, 0.0000002, 'Requests', 0.4),
  use(SERVICES.elastiCache, 'us-east-1', 'USE1-NodeUsage:cache.r6g.large', 'erp-core', 3 * HOURS, 0.206, 'NodeHour'),
  use(SERVICES.elb, 'us-east-1', 'USE1-LoadBalancerUsage', 'erp-core', 2 * HOURS, 0.0225, 'Hrs'),
  use(SERVICES.elb, 'us-east-1', 'USE1-LCUUsage', 'erp-core', 40 * HOURS, 0.008, 'LCU-Hrs', 0.5),
  use(SERVICES.vpc, 'us-east-1', 'USE1-PublicIPv4:InUseAddress', 'platform', 20 * HOURS, 0.005, 'Hrs'),
  use(SERVICES.vpc, 'us-east-1', 'USE1-VpcEndpoint-Hours', 'platform', 6 * HOURS, 0.01, 'Hrs'),
  use(
    SERVICES.cloudWatch,
    'us-east-1',
    'USE1-CW:MetricMonitorUsage',
    'platform',
    3000 / DAYS_PER_MONTH,
    0.3,
    'Metrics',
  ),
  use(SERVICES.cloudWatch, 'us-east-1', 'USE1-DataProcessing-Bytes', 'platform', 30, 0.5, 'GB', 0.7),
  use(
    SERVICES.dynamoDb,
    'us-east-1',
    'USE1-ReadRequestUnits',
    'erp-core',
    40_000_000,
    0.000000125,
    'ReadRequestUnits',
    0.5,
  ),
  use(SERVICES.dynamoDb, 'us-east-1', 'USE1-TimedStorage-ByteHrs', 'erp-core', 200 / DAYS_PER_MONTH, 0.25, 'GB-Mo'),
  use(SERVICES.kms, 'us-east-1', 'USE1-KMS-Keys', 'platform', 25 / DAYS_PER_MONTH, 1, 'Keys'),
  use(SERVICES.route53, 'global', 'DNS-Queries', 'platform', 5_000_000, 0.0000004, 'Queries', 0.6),
  { ...use(SERVICES.route53, 'global', 'HostedZone', 'platform', 12, 0.5, 'HostedZone'), charge: 'month-start' },
];

/** How a smaller account copies production: its scale, its weekend share and the services it does without. */
interface Copy {
  accountId: SampleAccountId;
  scale: number;
  /** Weekend share for lines that vary with work (production's weekend < 1). */
  weekend: number;
  without: SampleService[];
  /** Tag values this account's teams forget to set. */
  untagged: Team[];
}

const COPIES: Copy[] = [
  { accountId: STAGING, scale: 0.25, weekend: 0.6, without: [SERVICES.cloudFront, SERVICES.route53], untagged: [] },
  {
    accountId: DEVELOPMENT,
    scale: 0.12,
    weekend: 0.35, // development instances are stopped at weekends
    without: [SERVICES.cloudFront, SERVICES.route53, SERVICES.elastiCache],
    untagged: ['data'],
  },
];

const copyOf = (line: Usage, copy: Copy): Usage => ({
  ...line,
  usd: line.usd * copy.scale,
  weekend: line.weekend < 1 ? copy.weekend : 1,
  team: copy.untagged.includes(line.team) ? '' : line.team,
});

const withAccount = (accountId: SampleAccountId, lines: Usage[]): BillLine[] =>
  lines.map((l) => ({ charge: 'daily', recordType: 'Usage', accountId, ...l }));

const USAGE_LINES: BillLine[] = [
  ...withAccount(PRODUCTION, PRODUCTION_USAGE),
  ...COPIES.flatMap((c) =>
    withAccount(
      c.accountId,
      PRODUCTION_USAGE.filter((l) => !c.without.includes(l.service)).map((l) => copyOf(l, c)),
    ),
  ),
];

/** An account's usage over an average month (5 weekdays, 2 weekend days a week). */
const monthlyUsage = (accountId: SampleAccountId): number =>
  USAGE_LINES.filter((l) => l.accountId === accountId && l.charge === 'daily').reduce(
    (sum, l) => sum + (l.usd * (5 + 2 * l.weekend) * DAYS_PER_MONTH) / 7,
    0,
  );

/** Charges posted whole on the 1st of the month, sized from the account's usage. */
const monthStart = (
  accountId: SampleAccountId,
  service: SampleService,
  recordType: RecordType,
  usageType: string,
  usd: number,
): BillLine => ({
  accountId,
  service,
  region: 'NoRegion',
  usageType,
  team: '',
  recordType,
  charge: 'month-start',
  usd,
  weekend: 1,
  unitUsd: usd,
  unit: 'N/A',
});

const TAX_RATE = 0.06;
/** Business support: the greater of $100 or 10% of the month's usage (tiered above $10k; not reached here). */
const businessSupport = (usage: number): number => Math.max(100, 0.1 * usage);
/** Compute Savings Plan commitment in production: $1.50 an hour, no upfront, billed monthly. */
const SAVINGS_PLAN_HOURLY = 1.5;

export const BILL_LINES: readonly BillLine[] = [
  ...USAGE_LINES,
  ...SAMPLE_ACCOUNTS.flatMap(({ id }) => [
    monthStart(id, SERVICES.support, 'Support', 'Business-Support', businessSupport(monthlyUsage(id))),
    monthStart(id, SERVICES.tax, 'Tax', 'Tax', TAX_RATE * monthlyUsage(id)),
  ]),
  monthStart(
    PRODUCTION,
    SERVICES.savingsPlans,
    'SavingsPlanRecurringFee',
    'ComputeSP:1yrNoUpfront',
    SAVINGS_PLAN_HOURLY * 730,
  ),
];

export const ANOMALY_KINDS = ['spike', 'level-shift', 'new-service'] as const;
export type AnomalyKind = (typeof ANOMALY_KINDS)[number];

/**
 * The anchor of the planted anomalies for a run on asOf: the Monday on or before it.
 *
 * Why an anchor: real anomalies keep their start day from one run to the next, so the planted ones may not move with
 * the as-of date (each daily run would see them start a day later: new anomaly ids, alerted again). Yet a run on any
 * day must see all three inside the detector's window. So they sit at fixed offsets from a weekly anchor: runs from
 * Monday to Sunday see the same days (same ids, "ongoing", no re-alert unless the impact grows by the configured
 * share), and the next Monday moves them a week on (a run then sees them as new once). The offsets give every weekday
 * what src/anomaly/detect.ts needs (the last day a run reads is the day before as-of):
 * - the spike (2 days, Wednesday and Thursday before the anchor) has at least two quiet days after it, so it closes
 *   as resolved on a Monday run, and still ends within the 14 days reported on a Sunday run;
 * - the level shift (from the Tuesday before the anchor) has 6 days on a Monday run and 12 on a Sunday run: at least
 *   the two days its $50 impact threshold needs, never the 14 days after which the detector takes it as the new normal
 *   (settled); both it and the spike start at least two days before as-of, so AWS's monitor (src/sample/anomalies.ts,
 *   a day late) sees them on every weekday;
 * - the new service (from the Friday before the anchor) has 3 to 9 days: qualified, not settled, from four weeks of
 *   nothing.
 * The cost of a day depends only on (seed, day, anchor), so any window asked on one as-of date reads the same days.
 */
export function anomalyAnchor(asOf: string): string {
  const sinceMonday = (new Date(`${asOf}T00:00:00Z`).getUTCDay() + 6) % 7; // getUTCDay: Sunday 0, Monday 1
  return addDays(asOf, -sinceMonday);
}

/** An anomaly planted in the sample's spend, placed relative to the weekly anchor (see anomalyAnchor). */
export interface PlantedAnomaly {
  kind: AnomalyKind;
  accountId: SampleAccountId;
  service: SampleService;
  region: string;
  usageType: string;
  team: Team;
  /** Days before the anchor of the first day. */
  startDaysBeforeAnchor: number;
  /** Days it lasts; undefined: still running, through as-of and into the forecast. */
  days?: number;
  /** Extra cost on each affected day, on top of the line's normal cost. */
  extraUsdPerDay: number;
  unitUsd: number;
  unit: string;
  description: string;
}

export const PLANTED_ANOMALIES: readonly PlantedAnomaly[] = [
  {
    kind: 'spike',
    accountId: PRODUCTION,
    service: SERVICES.cloudWatch,
    region: 'us-east-1',
    usageType: 'USE1-DataProcessing-Bytes',
    team: 'platform',
    startDaysBeforeAnchor: 5,
    days: 2,
    extraUsdPerDay: 240,
    unitUsd: 0.5,
    unit: 'GB',
    description: 'debug logging left on in production: 480 GB a day of CloudWatch Logs ingestion for two days',
  },
  {
    kind: 'level-shift',
    accountId: STAGING,
    service: SERVICES.ec2Other,
    region: 'us-east-1',
    usageType: 'USE1-NatGateway-Bytes',
    team: 'platform',
    startDaysBeforeAnchor: 6,
    extraUsdPerDay: 45,
    unitUsd: 0.045,
    unit: 'GB',
    description: 'staging pulls container images through the NAT gateway since a VPC endpoint was removed: +1 TB a day',
  },
  {
    kind: 'new-service',
    accountId: DEVELOPMENT,
    service: SERVICES.sageMaker,
    region: 'us-east-1',
    usageType: 'USE1-Host:ml.g4dn.xlarge',
    team: 'data',
    startDaysBeforeAnchor: 3,
    extraUsdPerDay: 2 * HOURS * 0.736,
    unitUsd: 0.736,
    unit: 'Hrs',
    description: 'two SageMaker endpoints on ml.g4dn.xlarge left running in development',
  },
];

/**
 * The planted anomalies with their days for a run on asOf: start inclusive, end exclusive (as Cost Explorer); no end
 * while still running.
 */
export const plantedAnomalies = (asOf: string): (PlantedAnomaly & { start: string; end?: string })[] => {
  const anchor = anomalyAnchor(asOf);
  return PLANTED_ANOMALIES.map((a) => {
    const start = addDays(anchor, -a.startDaysBeforeAnchor);
    return { ...a, start, ...(a.days === undefined ? {} : { end: addDays(start, a.days) }) };
  });
};
