/**
 * Commitment-aware savings: shrinking or stopping usage that a Reserved Instance or Savings Plan already pays for saves
 * only the uncovered share until the commitment ends (the anonymised Cost Explorer export of
 * awslabs/aws-well-architected-labs shows covered instances saving $0).
 */
import type { CommitmentData } from '../../collect/commitments';
import type { Inventory } from '../../collect/types';
import type { FindingDraft } from '../../domain/finding';
import { usdCents } from '../../domain/money';
import { SERVICES } from '../rules/define-rule';

/** Share of an instance type's usage in a region that commitments cover, and how that was measured. */
export interface Coverage {
  share: number;
  basis: string;
}

const familyOf = (instanceType: string): string => instanceType.split('.')[0] ?? '';

/** Covered share for (instance type, region): RI hours for the type, Savings Plans spend for the family, combined. */
export function coverageFor(
  data: CommitmentData | undefined,
  instanceType: string,
  region: string,
): Coverage | undefined {
  const ri = data?.riCoverage?.value.find((g) => g.instanceType === instanceType && g.region === region);
  // Savings Plans cover EC2, Fargate and Lambda, never RDS classes (db.*).
  const sp = instanceType.startsWith('db.')
    ? undefined
    : data?.spCoverage?.value.find((g) => g.instanceFamily === familyOf(instanceType) && g.region === region);
  const riShare = ri && ri.totalHours > 0 ? ri.reservedHours / ri.totalHours : 0;
  const spShare = sp && sp.totalUsd > 0 ? sp.coveredUsd / sp.totalUsd : 0;
  if (riShare <= 0 && spShare <= 0) return undefined;
  // Savings Plans apply to what Reserved Instances leave uncovered.
  const share = Math.min(1, 1 - (1 - riShare) * (1 - spShare));
  const parts = [
    riShare > 0 ? `${(riShare * 100).toFixed(0)}% of ${instanceType} hours on Reserved Instances` : '',
    spShare > 0 ? `${(spShare * 100).toFixed(0)}% of ${familyOf(instanceType)} spend on Savings Plans` : '',
  ].filter(Boolean);
  return { share, basis: `${parts.join(' and ')} in ${region} over the last 30 days` };
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

/** Per-resource covered hours where Cost Explorer gave them (the rightsizing rows), else undefined. */
function ownCoverage(d: FindingDraft): Coverage | undefined {
  const ce = d.evidence['cost-explorer'] as
    | { coveredHours?: { reserved: number; savingsPlans: number; total: number } }
    | undefined;
  const h = ce?.coveredHours;
  if (!h || h.total <= 0 || h.reserved + h.savingsPlans <= 0) return undefined;
  return {
    share: Math.min(1, (h.reserved + h.savingsPlans) / h.total),
    basis: `${h.reserved + h.savingsPlans} of its ${h.total} running hours covered by a Reserved Instance or Savings Plan`,
  };
}

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

const cents = (usd: number): number => Math.round(usd * 100) / 100;

/** A draft with its saving scaled to what the commitments leave uncovered, and the reason saying so. */
function adjusted(d: FindingDraft, coverage: Coverage, ends: string | undefined): FindingDraft {
  const own = (d.evidence[d.source === 'rule' ? `rule:${d.ruleId}` : d.source] ?? d.evidence) as {
    afterDiscounts?: boolean;
  };
  const alreadyNet = own.afterDiscounts === true;
  const eligible = eligibleOf(d);
  const uncovered = coverage.share >= 0.995 ? 0 : 1 - coverage.share;
  const savings = alreadyNet ? d.monthlySavingsUsd : cents(d.monthlySavingsUsd - eligible + eligible * uncovered);
  const until = ends ? ` (the earliest matching reservation ends ${ends.slice(0, 10)})` : '';
  const part =
    eligible < d.monthlySavingsUsd
      ? `; only the ${usdCents(eligible)} a month of compute hours is theirs to cover, the rest (storage and the like) is saved in full`
      : '';
  const reason = alreadyNet
    ? `${d.reason} Commitment-covered: ${coverage.basis}; the figure is already net of them.`
    : `${d.reason} Commitment-covered: ${coverage.basis}${part}, so acting now saves ${usdCents(savings)} of ${usdCents(d.monthlySavingsUsd)} a month until the commitment ends${until}, and may leave it idle.`;
  const scaled =
    eligible < d.monthlySavingsUsd
      ? `; its ${usdCents(eligible)} of compute hours scaled to the ${(uncovered * 100).toFixed(0)}% not covered by commitments`
      : `; scaled to the ${(uncovered * 100).toFixed(0)}% not covered by commitments`;
  return {
    ...d,
    monthlySavingsUsd: savings,
    status: savings > 0 || d.status !== 'alarm' ? d.status : 'info',
    reason,
    savingsBasis: alreadyNet ? d.savingsBasis : `${d.savingsBasis}${scaled}`,
    evidence: {
      ...d.evidence,
      commitment: {
        covered: true,
        share: coverage.share,
        basis: coverage.basis,
        beforeCommitmentUsd: d.monthlySavingsUsd,
        eligibleUsd: eligible,
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
    const type = typeOf(d, types);
    const coverage = ownCoverage(d) ?? (type ? coverageFor(data, type, d.region) : undefined);
    if (!coverage) return d;
    return adjusted(d, coverage, type ? expiring.get(`${type}|${d.region}`) : undefined);
  });
}
