/**
 * A rule is metadata (data, checked by tests) plus a pure `check` over collected resources. `defineRule` turns a
 * rule's verdicts into FindingDrafts: metadata, owner from tags, exclusions by tag and configuration, and savings
 * with how they were estimated. Rules never call AWS.
 */

import * as z from 'zod/mini';
import { DAY_MS } from '../../domain/dates';
import {
  ACTIONS,
  type Action,
  CONFIDENCES,
  type Confidence,
  EFFORTS,
  type Effort,
  type FindingDraft,
  SAVINGS_METHODS,
  type SavingsMethod,
  SEVERITIES,
  type Severity,
  STRATEGIES,
  type Status,
  type Strategy,
} from '../../domain/finding';
import type {
  MetricName,
  MetricSummary,
  RegionalEc2Prices,
  ResourceBase,
  ResourceInventory,
} from '../../domain/resources';
import type { Estimate } from '../../pricing';

/** The Well-Architected Framework edition whose Cost Optimization Pillar best-practice ids the rules cite. */
export const WA_EDITION = '2024-06-27';

/** A cost-pillar best practice with the framework edition, e.g. "COST04-BP03 (2024-06-27)". */
export const wa = (bestPractice: `COST${string}-BP${string}`): string => `${bestPractice} (${WA_EDITION})`;

/** AWS services as Cost Explorer names them, so findings line up with spend. */
export const SERVICES = {
  ec2: 'Amazon Elastic Compute Cloud - Compute',
  ec2Other: 'EC2 - Other',
  vpc: 'Amazon Virtual Private Cloud',
  elb: 'Amazon Elastic Load Balancing',
  rds: 'Amazon Relational Database Service',
  logs: 'AmazonCloudWatch',
  s3: 'Amazon Simple Storage Service',
  lambda: 'AWS Lambda',
  dynamodb: 'Amazon DynamoDB',
  elasticache: 'Amazon ElastiCache',
  efs: 'Amazon Elastic File System',
  route53: 'Amazon Route 53',
  eks: 'Amazon Elastic Container Service for Kubernetes',
  ecs: 'Amazon Elastic Container Service',
  apigateway: 'Amazon API Gateway',
  redshift: 'Amazon Redshift',
  kinesis: 'Amazon Kinesis',
  ecr: 'Amazon EC2 Container Registry (ECR)',
  sagemaker: 'Amazon SageMaker',
  opensearch: 'Amazon OpenSearch Service',
} as const;
export type RuleService = (typeof SERVICES)[keyof typeof SERVICES];

export type ParamValue = number | string | boolean;
export type Params = Record<string, ParamValue>;

/** A parameter with its documented default. */
export interface ParamSpec<V extends ParamValue = ParamValue> {
  default: V;
  description: string;
}

export type ParamSpecs<P extends Params> = { [K in keyof P]: ParamSpec<P[K]> };

/** What a rule knows besides the resources. */
export interface RuleContext {
  /** The run's date (YYYY-MM-DD): ages and keep-until dates are measured from it. */
  asOf: string;
  /** Tag keys naming the owner, in order of preference. */
  ownerTags: string[];
  /** Resource ids (or ARNs) excluded by configuration, for every rule or `ruleId:resource` for one. */
  exclude: string[];
  /** Whether ok outcomes become drafts too (tests and audits); the daily run only needs the others. */
  keepOk?: boolean;
  /** EC2 prices of other regions read this run (Price List API); the bundled table otherwise. */
  ec2Prices?: RegionalEc2Prices;
}

/** One judgement on one resource. */
export interface Verdict {
  resource: ResourceBase;
  status: Status;
  /** One sentence naming the value and the window. */
  reason: string;
  /** The monthly saving with how it was estimated; absent when it cannot be priced. */
  savings?: Estimate;
  /** Why there is no estimate (e.g. "no list price for db.r5.24xlarge"), when savings is absent. */
  unpriced?: string;
  /** Overrides the rule's confidence (e.g. lower where the price is a regional approximation). */
  confidence?: Confidence;
  evidence?: Record<string, unknown>;
}

