/**
 * The sample estate's AWS Cost Anomaly Detection (ce:GetAnomalies), consistent with the anomalies planted in its
 * spend (src/sample/estate.ts). AWS reports the spike and the level shift a day late (its last day is two days
 * before the as-of date) and names services, accounts and usage types but no resource; the new SageMaker service is
 * left for durion-cost alone, so the sample shows an anomaly seen by both sources and one seen by one.
 * Shape from Cost Explorer's GetAnomalies in the botocore service model: dates as ISO strings, scores 0..1,
 * TotalImpact = TotalActualSpend - TotalExpectedSpend. Pages of MaxResults with NextPageToken.
 */
import { awsError } from '../aws/replay';
import { addDays, earlierDay } from '../dates';
import { BILL_LINES, plantedAnomalies, SAMPLE_ACCOUNTS } from './estate';
import type { SampleHandler } from './index';

/** The planted kinds AWS's monitor reports in the sample. */
const SEEN_BY_AWS = new Set(['spike', 'level-shift']);
/** AWS reports anomalies about a day after the spend: its last day is this many days before the as-of date. */
const AWS_LAG_DAYS = 2;
const MONITOR_ARN = 'arn:aws:ce::111111111111:anomalymonitor/sample-services-monitor';

const round = (x: number) => Math.round(x * 100) / 100;
const daysFrom = (start: string, end: string) => Math.round((Date.parse(end) - Date.parse(start)) / 86_400_000) + 1;

/** The anomalies AWS would report for a run on asOf. */
export function sampleAwsAnomalies(asOf: string) {
  const lastDay = addDays(asOf, -AWS_LAG_DAYS);
  return plantedAnomalies(asOf)
    .filter((a) => SEEN_BY_AWS.has(a.kind) && a.start <= lastDay)
    .map((a) => {
      const plantedLast = a.end ? addDays(a.end, -1) : asOf;
      const end = earlierDay(plantedLast, lastDay);
      const days = daysFrom(a.start, end);
      const normal = BILL_LINES.find(
        (l) => l.accountId === a.accountId && l.service === a.service && l.usageType === a.usageType,
      );
      const expected = round((normal?.usd ?? 0) * days);
      const impact = round(a.extraUsdPerDay * days);
      return {
        AnomalyId: `sample-${a.kind}-${a.accountId}-${a.start}`,
        AnomalyStartDate: `${a.start}T00:00:00Z`,
        // Still open at AWS's last day: no end date yet.
        ...(plantedLast < lastDay ? { AnomalyEndDate: `${end}T00:00:00Z` } : {}),
        DimensionValue: a.service,
        RootCauses: [
          {
            Service: a.service,
            Region: a.region,
            LinkedAccount: a.accountId,
            LinkedAccountName: SAMPLE_ACCOUNTS.find((x) => x.id === a.accountId)?.name,
            UsageType: a.usageType,
            Impact: { Contribution: impact },
          },
        ],
        AnomalyScore: { MaxScore: 0.86, CurrentScore: plantedLast < lastDay ? 0 : 0.74 },
        Impact: {
          MaxImpact: round(a.extraUsdPerDay),
          TotalImpact: impact,
          TotalActualSpend: round(expected + impact),
          TotalExpectedSpend: expected,
          ...(expected > 0 ? { TotalImpactPercentage: round((100 * impact) / expected) } : {}),
        },
        MonitorArn: MONITOR_ARN,
      };
    });
}

/** ce:GetAnomalies over DateInterval, MaxResults a page (default 20), NextPageToken the next offset. */
export const anomalyHandlers: Record<string, SampleHandler> = {
  'ce:GetAnomalies': (call, options) => {
    const interval = call.input.DateInterval as { StartDate?: string; EndDate?: string } | undefined;
    if (!interval?.StartDate) throw awsError('ValidationException', 'DateInterval.StartDate is required');
    const from = interval.StartDate.slice(0, 10);
    const to = (interval.EndDate ?? options.asOf).slice(0, 10);
    const all = sampleAwsAnomalies(options.asOf).filter(
      (a) => a.AnomalyStartDate.slice(0, 10) <= to && (a.AnomalyEndDate ?? '9999').slice(0, 10) >= from,
    );
    const size = Number(call.input.MaxResults ?? 20);
    const offset = Number(call.input.NextPageToken ?? 0);
    const next = offset + size;
    return { Anomalies: all.slice(offset, next), ...(next < all.length ? { NextPageToken: String(next) } : {}) };
  },
};
