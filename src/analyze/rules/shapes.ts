/**
 * The shapes several rules share, one helper each, so every rule of a shape reads its metric, treats missing data and
 * words its outcome the same way: idle by metric (connections, requests: nothing over the window), low utilization by
 * metric (CPU far below capacity: a smaller size saves the difference) and a move to the Graviton class of the same
 * size.
 */
import { usdCents } from '../../domain/money';
import type { MetricName, MetricSummary, Metrics, ResourceBase } from '../../domain/resources';
import { type Estimate, monthlyCost, type Rate, saving } from '../../pricing';
import { count, gauge, noMetric, noPrice, ok, type Verdict } from './define-rule';

type Measured = ResourceBase & { metrics?: Metrics };

/** How an idle-by-metric rule reads its metric and words its verdicts. */
export interface IdleShape<R extends Measured> {
  /** The metric's name (per resource where it depends on the kind, e.g. a load balancer's type). */
  metric: MetricName | ((r: R) => MetricName);
  /** gauge: judged on the window's maximum (connections); count: on its sum (requests, connections counted). */
  kind: 'gauge' | 'count';
  /** Idle when the judged value is at most this. */
  max: number;
  /** The metric window's days. */
  days: number;
  /** The ok reason, given the judged value. */
  busy: (r: R, value: number) => string;
  /** The verdict for an idle resource (usually `priced(...)`). */
  idle: (r: R, m: MetricSummary) => Verdict;
}

/** Idle by metric: skip without the metric (never ok), ok above the threshold, the rule's idle verdict otherwise. */
export function idleByMetric<R extends Measured>(r: R, shape: IdleShape<R>): Verdict {
  const name = typeof shape.metric === 'string' ? shape.metric : shape.metric(r);
  const m = shape.kind === 'gauge' ? gauge(r, name) : count(r, name);
  if (!m) return noMetric(r, name, shape.days);
  const value = shape.kind === 'gauge' ? m.maximum : m.sum;
  if (value > shape.max) return ok(r, shape.busy(r, value));
  return shape.idle(r, m);
}

/** What a low-utilization rule proposes for one resource: the smaller size and the two prices, where known. */
export interface Downsize {
  smaller?: string;
  now?: Rate;
  next?: Rate;
  /** What has no price, for the info verdict when either price is missing. */
  unpriced: string;
  evidence: Record<string, unknown>;
}

/** How a low-utilization-by-metric rule reads its metric. */
export interface LowUtilizationShape<R extends Measured> {
  /** A percentage gauge, judged on its highest daily average (e.g. CPUUtilization). */
  metric: MetricName;
  days: number;
  /** Judge only with at least this many days of datapoints. */
  minDays: number;
  /** Low when the highest daily average stays under this. */
  maxPercent: number;
  /** The reason's prefix naming the resource's size, e.g. "m5.large" or "mysql db.m5.large". */
  label: string;
  downsize: (r: R, m: MetricSummary) => Downsize;
}

/**
 * Low utilization by metric: skip without enough days of the metric, ok at or above the threshold, else an alarm
 * with the saving of the next size down (info when either size has no price).
 */
export function lowUtilizationByMetric<R extends Measured>(r: R, shape: LowUtilizationShape<R>): Verdict {
  const m = gauge(r, shape.metric);
  if (!m || m.datapoints < shape.minDays) return noMetric(r, shape.metric, shape.days);
  const quoted = `CPU max of daily averages ${m.maxDailyAverage.toFixed(1)}% over ${m.datapoints} days`;
  if (m.maxDailyAverage >= shape.maxPercent) return ok(r, quoted);
  const { smaller, now, next, unpriced, evidence } = shape.downsize(r, m);
  const reason = `${shape.label}: ${quoted}`;
  if (!now || !next) return noPrice(r, reason, unpriced);
  const save = saving(monthlyCost(now), monthlyCost(next));
  return {
    resource: r,
    status: 'alarm',
    reason: `${reason}; ${smaller} saves ${usdCents(save.monthlyUsd)} a month`,
    savings: save,
    evidence,
  };
}

/** What a move to the Graviton class of the same size proposes for one resource (RDS instances, cache clusters). */
export interface GravitonMove {
  /** The reason's prefix naming the resource's class, e.g. "mysql db.t3.large" or "2 cache.m5.large nodes". */
  label: string;
  /** The Graviton class proposed. */
  target: string;
  /** The month on the current class and on the target, where both have a price. */
  now?: Estimate;
  next?: Estimate;
  /** What has no price, for the info verdict. */
  unpriced: string;
}

/**
 * A move to Graviton: info without both prices, ok when the Graviton class is not cheaper at list price, else an
 * alarm with the saving; a price scaled from another size of its family (pricing/rds.ts) makes it low confidence.
 */
export function gravitonMove(r: ResourceBase, move: GravitonMove): Verdict {
  const reason = `${move.label} runs on x86; ${move.target} of the same size runs on Graviton (arm64)`;
  if (!move.now || !move.next) return noPrice(r, reason, move.unpriced);
  const save = saving(move.now, move.next);
  if (save.monthlyUsd === 0) return ok(r, `${move.target} is not cheaper at list price`);
  const scaled = save.basis.includes(' scaled ×');
  return {
    resource: r,
    status: 'alarm',
    reason: `${reason}: ${usdCents(save.monthlyUsd)} a month cheaper${scaled ? ', priced from another size of its family' : ''}`,
    savings: save,
    evidence: { suggestedClass: move.target },
    ...(scaled ? { confidence: 'low' as const } : {}),
  };
}