/** What every rule declares about itself: the catalog prints it and tests check it. */
export interface RuleMeta<P extends Params = Params> {
  /** Equal to the rule's file name. */
  id: string;
  /** States the problem: "EBS volume not attached to any instance". */
  title: string;
  service: RuleService;
  strategy: Strategy;
  /** Cost pillar best practice with framework edition: `wa('COST04-BP03')`. */
  wellArchitected: string;
  severity: Severity;
  effort: Effort;
  /** Whether acting on the finding restarts or interrupts the resource. */
  restartNeeded: boolean;
  /** What the finding proposes doing; used to merge it with Compute Optimizer's finding on the same resource. */
  action: Action;
  params: ParamSpecs<P>;
  /** The read-only IAM actions its collector needs (`service:Operation`). */
  iamActions: string[];
  /** How its savings are estimated when a price is known. */
  savingsMethod: SavingsMethod;
  /** Confidence of its findings unless a verdict says otherwise. */
  confidence: Confidence;
}

export interface RuleDefinition<P extends Params> extends RuleMeta<P> {
  check(resources: ResourceInventory, params: P, ctx: RuleContext): Verdict[];
}

/** A rule as the catalog runs it: resolved parameters in, finding drafts out. Pure. */
export interface Rule extends RuleMeta {
  evaluate(resources: ResourceInventory, params: Params, ctx: RuleContext): FindingDraft[];
}

/** The tag that excludes a resource from every rule, and the one that excludes it until a date. */
export const IGNORE_TAG = 'durion-cost:ignore';
export const KEEP_UNTIL_TAG = 'durion-cost:keep-until';

/** The owner: the value of the first configured owner tag the resource has (tag keys compared case-insensitively). */
export function ownerOf(resource: ResourceBase, ownerTags: string[]): string | undefined {
  for (const key of ownerTags) {
    const value = tagValueRaw(resource, key)?.trim();
    if (value) return value;
  }
  return undefined;
}

/** True when tags or configuration exclude a resource from a rule on this date. */
export function isExcluded(resource: ResourceBase, ruleId: string, ctx: RuleContext): boolean {
  const tags = resource.tags;
  if (IGNORE_TAG in tags && tags[IGNORE_TAG]?.toLowerCase() !== 'false') return true;
  const keepUntil = tags[KEEP_UNTIL_TAG];
  if (keepUntil && /^\d{4}-\d{2}-\d{2}$/.test(keepUntil) && keepUntil >= ctx.asOf) return true;
  if (ctx.exclude.length === 0) return false;
  const names = [resource.id, resource.arn].filter((n): n is string => n !== undefined);
  return ctx.exclude.some((e) => names.includes(e) || names.some((n) => e === `${ruleId}:${n}`));
}

/** The metadata schema every rule is checked against when it loads (zod/mini: this runs inside the Lambdas). */
const RULE_META = z.object({
  id: z.string().check(z.regex(/^[a-z0-9]+(-[a-z0-9]+)+$/, 'must be a kebab-case id (e.g. ebs-volume-unattached)')),
  title: z.string().check(z.minLength(1, 'must not be empty')),
  service: z.enum(Object.values(SERVICES) as [RuleService, ...RuleService[]]),
  strategy: z.enum(STRATEGIES),
  wellArchitected: z.string().check(z.regex(/^COST\d{2}-BP\d{2} \(\d{4}-\d{2}-\d{2}\)$/, "must be wa('COSTnn-BPnn')")),
  severity: z.enum(SEVERITIES),
  effort: z.enum(EFFORTS),
  restartNeeded: z.boolean(),
  action: z.enum(ACTIONS),
  params: z.record(
    z.string().check(z.regex(/^[a-z][a-zA-Z0-9]+$/, 'parameter names are camelCase')),
    z.object({
      default: z.union([z.number(), z.string(), z.boolean()]),
      description: z.string().check(z.minLength(1, 'must not be empty')),
    }),
  ),
  iamActions: z.array(z.string().check(z.regex(/^[a-z0-9-]+:[A-Z][A-Za-z0-9]+$/, 'must be shaped service:Action'))),
  savingsMethod: z.enum(Object.keys(SAVINGS_METHODS) as [SavingsMethod, ...SavingsMethod[]]),
  confidence: z.enum(CONFIDENCES),
});

