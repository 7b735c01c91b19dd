/**
 * AWS Cost Anomaly Detection: the anomalies AWS found over the recent window (ce:GetAnomalies, every page). One
 * request a page, billed like any Cost Explorer request; a quiet account answers in one page.
 */
import { type Anomaly, CostExplorerClient, GetAnomaliesCommand } from '@aws-sdk/client-cost-explorer';
import type { Aws } from '../aws';
import { addDays } from '../dates';
import type { Note } from '../model';
import { guard } from './guard';
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

/** Days of AWS anomalies read each run: the window the digest reports on. */
export const AWS_ANOMALY_DAYS = 14;
/** Large pages: a page is a billed request. */
const PAGE_SIZE = 100;

const day = (iso: string | undefined) => iso?.slice(0, 10);

function toAwsAnomaly(a: Anomaly): AwsAnomaly {
  return {
    id: a.AnomalyId ?? '',
    start: day(a.AnomalyStartDate) ?? '',
    ...(a.AnomalyEndDate ? { end: day(a.AnomalyEndDate) } : {}),
    ...(a.DimensionValue ? { dimensionValue: a.DimensionValue } : {}),
    monitorArn: a.MonitorArn ?? '',
    maxScore: a.AnomalyScore?.MaxScore ?? 0,
    expected: a.Impact?.TotalExpectedSpend ?? 0,
    actual: a.Impact?.TotalActualSpend ?? 0,
    impactUsd: a.Impact?.TotalImpact ?? a.Impact?.MaxImpact ?? 0,
    ...(a.Feedback ? { feedback: a.Feedback } : {}),
    rootCauses: (a.RootCauses ?? []).map((r) => ({
      service: r.Service,
      region: r.Region,
      accountId: r.LinkedAccount,
      accountName: r.LinkedAccountName,
      usageType: r.UsageType,
      impactUsd: r.Impact?.Contribution,
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
    const out: AwsAnomaly[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(
        new GetAnomaliesCommand({
          DateInterval: { StartDate: addDays(asOf, -AWS_ANOMALY_DAYS), EndDate: asOf },
          MaxResults: PAGE_SIZE,
          NextPageToken: token,
        }),
      );
      out.push(...(page.Anomalies ?? []).map(toAwsAnomaly));
      token = page.NextPageToken;
    } while (token);
    return out;
  });
}
