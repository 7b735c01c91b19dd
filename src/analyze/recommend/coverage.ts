/**
 * Commitment-aware savings: shrinking or stopping compute that a Reserved Instance or Savings Plan already pays for
 * saves only the on-demand part until the commitment ends (the anonymised Cost Explorer export of
 * awslabs/aws-well-architected-labs shows covered instances saving $0), except that a Compute Savings Plan, tied to no
 * family or region, moves to on-demand compute elsewhere. Reserved Instances are bound to the type and region, EC2
 * Instance Savings Plans to the family and region; each finding says which applied.
 */
import { COVERAGE_DAYS, type CommitmentData } from '../../collect/commitments';
import type { Inventory } from '../../collect/types';
import type { FindingDraft } from '../../domain/finding';
import { DAYS_PER_MONTH, roundCents, usdCents } from '../../domain/money';
import { SERVICES } from '../rules/define-rule';

/**
 * How a Savings Plan that covers a family in a region behaves: a Compute plan is tied to no family or region (what it
 * stops paying for here it pays for elsewhere), an EC2 Instance plan is bound to both; 'unread' when the account's
 * plans could not be read, treated as bound (the cautious reading) and said so.
 */
export type PlanKind = 'compute' | 'ec2-instance' | 'unread';

/** The commitments covering an instance type's usage in a region, each kind apart, and how that was measured. */
export interface Coverage {
  /** Share of the usage commitments cover, all kinds together. */
  share: number;
  /** Share of the hours Reserved Instances cover (bound to type and region). */
  riShare: number;
  /** Share of what RIs leave that Savings Plans cover, and the kind of plan. */
  spShare: number;
  spKind: PlanKind;
  /**
   * Monthly on-demand compute spend outside this family and region that a Compute plan can move to (Savings Plans
   * coverage's on-demand spend over its 30 days, scaled to 30.4 days).
   */
  onDemandElsewhereUsd: number;
  basis: string;
}

const familyOf = (instanceType: string): string => instanceType.split('.')[0] ?? '';

const pct = (share: number): string => `${(share * 100).toFixed(0)}%`;

/** The kind of Savings Plan covering a family in a region: an EC2 Instance plan for it applies first (as AWS does). */
function planKind(data: CommitmentData | undefined, family: string, region: string): PlanKind {
  // Fargate and Lambda (no instance family) can only be covered by a Compute plan.
  if (family === '') return 'compute';
  const plans = data?.savingsPlans?.value;
  if (!plans) return 'unread';
  if (plans.some((p) => p.type === 'EC2Instance' && p.family === family && p.region === region)) return 'ec2-instance';
  return plans.some((p) => p.type === 'Compute') ? 'compute' : 'ec2-instance';
}

const SP_WORDS: Record<PlanKind, string> = {
  compute: 'a Compute Savings Plan (any family and region, Fargate and Lambda too)',
  'ec2-instance': 'an EC2 Instance Savings Plan (bound to the family and region)',
  unread: 'Savings Plans (plan types not read: treated as bound to the family and region)',
};

/** The commitments covering (instance type, region): RI hours for the type, Savings Plans spend for the family. */
export function coverageFor(
  data: CommitmentData | undefined,
  instanceType: string,
  region: string,
): Coverage | undefined {
  const family = familyOf(instanceType);
  const ri = data?.riCoverage?.value.find((g) => g.instanceType === instanceType && g.region === region);
  // Savings Plans cover EC2, Fargate and Lambda, never RDS classes (db.*).
  const groups = instanceType.startsWith('db.') ? [] : (data?.spCoverage?.value ?? []);
  const sp = groups.find((g) => g.instanceFamily === family && g.region === region);
  const riShare = ri && ri.totalHours > 0 ? ri.reservedHours / ri.totalHours : 0;
  const spShare = sp && sp.totalUsd > 0 ? sp.coveredUsd / sp.totalUsd : 0;
  if (riShare <= 0 && spShare <= 0) return undefined;
  const spKind = planKind(data, family, region);
  const elsewhere = groups.filter((g) => g !== sp).reduce((sum, g) => sum + g.onDemandUsd, 0);
  const parts = [
    riShare > 0 ? `${pct(riShare)} of ${instanceType} hours on Reserved Instances (bound to the type and region)` : '',
    spShare > 0 ? `${pct(spShare)} of ${family || 'Fargate and Lambda'} spend on ${SP_WORDS[spKind]}` : '',
  ].filter(Boolean);
  return {
    // Savings Plans apply to what Reserved Instances leave uncovered.
    share: Math.min(1, 1 - (1 - riShare) * (1 - spShare)),
    riShare,
    spShare,
    spKind,
    onDemandElsewhereUsd: (elsewhere * DAYS_PER_MONTH) / COVERAGE_DAYS,
    basis: `${parts.join(' and ')} in ${region} over the last ${COVERAGE_DAYS} days`,
  };
}

