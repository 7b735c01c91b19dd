/**
 * AWS Cost Anomaly Detection: the anomalies AWS found over the recent window (ce:GetAnomalies, every page), and the
 * breakdown behind root causes (ce:GetCostAndUsage by service and usage type, filtered to the anomalous services,
 * within a fixed budget of requests). Each page is a request billed $0.01; a quiet account answers in one page.
 */
import { type Anomaly, CostExplorerClient, type Expression, paginateGetAnomalies } from '@aws-sdk/client-cost-explorer';
import type { Aws } from '../aws';
import type { Breakdown } from '../domain/anomaly';
import { addDays, daysBetween } from '../domain/dates';
import type { Note } from '../domain/note';
import type { CostMetric } from '../domain/spend';
import { Amounts, listOf } from './amounts';
import { guard } from './guard';
import { accountNamesOf, addAt, costAndUsagePages, itemsOf, pager } from './pages';
import { CE_REGION } from './spend';

/** An anomaly as AWS reports it, reduced to what durion-cost uses. Dates are YYYY-MM-DD. */
export interface AwsAnomaly {
  id: string;
  start: string;
  /** Absent while AWS still considers it ongoing. */
  end?: string;
  /** The monitor's dimension value (a service for a services monitor). */
  dimensionValue?: string;
  monitorArn: string;
  maxScore: number;
  expected: number;
  actual: number;
  impactUsd: number;
  /** Feedback given in the console or through durion-cost: YES, NO, PLANNED_ACTIVITY. */
  feedback?: string;
  rootCauses: {
    service?: string;
    region?: string;
    accountId?: string;
    accountName?: string;
    usageType?: string;
    impactUsd?: number;
  }[];
}

/**
 * The IAM actions this collector sends: AWS anomalies, and spend breakdowns for root causes and the intraday run
 * (test/iam.test.ts checks them against its imports and serverless.yml).
 */
export const ANOMALY_IAM_ACTIONS = ['ce:GetAnomalies', 'ce:GetCostAndUsage'] as const;

/** Days of AWS anomalies read each run: the window the digest reports on. */
export const AWS_ANOMALY_DAYS = 14;
/** Large pages: a page is a billed request. */
const PAGE_SIZE = 100;

const day = (iso: string | undefined) => iso?.slice(0, 10);

function toAwsAnomaly(a: Anomaly, amounts: Amounts): AwsAnomaly {
  const n = (v: unknown, what: string) => amounts.usd(v, `${what} of ${a.AnomalyId ?? '?'}`);
  return {
    id: a.AnomalyId ?? '',
    start: day(a.AnomalyStartDate) ?? '',
    ...(a.AnomalyEndDate ? { end: day(a.AnomalyEndDate) } : {}),
    ...(a.DimensionValue ? { dimensionValue: a.DimensionValue } : {}),
    monitorArn: a.MonitorArn ?? '',
    maxScore: n(a.AnomalyScore?.MaxScore, 'MaxScore'),
    expected: n(a.Impact?.TotalExpectedSpend, 'TotalExpectedSpend'),
    actual: n(a.Impact?.TotalActualSpend, 'TotalActualSpend'),
    impactUsd: n(a.Impact?.TotalImpact ?? a.Impact?.MaxImpact, 'TotalImpact'),
    ...(a.Feedback ? { feedback: a.Feedback } : {}),
    rootCauses: (a.RootCauses ?? []).map((r) => ({
      service: r.Service,
      region: r.Region,
      accountId: r.LinkedAccount,
      accountName: r.LinkedAccountName,
      usageType: r.UsageType,
      impactUsd: amounts.maybe(r.Impact?.Contribution, `a root cause of ${a.AnomalyId ?? '?'}`),
    })),
  };
}

/**
 * The anomalies AWS detected from AWS_ANOMALY_DAYS before asOf to asOf, all pages. Undefined (and a note) when Cost
 * Anomaly Detection cannot be read; an empty list when it found nothing (or has no monitor).
 */
export async function collectAwsAnomalies(aws: Aws, asOf: string, notes: Note[]): Promise<AwsAnomaly[] | undefined> {
  const client = aws.client(CostExplorerClient, CE_REGION);
  return guard(notes, { source: 'ce:GetAnomalies' }, async () => {
    const anomalies = await itemsOf(
      paginateGetAnomalies(pager(client), {
        DateInterval: { StartDate: addDays(asOf, -AWS_ANOMALY_DAYS), EndDate: asOf },
        MaxResults: PAGE_SIZE,
      }),
      (page) => listOf(page.Anomalies, 'Anomalies'),
    );
    const amounts = new Amounts('ce:GetAnomalies', 'anomaly figures');
    const out = anomalies.map((a) => toAwsAnomaly(a, amounts));
    amounts.note(notes);
    return out;
  });
}

/** Breakdowns in the order they are worth their request: usage type first, then region. */
export interface RootCauseOptions {
  metric: CostMetric;
  /** Cost Explorer requests (pages) the root causes may spend: 0 to 3. */
  requests: number;
}

