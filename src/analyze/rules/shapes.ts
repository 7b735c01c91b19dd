/**
 * The shapes several rules share, one helper each, so every rule of a shape reads its metric, treats missing data and
 * words its outcome the same way: idle by metric (connections, requests: nothing over the window), low
 * utilization by metric (CPU far below capacity: a smaller size saves the difference), long-running capacity no
 * reservation covers (a reservation's assumed discount on the uncovered share), and a move to the Graviton class of
 * the same size.
 */
import { usdCents } from '../../domain/money';
import type { MetricName, MetricSummary, Metrics, ResourceBase, ResourceInventory } from '../../domain/resources';
import type { ReservationCover } from '../../domain/resources-network';
import { type Estimate, monthlyCost, type Rate, saving, share } from '../../pricing';
import { count, daysSince, gauge, noMetric, noPrice, ok, tagValue, type Verdict } from './define-rule';

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

/** What a reservation rule reads of a resource: the pool it draws on, the units it draws, its On-Demand cost. */
export interface Reservable {
  /** Reservations of the same key cover it: a type (`cache.r6g.large`), or a family and engine where size flexes. */
  key: string;
  /** How much of the pool it takes (nodes; RDS: normalized units, doubled for Multi-AZ). */
  units: number;
  /** Its On-Demand rate and how many of it run (nodes), when priced. */
  rate: Rate | undefined;
  count: number;
  /** How it is named in reasons (`2 x cache.r6g.large`). */
  label: string;
}

/** The parameters every non-production-schedule rule shares (schedules, Spot, reservations: each leaves one side out). */
export const NONPROD_PARAMS = {
  environmentTag: { default: 'environment', description: 'Tag key naming the environment' },
  nonProdValues: {
    default: 'dev,development,staging,stage,test,qa,sandbox',
    description: 'Comma-separated non-production environment values',
  },
};

/** The resource's environment when it is a non-production one, else undefined. */
export function nonProdEnv(
  r: ResourceBase,
  params: { environmentTag: string; nonProdValues: string },
): string | undefined {
  const env = tagValue(r, params.environmentTag);
  return env !== undefined && nonProdSet(params.nonProdValues).has(env) ? env : undefined;
}

/** The values of a `nonProdValues` parameter, parsed once per value (every instance of every such rule asks). */
function nonProdSet(values: string): Set<string> {
  let set = nonProdSets.get(values);
  if (!set) {
    set = new Set(values.split(',').map((v) => v.trim().toLowerCase()));
    nonProdSets.set(values, set);
  }
  return set;
}

const nonProdSets = new Map<string, Set<string>>();

/** The parameters every reservation rule takes; `assumedDiscount` is the rule's own. */
export const reservationParams = (assumedDiscount: number, why: string) => ({
  minRunningDays: { default: 30, description: 'Running for at least this many days since it was created' },
  ...NONPROD_PARAMS,
  assumedDiscount: { default: assumedDiscount, description: why },
});

/** Long-running production resources only: created at least `minRunningDays` ago and not tagged non-production. */
export function longRunningProduction<R extends ResourceBase>(
  resources: R[],
  createdAt: (r: R) => string | undefined,
  params: { minRunningDays: number; environmentTag: string; nonProdValues: string },
  asOf: string,
): R[] {
  return resources.filter((r) => {
    const days = daysSince(createdAt(r), asOf);
    return nonProdEnv(r, params) === undefined && days !== undefined && days >= params.minRunningDays;
  });
}

/** Reserved by exact node type (ElastiCache, Redshift): a cluster of `nodes` nodes, priced a node at `rate`. */
export const byNodeType = <R extends ResourceBase & { nodeType: string; nodes: number }>(
  rate: (r: R) => Rate | undefined,
): Pick<ReservationShape<R>, 'reserved' | 'read'> => ({
  reserved: (c) => ({ key: c.instanceType, units: c.count }),
  read: (c) => ({
    key: c.nodeType,
    units: c.nodes,
    rate: rate(c),
    count: c.nodes,
    label: `${c.nodes} x ${c.nodeType}`,
  }),
});

/** How one service's reservation rule pools reservations and prices the gap. */
export interface ReservationShape<R extends ResourceBase> {
  service: ReservationCover['service'];
  /** A reservation's key and units, as `read` gives a resource's. */
  reserved: (c: ReservationCover) => { key: string; units: number };
  read: (r: R) => Reservable;
  /** The discount assumed on uncovered hours, and where that figure comes from. */
  discount: number;
  discountWhy: string;
}

/**
 * Long-running capacity no reservation covers: the organization's active reservations of the service (the
 * commitments collector reads them in the home account, where with RI sharing they apply to every account) pooled by
 * region and key. Billing applies a pool to any matching hours, so where a pool is short each resource in it is
 * uncovered by the same share: ok where none is, skip in a region whose reservations were not read, else an alarm with
 * the assumed discount on its uncovered share of On-Demand hours (info when unpriced).
 */
export function uncoveredByReservation<R extends ResourceBase>(
  resources: ResourceInventory,
  candidates: R[],
  shape: ReservationShape<R>,
): Verdict[] {
  const cover = resources.commitmentCover[0];
  const read = new Set(cover?.reservationsRead ?? []);
  const add = (m: Map<string, number>, key: string, units: number) => m.set(key, (m.get(key) ?? 0) + units);
  const reserved = new Map<string, number>();
  for (const c of cover?.reservations ?? []) {
    if (c.service === shape.service) add(reserved, `${c.region}|${shape.reserved(c).key}`, shape.reserved(c).units);
  }
  const items = candidates.map((r) => ({ r, it: shape.read(r) }));
  const demand = new Map<string, number>();
  for (const { r, it } of items) add(demand, `${r.region}|${it.key}`, it.units);
  return items.map(({ r, it }): Verdict => {
    if (!read.has(`${shape.service}@${r.region}`)) {
      return { resource: r, status: 'skip', reason: `${shape.service} reservations of ${r.region} were not read` };
    }
    const pool = `${r.region}|${it.key}`;
    const held = reserved.get(pool) ?? 0;
    const wanted = demand.get(pool) ?? it.units;
    if (held >= wanted) return ok(r, `${it.label} is covered by active reservations in ${r.region}`);
    const uncovered = (wanted - held) / wanted;
    const gap = `${Math.round(uncovered * 100)}% of ${it.label} runs On-Demand: reservations in ${r.region} cover ${held} of the ${wanted} unit(s) running`;
    if (!it.rate) return noPrice(r, gap, it.label);
    const open = share(monthlyCost(it.rate, it.count), uncovered, 'the share no reservation covers');
    const savings: Estimate = {
      ...share(open, shape.discount, shape.discountWhy),
      // The saving is what the reservation earns: none of it is left for another commitment to cover.
      committableUsd: 0,
    };
    const reason = `${gap}; a 1-year reservation saves about ${usdCents(savings.monthlyUsd)} a month at an assumed ${Math.round(shape.discount * 100)}% discount`;
    return { resource: r, status: 'alarm', reason, savings, evidence: { uncoveredShare: uncovered } };
  });
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
