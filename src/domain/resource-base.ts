/**
 * The shapes every resource kind shares: what a resource carries and the CloudWatch statistics of one metric. Kept
 * apart from resources.ts so the kinds' files (resources-*.ts), which resources.ts imports, can import them too.
 */

/** CloudWatch statistics of one metric over the inventory's metric window, from daily datapoints. */
export interface MetricSummary {
  /** Mean of the daily averages. */
  average: number;
  /** Highest daily maximum. */
  maximum: number;
  /** Highest daily average (what "CPU max of daily averages" quotes). */
  maxDailyAverage: number;
  /** Sum over the window (for counts: requests, bytes, invocations). */
  sum: number;
  /** Days that had a datapoint. Fewer than the window means the resource is younger or was idle with no data. */
  datapoints: number;
}

export type Tags = Record<string, string>;

/** What every resource carries. */
export interface ResourceBase {
  accountId: string;
  region: string;
  /** The id people recognise (vol-…, i-…, bucket name, function name). */
  id: string;
  arn?: string;
  tags: Tags;
}