/** Throws an Error naming the rule and each bad field when a rule's metadata does not fit the schema. */
export function validateRuleMeta(meta: Omit<RuleDefinition<Params>, 'check'> | Record<string, unknown>): void {
  const result = RULE_META.safeParse(meta);
  if (result.success) return;
  const id = typeof meta.id === 'string' && meta.id ? meta.id : '(no id)';
  const fields = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new Error(`rule ${id} has invalid metadata: ${fields.join('; ')}`);
}

/** Build a rule from its metadata and its check; its metadata is validated here, so a bad rule fails as it loads. */
export function defineRule<P extends Params>(definition: RuleDefinition<P>): Rule {
  const { check, ...meta } = definition;
  validateRuleMeta(meta);
  return {
    ...(meta as unknown as RuleMeta),
    evaluate(resources, params, ctx) {
      const drafts: FindingDraft[] = [];
      for (const v of check(resources, params as P, ctx)) {
        if ((v.status === 'ok' && ctx.keepOk === false) || isExcluded(v.resource, meta.id, ctx)) continue;
        drafts.push(toDraft(meta as unknown as RuleMeta, v, ctx));
      }
      return drafts;
    },
  };
}

const SAVING_STATUSES: Status[] = ['alarm', 'info'];

function toDraft(meta: RuleMeta, v: Verdict, ctx: RuleContext): FindingDraft {
  const priced = SAVING_STATUSES.includes(v.status) && v.savings !== undefined;
  const owner = ownerOf(v.resource, ctx.ownerTags);
  const draft: FindingDraft = {
    source: 'rule',
    action: meta.action,
    ruleId: meta.id,
    title: meta.title,
    strategy: meta.strategy,
    wellArchitected: meta.wellArchitected,
    severity: meta.severity,
    accountId: v.resource.accountId,
    region: v.resource.region,
    service: meta.service,
    resourceId: v.resource.id,
    status: v.status,
    reason: v.reason,
    monthlySavingsUsd: priced ? (v.savings?.monthlyUsd ?? 0) : 0,
    savingsMethod: priced ? (v.savings?.method ?? 'none') : 'none',
    savingsBasis: priced ? (v.savings?.basis ?? '') : (v.unpriced ?? 'no saving estimated for this outcome'),
    confidence: v.confidence ?? (v.savings?.method === 'price-table-approx' ? lower(meta.confidence) : meta.confidence),
    effort: meta.effort,
    evidence: v.evidence ? { tags: v.resource.tags, ...v.evidence } : { tags: v.resource.tags },
  };
  // Optional fields are left out rather than set to undefined (the store's marshalling rejects undefined).
  if (priced && v.savings) {
    draft.commitmentEligibleUsd = v.savings.committableUsd;
    if (v.savings.usageTypes.length) draft.usageTypes = v.savings.usageTypes;
  }
  if (v.resource.arn) draft.resourceArn = v.resource.arn;
  if (owner) draft.owner = owner;
  return draft;
}

/** One step less sure: a regional approximation is less certain than a list price. */
const lower = (c: Confidence): Confidence => (c === 'high' ? 'medium' : 'low');

// Helpers the rules share, so that every rule words dates, metrics and missing data the same way.

/** Whole days from an ISO date-time or day to the as-of day (negative when in the future). */
export function daysSince(when: string | undefined, asOf: string): number | undefined {
  if (!when) return undefined;
  const t = Date.parse(when);
  if (Number.isNaN(t)) return undefined;
  return Math.floor((endOfDay(asOf) - t) / DAY_MS);
}

// The as-of day is the same for every resource of a run: parse it once.
let lastDay = '';
let lastEnd = 0;
const endOfDay = (day: string): number => {
  if (day !== lastDay) {
    lastDay = day;
    lastEnd = Date.parse(`${day}T23:59:59Z`);
  }
  return lastEnd;
};

type WithMetrics = { metrics?: Partial<Record<string, MetricSummary>> };

/** A gauge (CPU, connections): undefined when not collected or without datapoints, since gauges always report. */
export function gauge(resource: WithMetrics, name: MetricName): MetricSummary | undefined {
  const m = resource.metrics?.[name];
  return m && m.datapoints > 0 ? m : undefined;
}