/** Actions whose saving comes from using less of something a commitment may already pay for. */
const USAGE_ACTIONS = new Set(['rightsize', 'delete', 'stop', 'modernize']);

/** Instance types and DB classes by `account|id`, built once: drafts are many and the inventory can be large. */
function typesById(inventory: Inventory): Map<string, string> {
  const r = inventory.resources;
  return new Map([
    ...(r?.instances ?? []).map((i) => [`${i.accountId}|${i.id}`, i.instanceType] as const),
    ...(r?.dbInstances ?? []).map((i) => [`${i.accountId}|${i.id}`, i.instanceClass] as const),
  ]);
}

/** The instance type or DB class a draft is about: from its evidence, else from the inventory. */
function typeOf(d: FindingDraft, types: Map<string, string>): string | undefined {
  if (typeof d.evidence.instanceType === 'string') return d.evidence.instanceType;
  for (const ev of Object.values(d.evidence)) {
    const e = ev as { instanceType?: unknown; instanceClass?: unknown } | undefined;
    if (typeof e?.instanceType === 'string') return e.instanceType;
    if (typeof e?.instanceClass === 'string') return e.instanceClass;
  }
  return types.get(`${d.accountId}|${d.resourceId}`);
}

/**
 * Per-resource covered hours where Cost Explorer gave them (the rightsizing rows), else undefined; the plan kind and
 * the on-demand spend elsewhere come from the family's coverage (`context`) where there is one.
 */
function ownCoverage(d: FindingDraft, context: Coverage | undefined): Coverage | undefined {
  const ce = d.evidence['cost-explorer'] as
    | { coveredHours?: { reserved: number; savingsPlans: number; total: number } }
    | undefined;
  const h = ce?.coveredHours;
  if (!h || h.total <= 0 || h.reserved + h.savingsPlans <= 0) return undefined;
  return {
    share: Math.min(1, (h.reserved + h.savingsPlans) / h.total),
    riShare: h.reserved / h.total,
    spShare: h.total > h.reserved ? h.savingsPlans / (h.total - h.reserved) : 0,
    spKind: context?.spKind ?? 'unread',
    onDemandElsewhereUsd: context?.onDemandElsewhereUsd ?? 0,
    basis: `${h.reserved + h.savingsPlans} of its ${h.total} running hours covered by a Reserved Instance or Savings Plan`,
  };
}

/** Services a Compute Savings Plan covers without an instance family. */
const SERVERLESS = new Set<string>([SERVICES.lambda, 'Amazon Elastic Container Service']);

/** Services whose AWS-given figures are compute hours (instances, nodes, duration, provisioned capacity). */
const COMPUTE_SERVICES = new Set<string>([
  SERVICES.ec2,
  SERVICES.rds,
  SERVICES.elasticache,
  SERVICES.lambda,
  SERVICES.dynamodb,
  'Amazon Elastic Container Service',
]);

/**
 * The dollars of a finding a commitment can cover: what the rule priced as compute hours, else AWS's whole figure
 * for a compute service (Compute Optimizer, the Hub and Cost Explorer price instance hours), else none.
 */
const eligibleOf = (d: FindingDraft): number =>
  Math.min(d.monthlySavingsUsd, d.commitmentEligibleUsd ?? (COMPUTE_SERVICES.has(d.service) ? d.monthlySavingsUsd : 0));

/** What the commitments leave of a finding's compute hours: on-demand now, a Compute plan's move, what stays paid. */
function split(eligible: number, c: Coverage) {
  const reserved = eligible * c.riShare;
  const planned = eligible * (1 - c.riShare) * c.spShare;
  // A Compute Savings Plan stops paying here and pays for on-demand compute elsewhere, as far as there is some.
  const moved = c.spKind === 'compute' ? Math.min(planned, c.onDemandElsewhereUsd) : 0;
  return { onDemand: eligible - reserved - planned, moved, stillPaid: reserved + planned - moved };
}

