/**
 * The vocabulary of a finding: strategies, outcomes, how a dollar figure was estimated, the lifecycle, and the
 * Finding itself. Closed lists are `as const` arrays with derived unions.
 */

/** The cost-optimization strategies a finding is scored against (DESIGN.md). */
export const STRATEGIES = [
  'right-sizing',
  'reserved-instances',
  'savings-plans',
  'spot',
  'storage-tiering',
  'data-transfer',
  'anomaly-detection',
  'tagging',
  'scheduled-scaling',
  'compute-optimization',
  'database-optimization',
  'unused-resources',
  'serverless-migration',
  'capacity-planning',
  'auto-scaling',
  'multi-az',
] as const;
export type Strategy = (typeof STRATEGIES)[number];

/** What a check knows: alarm (waste found), info, ok, skip (could not judge, with the reason), error. */
export const STATUSES = ['alarm', 'info', 'ok', 'skip', 'error'] as const;
export type Status = (typeof STATUSES)[number];

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const EFFORTS = ['low', 'medium', 'high'] as const;
export type Effort = (typeof EFFORTS)[number];

export const CONFIDENCES = ['high', 'medium', 'low'] as const;
export type Confidence = (typeof CONFIDENCES)[number];

/** How a dollar figure was estimated; the digest prints the label beside every figure. */
export const SAVINGS_METHODS = {
  'price-table': 'list price from the bundled price table',
  'price-table-approx': 'us-east-1 list price used for another region (an approximation)',
  'price-list-api': 'list price for the region from the AWS Price List API',
  'compute-optimizer': 'AWS Compute Optimizer estimate',
  'cost-optimization-hub': 'AWS Cost Optimization Hub estimate',
  'trusted-advisor': 'AWS Trusted Advisor estimate (On-Demand prices)',
  'cost-explorer-recommendation': 'Cost Explorer recommendation',
  'cost-explorer-actuals': 'Cost Explorer actual spend',
  none: 'no dollar estimate',
} as const;
export type SavingsMethod = keyof typeof SAVINGS_METHODS;

/** Where a finding came from. One finding may carry several after deduplication. */
export const FINDING_SOURCES = [
  'rule',
  'compute-optimizer',
  'cost-optimization-hub',
  'trusted-advisor',
  'cost-explorer',
  'commitments',
  'anomaly',
  'checklist',
] as const;
export type FindingSource = (typeof FINDING_SOURCES)[number];

/** A finding's lifecycle in the ledger; scheduled: a schedule stops its resource outside working hours. */
export const FINDING_STATES = ['open', 'acknowledged', 'snoozed', 'kept', 'scheduled', 'resolved'] as const;
export type FindingState = (typeof FINDING_STATES)[number];

/** What an analyzer produces, before the ledger gives it an identity, a state and a rank. */
/**
 * What a finding proposes doing to its resource. Identity and deduplication use (action, resource) where an action
 * is set, so a rule and Compute Optimizer proposing the same thing for one instance make one finding.
 */
export const ACTIONS = [
  'delete', // remove an unused or idle resource (volume, EIP, NAT, LB, snapshot, instance)
  'stop', // stop or schedule off
  'rightsize', // smaller size or type in the same family
  'modernize', // newer generation, Graviton, gp3, arm64
  'configure', // retention, lifecycle, auto scaling, tiering
  'purchase', // RI or Savings Plan purchase
  'investigate', // an anomaly or an unexplained change
] as const;
export type Action = (typeof ACTIONS)[number];

/** An account as every output names it: "durion-staging 222222222222", or the bare id when no name is known. */
export const accountLabel = (f: { accountId: string; accountName?: string }): string =>
  f.accountName && f.accountName !== f.accountId ? `${f.accountName} ${f.accountId}` : f.accountId;

/**
 * Where an owner came from, most certain first: a tag on the resource (DURION_OWNER_TAGS); the owner of what it is
 * attached to; the owner every tagged member of its stack, Auto Scaling group or EKS cluster agrees on; the team of
 * the identity CloudTrail says created it. Only a tag is the owner's own word: the others are leads to confirm.
 */
export const OWNER_SOURCES = ['tag', 'attachment', 'group', 'cloudtrail'] as const;
export type OwnerSource = (typeof OWNER_SOURCES)[number];

/**
 * A finding's owner as every view names it: the tag's value; for any other source the owner and how it was found,
 * "alice (from CloudTrail: created by alice@example.com (SSO PowerUserAccess))"; "unknown" without one.
 */
export const ownerLabel = (f: { owner?: string; ownerSource?: OwnerSource; ownerFrom?: string }): string =>
  !f.owner
    ? 'unknown'
    : f.ownerSource && f.ownerSource !== 'tag' && f.ownerFrom
      ? `${f.owner} (${f.ownerFrom})`
      : f.owner;

