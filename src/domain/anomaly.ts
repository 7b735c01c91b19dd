/** What the anomaly path produces: spend anomalies with their impact, sources and root causes. */

import type { Severity } from './finding';

/** The shapes an anomaly takes. */
export const ANOMALY_KINDS = ['spike', 'level-shift', 'runaway', 'new', 'drop'] as const;
export type AnomalyKind = (typeof ANOMALY_KINDS)[number];

/** The cuts of spend the detector watches, most specific first. */
export const ANOMALY_DIMENSIONS = ['account-service', 'service', 'account', 'tag', 'total'] as const;
export type AnomalyDimension = (typeof ANOMALY_DIMENSIONS)[number];

/** Who saw the anomaly: durion-cost's own detector, AWS Cost Anomaly Detection, or both. */
export const ANOMALY_SOURCES = ['durion-cost', 'aws-cost-anomaly-detection'] as const;
export type AnomalySource = (typeof ANOMALY_SOURCES)[number];

/** One part of an anomaly's excess: a usage type, region or linked account and its dollars. */
export interface Contributor {
  by: 'usage-type' | 'region' | 'account';
  value: string;
  /** Excess spend over the anomaly window against the same days before it, USD. */
  impactUsd: number;
  /** Share of the anomaly's total excess (0..1). */
  share: number;
}

export interface SpendAnomaly {
  /** Stable across runs while the anomaly lasts: dimension, series and first day. */
  id: string;
  dimension: AnomalyDimension;
  /** The series key: `account|service`, a service, an account id, a tag value ('' untagged) or 'total'. */
  series: string;
  /** For people: "AWS Lambda in durion-staging (222222222222)". */
  label: string;
  accountId?: string;
  service?: string;
  tag?: { key: string; value: string };
  kind: AnomalyKind;
  severity: Severity;
  /** For anomalies found in hourly spend: first and last hour, and the hour it was found (YYYY-MM-DDTHH:00:00Z). */
  hours?: { start: string; end: string; detectedAt: string };
  /**
   * First and last day (inclusive, YYYY-MM-DD); detectedOn is the day the evidence was enough, the day whose spend
   * raised the alert (a CUSUM finds a shift some days after it began; start is when it began).
   */
  start: string;
  end: string;
  detectedOn: string;
  /** USD over start..end: what the baseline expected, what was spent, and the difference. */
  expected: number;
  actual: number;
  impactUsd: number;
  /** impactUsd relative to expected (0.5 = 50% over); absent when nothing was expected (a new service). */
  relativeChange?: number;
  score: number;
  /** Still going on the last day read. */
  open: boolean;
  /** It lasted long enough to be the new normal. */
  settled: boolean;
  /** It reaches into the last days, which Cost Explorer still marks Estimated and is filling in: may be revised. */
  estimated: boolean;
  sources: AnomalySource[];
  /** AWS Cost Anomaly Detection's id, when AWS saw it too. */
  awsAnomalyId?: string;
  /** AWS's root causes or ours, largest first. */
  contributors?: Contributor[];
  /**
   * Where ours were measured on an earlier run of the same anomaly: the last day they cover. They are not read again
   * while it lasts (each read is a billed Cost Explorer request), and the digest says through which day they run.
   */
  contributorsThrough?: string;
  /** Cost Explorer in the console, filtered to the anomaly's service/account and window. */
  consoleUrl?: string;
  /** Settled by feedback, from AWS Cost Anomaly Detection or from the Slack buttons: no alert, listed as such. */
  verdict?: { is: Verdict; by: 'aws' | 'slack' };
}

/** A verdict that settles an anomaly: the spend was planned, or it was not an anomaly at all. */
export type Verdict = 'planned' | 'false-positive';

/** Cost Explorer feedback values (ProvideAnomalyFeedback, GetAnomalies' Feedback) that settle an anomaly. */
export const VERDICT_OF_FEEDBACK: Readonly<Record<string, Verdict>> = {
  NO: 'false-positive',
  PLANNED_ACTIVITY: 'planned',
};

/** The reason a Slack verdict leaves in the anomaly finding's history, and the words the digest uses. */
export const VERDICT_REASONS: Readonly<Record<Verdict, string>> = {
  planned: 'planned spend',
  'false-positive': 'false positive',
};

/** Spend of the anomalous services over the anomalies' days and the weeks before, by usage type or region. */
export interface Breakdown {
  by: 'usage-type' | 'region';
  days: string[];
  series: Record<string, number[]>;
}

/** What the anomaly path keeps between runs (snapshot.extra.anomalies). */
export interface AnomalyState {
  anomalies: SpendAnomaly[];
  /** Impact (USD) last alerted, by anomaly id. */
  alerted: Record<string, number>;
  /** Anomaly alerts published on a day, for the daily cap. */
  sent: { day: string; count: number };
}