/** The reason's and the basis's words for the commitment part of a saving. */
function commitmentWords(d: FindingDraft, eligible: number, savings: number, parts: ReturnType<typeof split>) {
  const mixed =
    eligible < d.monthlySavingsUsd
      ? `; only the ${usdCents(eligible)} a month of compute hours is theirs to cover, the rest (storage and the like) is saved in full`
      : '';
  const move =
    parts.moved > 0
      ? `; the Compute Savings Plan is tied to no family or region: the ${usdCents(parts.moved)} a month it stops paying for here pays for on-demand compute elsewhere`
      : '';
  const until = parts.stillPaid > 0.005 ? ' until the commitment ends' : '';
  return {
    reason: `${mixed}${move}, so acting now saves ${usdCents(savings)} of ${usdCents(d.monthlySavingsUsd)} a month${until}`,
    basis:
      parts.moved > 0
        ? `; of its ${usdCents(eligible)} of compute hours, ${usdCents(parts.onDemand)} on-demand plus ${usdCents(parts.moved)} of Compute Savings Plan moved elsewhere`
        : eligible < d.monthlySavingsUsd
          ? `; its ${usdCents(eligible)} of compute hours scaled to the on-demand ${usdCents(parts.onDemand)}`
          : `; scaled to the ${(eligible > 0 ? (parts.onDemand / eligible) * 100 : 0).toFixed(0)}% not covered by commitments`,
  };
}

/** A draft with its saving cut to what the commitments leave, and the reason saying which commitment did what. */
function adjusted(d: FindingDraft, coverage: Coverage, ends: string | undefined): FindingDraft {
  const own = (d.evidence[d.source === 'rule' ? `rule:${d.ruleId}` : d.source] ?? d.evidence) as {
    afterDiscounts?: boolean;
  };
  const alreadyNet = own.afterDiscounts === true;
  const eligible = eligibleOf(d);
  const parts = split(eligible, coverage);
  const savings = alreadyNet
    ? d.monthlySavingsUsd
    : roundCents(d.monthlySavingsUsd - eligible + parts.onDemand + parts.moved);
  const words = commitmentWords(d, eligible, savings, parts);
  const until = ends && parts.stillPaid > 0.005 ? ` (the earliest matching reservation ends ${ends.slice(0, 10)})` : '';
  const idle = parts.stillPaid > 0.005 ? ', and may leave it idle' : '';
  const reason = alreadyNet
    ? `${d.reason} Commitment-covered: ${coverage.basis}; the figure is already net of them.`
    : `${d.reason} Commitment-covered: ${coverage.basis}${words.reason}${until}${idle}.`;
  return {
    ...d,
    monthlySavingsUsd: savings,
    status: savings > 0 || d.status !== 'alarm' ? d.status : 'info',
    reason,
    savingsBasis: alreadyNet ? d.savingsBasis : `${d.savingsBasis}${words.basis}`,
    evidence: {
      ...d.evidence,
      commitment: {
        covered: true,
        share: coverage.share,
        kinds: {
          reservedInstances: coverage.riShare,
          savingsPlans: coverage.spShare,
          savingsPlanKind: coverage.spKind,
        },
        basis: coverage.basis,
        beforeCommitmentUsd: d.monthlySavingsUsd,
        eligibleUsd: eligible,
        movedUsd: roundCents(parts.moved),
        ends,
        alreadyNet,
      },
    },
  };
}

/**
 * Scale the commitment-eligible part of savings (compute hours) to the share commitments leave uncovered (figures
 * already after discounts are left as they are, since AWS netted the commitments out), and flag the finding
 * commitment-covered with the reason. Storage, IPv4, NAT and the like are never scaled: no commitment covers them.
 */
export function commitmentAware(drafts: FindingDraft[], inventory: Inventory): FindingDraft[] {
  const data = inventory.optimization?.commitments;
  const expiring = new Map<string, string>();
  for (const ri of inventory.resources?.reservedInstances ?? []) {
    if (ri.state !== 'active' || !ri.end) continue;
    const key = `${ri.instanceType}|${ri.region}`;
    if (!expiring.has(key) || (expiring.get(key) ?? '') > ri.end) expiring.set(key, ri.end);
  }
  const types = typesById(inventory);
  return drafts.map((d) => {
    if (!d.action || !USAGE_ACTIONS.has(d.action) || eligibleOf(d) <= 0) return d;
    // Fargate and Lambda have no instance type: Savings Plans coverage reports them under an empty family.
    const type = typeOf(d, types) ?? (SERVERLESS.has(d.service) ? '' : undefined);
    const family = type === undefined ? undefined : coverageFor(data, type, d.region);
    const coverage = ownCoverage(d, family) ?? family;
    if (!coverage) return d;
    return adjusted(d, coverage, type ? expiring.get(`${type}|${d.region}`) : undefined);
  });
}
