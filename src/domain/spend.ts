/** Daily spend as Cost Explorer reports it, dense over days. */
export const COST_METRICS = [
  'UnblendedCost',
  'AmortizedCost',
  'NetAmortizedCost',
  'BlendedCost',
  'NetUnblendedCost',
] as const;
export type CostMetric = (typeof COST_METRICS)[number];

/** A dense daily series: amounts[i] is the cost of days[i] (the days live on SpendData). */
export type Series = number[];

/** Daily spend from Cost Explorer, dense over `days`. */
export interface SpendData {
  metric: CostMetric;
  /** Inclusive first and last day, YYYY-MM-DD, ascending, no gaps. */
  days: string[];
  /** True where Cost Explorer still marks the day Estimated. */
  estimated: boolean[];
  total: Series;
  byService: Record<string, Series>;
  byAccount: Record<string, Series>;
  /** Service within account: key `${accountId}|${service}`. */
  byAccountService: Record<string, Series>;
  byRegion: Record<string, Series>;
  /** By the configured cost-allocation tag; '' is untagged. Absent when no tag key is configured. */
  byTag?: { key: string; values: Record<string, Series> };
  /** Account id to name, from Cost Explorer's dimension attributes. */
  accountNames: Record<string, string>;
  /** GetCostForecast for the rest of the month: start is the as-of day, end the month's last day (inclusive). */
  forecast?: { start: string; end: string; amount: number; lower?: number; upper?: number };
}

/** The service named on alerts and findings about the whole bill rather than one service. */
export const ALL_SERVICES = 'All services';

/**
 * Charges booked once a month rather than accrued by use, recognised by the SERVICE Cost Explorer books them under:
 * "Tax", the support plans ("AWS Support (Business)", "AWS Support (Enterprise)", ...) and Savings Plans' recurring
 * fees ("Savings Plans for AWS Compute usage", "Savings Plans for AWS Machine Learning"). Reserved Instances'
 * recurring fees are booked under the reserved service and Marketplace subscriptions under the product's name, so a
 * [LINKED_ACCOUNT, SERVICE] read cannot tell them from usage (a RECORD_TYPE read could, at a request more each run).
 */
export const isMonthlyFee = (service: string): boolean => /^Tax$|^AWS Support \(|^Savings Plans for /.test(service);