/**
 * The breakdown behind root causes: one GetCostAndUsage grouped by [SERVICE, USAGE_TYPE] over the window (the
 * anomalies' days and the two weeks before), filtered to their services (and accounts when each names one, so a
 * service's usage in other accounts is left out). Regions are read from the usage types' billing codes
 * (analyze/anomaly/rootcause.ts), not asked for. Stops at the request budget; what it could not read is a note.
 */
export async function collectBreakdown(
  aws: Aws,
  scope: { window: { start: string; end: string }; services: string[]; accounts: string[] },
  options: RootCauseOptions,
  notes: Note[],
): Promise<Breakdown | undefined> {
  const { window, services, accounts } = scope;
  const filters: Expression[] = [
    { Dimensions: { Key: 'SERVICE', Values: services } },
    ...(accounts.length ? [{ Dimensions: { Key: 'LINKED_ACCOUNT' as const, Values: accounts } }] : []),
  ];
  const filter: Expression = filters.length > 1 ? { And: filters } : (filters[0] as Expression);
  let budget = options.requests;
  if (budget <= 0) return undefined;
  const days = daysBetween(window.start, window.end);
  const index = new Map(days.map((d, i) => [d, i]));
  const series: Record<string, number[]> = {};
  const read = await guard(notes, { source: 'ce:GetCostAndUsage' }, async () => {
    const pages = await costAndUsagePages(
      aws.client(CostExplorerClient, CE_REGION),
      {
        TimePeriod: { Start: window.start, End: window.end },
        Granularity: 'DAILY',
        Metrics: [options.metric],
        GroupBy: [
          { Type: 'DIMENSION', Key: 'SERVICE' },
          { Type: 'DIMENSION', Key: 'USAGE_TYPE' },
        ],
        Filter: filter,
      },
      () => {
        if (budget <= 0) {
          notes.push({
            kind: 'unavailable',
            source: 'anomaly root causes',
            message: 'usage-type breakdown cut at the request budget',
          });
          return false;
        }
        budget--;
        return true;
      },
    );
    const amounts = new Amounts('ce:GetCostAndUsage', 'usage-type amounts');
    for (const r of pages.flatMap((p) => listOf(p.ResultsByTime, 'ResultsByTime'))) {
      const i = index.get(r.TimePeriod?.Start ?? '');
      if (i === undefined) continue;
      for (const g of listOf(r.Groups, 'Groups')) {
        const key = (g.Keys ?? []).join('|');
        addAt(series, key, i, days.length, amounts.usd(g.Metrics?.[options.metric]?.Amount, `${key} on ${days[i]}`));
      }
    }
    amounts.note(notes);
    return true;
  });
  return read ? { by: 'usage-type', days, series } : undefined;
}

/** Hourly spend by `${accountId}|${service}`, dense over `hours` (YYYY-MM-DDTHH:00:00Z). */
export interface HourlySpend {
  hours: string[];
  series: Record<string, number[]>;
  accountNames: Record<string, string>;
}

/** Cost Explorer keeps hourly data for the last 14 days (when hourly granularity is enabled in its settings). */
export const HOURLY_DAYS = 14;

const hourOf = (ms: number) => `${new Date(ms).toISOString().slice(0, 13)}:00:00Z`;

/**
 * Hourly spend by linked account and service over the last 14 days up to the current hour (excluded: partial), for
 * the intraday anomaly run. One request a page; an estate of ~35 account/service pairs takes a few pages a read.
 */
export async function collectHourlySpend(
  aws: Aws,
  now: Date,
  metric: CostMetric,
  notes: Note[],
): Promise<HourlySpend | undefined> {
  const end = Date.parse(hourOf(now.getTime()));
  const start = Date.parse(`${addDays(now.toISOString().slice(0, 10), -HOURLY_DAYS + 1)}T00:00:00Z`);
  const hours: string[] = [];
  for (let t = start; t < end; t += 3_600_000) hours.push(hourOf(t));
  const index = new Map(hours.map((h, i) => [h, i]));
  const client = aws.client(CostExplorerClient, CE_REGION);
  return guard(notes, { source: 'ce:GetCostAndUsage' }, async () => {
    const pages = await costAndUsagePages(client, {
      TimePeriod: { Start: hourOf(start), End: hourOf(end) },
      Granularity: 'HOURLY',
      Metrics: [metric],
      GroupBy: [
        { Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' },
        { Type: 'DIMENSION', Key: 'SERVICE' },
      ],
    });
    const series: Record<string, number[]> = {};
    const amounts = new Amounts('ce:GetCostAndUsage', 'hourly amounts');
    for (const r of pages.flatMap((p) => listOf(p.ResultsByTime, 'ResultsByTime'))) {
      const i = index.get(hourOf(Date.parse(r.TimePeriod?.Start ?? '')));
      if (i === undefined) continue;
      for (const g of listOf(r.Groups, 'Groups')) {
        const key = (g.Keys ?? []).join('|');
        addAt(series, key, i, hours.length, amounts.usd(g.Metrics?.[metric]?.Amount, `${key} at ${hours[i]}`));
      }
    }
    amounts.note(notes);
    const accountNames = accountNamesOf(pages);
    return { hours, series, accountNames };
  });
}