/**
 * A count (requests, bytes, invocations): CloudWatch publishes no datapoint for a period with nothing to count, so
 * a query that was read with no datapoints means zero; undefined only when it was not read.
 */
export const count = (resource: WithMetrics, name: MetricName): MetricSummary | undefined => resource.metrics?.[name];

/** The skip verdict for a resource whose metric is missing: missing data is never ok. */
export const noMetric = (resource: ResourceBase, name: string, days: number): Verdict => ({
  resource,
  status: 'skip',
  reason: `no CloudWatch ${name} data for the ${days}-day window, so it cannot be judged`,
});

/** The info verdict for a resource whose price is unknown: flagged, with no made-up figure. */
export const noPrice = (resource: ResourceBase, reason: string, what: string): Verdict => ({
  resource,
  status: 'info',
  reason: `${reason}; no bundled list price for ${what}, so the saving is not estimated`,
  unpriced: `no bundled list price for ${what}`,
});

/** The verdict for a priced problem: alarm with the saving, or info naming what has no price. */
export function priced(
  resource: ResourceBase,
  reason: string,
  savings: Estimate | undefined,
  what: string,
  evidence?: Record<string, unknown>,
): Verdict {
  if (!savings) return { ...noPrice(resource, reason, what), ...(evidence ? { evidence } : {}) };
  return { resource, status: 'alarm', reason, savings, ...(evidence ? { evidence } : {}) };
}

/**
 * The verdicts of `judge` over a list, leaving out the resources it returns none for (another rule's, or not worth
 * saying). A loop, not flatMap with an array per resource: the catalog judges every instance, volume and snapshot once
 * per rule, and flatMap's arrays were about a tenth of its time in a profile of the bench.
 */
export function judgeEach<R>(list: readonly R[], judge: (resource: R) => Verdict | undefined): Verdict[] {
  const verdicts: Verdict[] = [];
  for (const resource of list) {
    const verdict = judge(resource);
    if (verdict) verdicts.push(verdict);
  }
  return verdicts;
}

/** The ok verdict. */
export const ok = (resource: ResourceBase, reason: string): Verdict => ({ resource, status: 'ok', reason });

/** The `environment`-style tag value of a resource, lower-cased (keys compared case-insensitively). */
export const tagValue = (resource: ResourceBase, key: string): string | undefined =>
  tagValueRaw(resource, key)?.trim().toLowerCase();

/**
 * What rules derive from an inventory or one of its lists (an index, a set of ids), worked out once per inventory or
 * list and `derive`: several rules look up the same things (the instances of volumes, the volumes of snapshots).
 * `derive` is a module-level function, so that every rule asking shares the result; an inventory is not changed once
 * the rules read it.
 */
export function perList<L extends object, T>(list: L, derive: (list: L) => T): T {
  let results = derivedFrom.get(list);
  if (!results) {
    results = new Map();
    derivedFrom.set(list, results);
  }
  if (!results.has(derive)) results.set(derive, derive(list));
  return results.get(derive) as T;
}

const derivedFrom = new WeakMap<object, Map<(list: never) => unknown, unknown>>();

/** Items by account, then id. */
export type ByAccount<T> = Map<string, Map<string, T>>;

const indexByAccount = <T extends ResourceBase>(list: readonly T[]): ByAccount<T> => {
  const index: ByAccount<T> = new Map();
  for (const item of list) {
    let ids = index.get(item.accountId);
    if (!ids) {
      ids = new Map();
      index.set(item.accountId, ids);
    }
    ids.set(item.id, item);
  }
  return index;
};

/**
 * A list's items by account, then id (of an id listed twice in an account, the last), built once per list: how rules
 * find the instances of volumes and addresses, or the volumes of instances.
 */
export const byAccount = <T extends ResourceBase>(list: readonly T[]): ByAccount<T> => perList(list, indexByAccount<T>);

/** A tag's value by key compared case-insensitively (exact key first: the common case, and cheap). */
function tagValueRaw(resource: ResourceBase, key: string): string | undefined {
  const exact = resource.tags[key];
  if (exact !== undefined) return exact;
  const lower = key.toLowerCase();
  for (const k in resource.tags) if (k.toLowerCase() === lower) return resource.tags[k];
  return undefined;
}