/** Sizing actions: a smaller, newer or cheaper configuration of a resource that stays (what "rightsizing" lists). */
export const isSizing = (f: { action?: Action }): boolean => f.action === 'rightsize' || f.action === 'modernize';

export interface FindingDraft {
  source: FindingSource;
  /** Every source that proposed this finding, after deduplication (source is the one whose figure is kept). */
  sources?: FindingSource[];
  action?: Action;
  /** The rule id, or the action for ingested recommendations (e.g. `compute-optimizer:ec2-rightsize`). */
  ruleId: string;
  /** States the problem: "EBS volume unattached". */
  title: string;
  strategy: Strategy;
  /** Well-Architected cost pillar best practice with the framework edition, e.g. "COST06-BP03 (2024-06-27)". */
  wellArchitected: string;
  severity: Severity;
  accountId: string;
  /** The account's name (Organizations, else Cost Explorer's LINKED_ACCOUNT attributes), shown beside its id. */
  accountName?: string;
  region: string;
  /** AWS service as Cost Explorer names it where possible, e.g. "Amazon Elastic Compute Cloud - Compute". */
  service: string;
  resourceId: string;
  resourceArn?: string;
  status: Status;
  /** One sentence naming the value and the window. */
  reason: string;
  /** USD a month; 0 where there is no saving or it cannot be estimated (then savingsMethod is 'none'). */
  monthlySavingsUsd: number;
  /**
   * Anomalies only: the extra spend at its current rate, USD a month, from Cost Explorer actuals. An impact, not a
   * saving: no savings figure (digest, Slack, status, CSV, realized) counts it.
   */
  monthlyImpactUsd?: number;
  /**
   * The part of monthlySavingsUsd that is compute hours a Reserved Instance or Savings Plan can cover, where the
   * figure was priced part by part (the rules); absent for AWS's own figures, which are about compute services.
   */
  commitmentEligibleUsd?: number;
  /**
   * The usage types (Cost Explorer USAGE_TYPE without the region code) the saving changes, where the figure was priced
   * from unit prices: what checking the claim against the bill measures once the finding is resolved.
   */
  usageTypes?: string[];
  savingsMethod: SavingsMethod;
  /** The window or basis of the figure: "730 h at list price", "last 14 days". */
  savingsBasis: string;
  confidence: Confidence;
  effort: Effort;
  owner?: string;
  /** Where the owner came from; absent on findings stored before it was recorded (their owners came from tags). */
  ownerSource?: OwnerSource;
  /** How an owner not from a tag was found: "attached to i-0abc", "stack erp-api", "from CloudTrail: created by …". */
  ownerFrom?: string;
  /** Raw facts behind the finding, per source. */
  evidence: Record<string, unknown>;
}

/** One change of a finding's state, kept as its history. */
export interface StateChange {
  state: FindingState;
  at: string;
  /** Slack user id, or 'durion-cost' for changes the run makes (reopen after snooze, resolve). */
  by: string;
  reason?: string;
  /** For snoozed: the day it reopens (YYYY-MM-DD). */
  until?: string;
}

/**
 * What the bill showed of a claim, once its settling days were over: the drop in its usage types' daily cost, days
 * before against days after, as USD a month (capped at the claim). No `monthlyUsd` where it could not be checked.
 */
export interface Verification {
  /** The as-of day of the run that checked. */
  on: string;
  monthlyUsd?: number;
  /** How it was measured, or why it could not be: usage types, account, windows, the share of a shared drop. */
  method: string;
}

/**
 * A saving claimed: a run read where an alarm finding lived and found it gone or changed, or a schedule began to stop
 * its resource outside working hours.
 */
export interface Claim {
  /** The first run that did not find it; for a schedule, the day it took effect. */
  resolvedOn: string;
  /** The last run that did; for a schedule, the day it took effect too. */
  lastSeen: string;
  /** Its monthlySavingsUsd when last seen; for a schedule, the hours it stops at the resource's price. */
  claimedUsd: number;
  /** For a schedule: its record id (ledger) and how the claim was priced (hours off × the hourly price). */
  schedule?: { id: string; basis: string };
  verified?: Verification;
}

/** A finding as stored and shown: identity, rank and lifecycle added by the ledger. */
export interface Finding extends FindingDraft {
  /** Stable across runs: a hash of ruleId (or action) and resource. */
  id: string;
  score: number;
  /** 1 (act now) to 4 (when convenient). */
  priority: 1 | 2 | 3 | 4;
  state: FindingState;
  /** For snoozed findings: the day they reopen. */
  snoozedUntil?: string;
  history: StateChange[];
  firstSeen: string;
  lastSeen: string;
  /** Resolved findings that were alarms with a saving: the claim and, after its settling days, the bill's verdict. */
  claim?: Claim;
}
