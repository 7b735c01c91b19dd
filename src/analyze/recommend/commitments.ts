/**
 * Commitments as findings and alerts: purchase recommendations with savings and break-even, reservations expiring
 * within 30 and 60 days, a utilization drop as an alert, and commitment-aware savings: shrinking or stopping usage
 * that a Reserved Instance or Savings Plan already pays for saves only the uncovered share until the commitment ends
 * (the anonymised Cost Explorer export of awslabs/aws-well-architected-labs shows covered instances saving $0).
 */

import type { CommitmentData, PurchaseRecommendation, UtilizationDay } from '../../collect/commitments';
import type { Inventory } from '../../collect/types';
import type { Alert } from '../../domain/alert';
import type { FindingDraft } from '../../domain/finding';
import { usdCents } from '../../domain/money';
import type { Note } from '../../domain/note';
import { SERVICES, wa } from '../rules/define-rule';
import type { Ingested } from './common';
import { REGION_CODES } from './cost-explorer';
import type { IngestContext } from './optimizer';

const DAY_MS = 86_400_000;
/** Reservations ending within these many days are reported (alarm within the first, info within the second). */
export const EXPIRY_WINDOWS = [30, 60] as const;

export interface ExpiringReservation {
  service: 'ec2' | 'rds';
  id: string;
  accountId: string;
  region: string;
  instanceType: string;
  count: number;
  end: string;
  daysLeft: number;
}

/** Active reservations ending within 60 days of asOf: EC2 from the inventory, RDS from the commitments collector. */
export function expiringReservations(inventory: Inventory, accountId: string): ExpiringReservation[] {
  const asOf = Date.parse(`${inventory.asOf}T00:00:00Z`);
  const ec2 = (inventory.resources?.reservedInstances ?? [])
    .filter((ri) => ri.state === 'active' && ri.end)
    .map((ri) => ({
      service: 'ec2' as const,
      id: ri.id,
      accountId: ri.accountId,
      region: ri.region,
      instanceType: ri.instanceType,
      count: ri.count,
      end: ri.end ?? '',
    }));
  const rds = (inventory.optimization?.commitments.reservations ?? []).map((r) => ({ ...r, accountId }));
  return [...ec2, ...rds]
    .map((r) => ({ ...r, daysLeft: Math.floor((Date.parse(r.end) - asOf) / DAY_MS) }))
    .filter((r) => Number.isFinite(r.daysLeft) && r.daysLeft >= 0 && r.daysLeft <= (EXPIRY_WINDOWS.at(-1) ?? 60))
    .sort((a, b) => a.daysLeft - b.daysLeft);
}

const purchaseId = (p: PurchaseRecommendation): string =>
  p.kind === 'savings-plan' ? 'savings-plan:compute' : `reserved-instance:${p.instanceType ?? p.what}`;

function breakEven(p: PurchaseRecommendation): string {
  if (p.breakEvenMonths === undefined) return 'break-even not given';
  if (p.breakEvenMonths === 0) return 'no upfront payment, so it pays from the first month';
  return `break-even after ${p.breakEvenMonths.toFixed(1)} months`;
}

/** Purchase recommendations and expiring reservations as drafts; a recommendation with no saving is a note. */
export function commitmentDrafts(data: CommitmentData, inventory: Inventory, ctx: IngestContext): Ingested {
  const notes: Note[] = [];
  const drafts: FindingDraft[] = [];
  const purchases = [...(data.spPurchase?.value ?? []), ...(data.riPurchase?.value ?? [])];
  for (const p of purchases) {
    if (!p.monthlySavingsUsd || p.monthlySavingsUsd <= 0) {
      notes.push({
        kind: 'unavailable',
        source: 'ce:purchase-recommendation',
        message: `${p.what}: no savings figure given; not reported`,
      });
      continue;
    }
    const sp = p.kind === 'savings-plan';
    const fetched = sp ? data.spPurchase?.fetchedOn : data.riPurchase?.fetchedOn;
    drafts.push({
      source: 'commitments',
      action: 'purchase',
      ruleId: sp ? 'commitments:savings-plan-purchase' : 'commitments:reserved-instance-purchase',
      title: sp ? 'On-Demand compute spend a Savings Plan would cover' : 'Steady usage a Reserved Instance would cover',
      strategy: sp ? 'savings-plans' : 'reserved-instances',
      wellArchitected: wa('COST07-BP05'),
      severity: 'medium',
      accountId: p.accountId ?? ctx.accountId,
      region: REGION_CODES[p.region ?? ''] ?? ctx.homeRegion,
      service: sp ? 'Savings Plans' : SERVICES.ec2,
      resourceId: purchaseId(p),
      status: 'alarm',
      reason: `Buy ${p.what} (${p.term}, ${p.paymentOption}): saves ${usdCents(p.monthlySavingsUsd)} a month at ${p.expectedUtilizationPct?.toFixed(0) ?? '?'}% expected utilization; ${breakEven(p)}.`,
      monthlySavingsUsd: p.monthlySavingsUsd,
      savingsMethod: 'cost-explorer-recommendation',
      savingsBasis: `Cost Explorer purchase recommendation from the last 30 days of usage, ${p.term} ${p.paymentOption}, read ${fetched ?? '?'}`,
      confidence: (p.expectedUtilizationPct ?? 0) >= 90 ? 'high' : 'medium',
      effort: 'low',
      evidence: { commitments: { ...p } },
    });
  }
  for (const r of expiringReservations(inventory, ctx.accountId)) {
    const soon = r.daysLeft <= EXPIRY_WINDOWS[0];
    drafts.push({
      source: 'commitments',
      action: 'purchase',
      ruleId: 'commitments:reservation-expiring',
      title: `Reserved Instance expires within ${soon ? EXPIRY_WINDOWS[0] : EXPIRY_WINDOWS[1]} days`,
      strategy: 'reserved-instances',
      wellArchitected: wa('COST07-BP05'),
      severity: soon ? 'high' : 'medium',
      accountId: r.accountId,
      region: r.region,
      service: r.service === 'ec2' ? SERVICES.ec2 : SERVICES.rds,
      resourceId: r.id,
      status: soon ? 'alarm' : 'info',
      reason: `${r.count} x ${r.instanceType} reservation ${r.id} ends ${r.end.slice(0, 10)} (in ${r.daysLeft} days): renew or replace it, or that usage goes back to On-Demand prices.`,
      monthlySavingsUsd: 0,
      savingsMethod: 'none',
      savingsBasis: 'no saving estimated: renewing keeps the current discount',
      confidence: 'high',
      effort: 'low',
      evidence: { commitments: r },
    });
  }
  return { drafts, notes };
}

/** When utilization falls under `floorPct` and at least `dropPoints` below the previous week's mean, alert. */
export const UTILIZATION_ALERT = { floorPct: 90, dropPoints: 10, baselineDays: 7 } as const;

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** A commitment utilization drop (the last day against the week before it) as an SNS alert. */
export function utilizationAlerts(data: CommitmentData, accountId: string): Alert[] {
  const series: [string, string, UtilizationDay[] | undefined][] = [
    ['Savings Plans', 'sp', data.spUtilization],
    ['Reserved Instances', 'ri', data.riUtilization],
  ];
  return series.flatMap(([label, slug, days]) => {
    const last = days?.at(-1);
    const before = (days ?? []).slice(0, -1).slice(-UTILIZATION_ALERT.baselineDays);
    if (!last || before.length < 3) return [];
    const baseline = mean(before.map((d) => d.utilizationPct));
    const drop = baseline - last.utilizationPct;
    if (last.utilizationPct >= UTILIZATION_ALERT.floorPct || drop < UTILIZATION_ALERT.dropPoints) return [];
    const monthly = last.unusedUsd * 30;
    return [
      {
        key: `commitment:${slug}-utilization:${last.date}`,
        kind: 'commitment' as const,
        severity: last.utilizationPct < 50 ? ('high' as const) : ('medium' as const),
        accountId,
        service: label,
        impactUsd: Math.round(monthly * 100) / 100,
        subject: `${label} utilization fell to ${last.utilizationPct.toFixed(1)}% (from ${baseline.toFixed(1)}%)`,
        message:
          `${label} utilization on ${last.date} was ${last.utilizationPct.toFixed(1)}%, against a ${before.length}-day mean of ` +
          `${baseline.toFixed(1)}%. ${usdCents(last.unusedUsd)} of commitment went unused that day (about ${usdCents(monthly)} a month ` +
          'if it persists). Check for stopped, resized or migrated instances that the commitment used to cover.',
      },
    ];
  });
}

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

/**
 * Scale savings of usage covered by commitments to the uncovered share (figures already after discounts are left
 * as they are, since AWS netted the commitments out), and flag the finding commitment-covered with the reason.
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
    if (!d.action || !USAGE_ACTIONS.has(d.action)) return d;
    const type = typeOf(d, types);
    const coverage = ownCoverage(d) ?? (type ? coverageFor(data, type, d.region) : undefined);
    if (!coverage) return d;
    const own = (d.evidence[d.source === 'rule' ? `rule:${d.ruleId}` : d.source] ?? d.evidence) as {
      afterDiscounts?: boolean;
    };
    const alreadyNet = own.afterDiscounts === true;
    const ends = type ? expiring.get(`${type}|${d.region}`) : undefined;
    const until = ends ? ` (the earliest matching reservation ends ${ends.slice(0, 10)})` : '';
    const full = coverage.share >= 0.995;
    const savings = alreadyNet
      ? d.monthlySavingsUsd
      : full
        ? 0
        : Math.round(d.monthlySavingsUsd * (1 - coverage.share) * 100) / 100;
    const reason = alreadyNet
      ? `${d.reason} Commitment-covered: ${coverage.basis}; the figure is already net of them.`
      : `${d.reason} Commitment-covered: ${coverage.basis}, so acting now saves ${usdCents(savings)} of ${usdCents(d.monthlySavingsUsd)} a month until the commitment ends${until}, and may leave it idle.`;
    return {
      ...d,
      monthlySavingsUsd: savings,
      status: savings > 0 || d.status !== 'alarm' ? d.status : 'info',
      reason,
      savingsBasis: alreadyNet
        ? d.savingsBasis
        : `${d.savingsBasis}; scaled to the ${((1 - coverage.share) * 100).toFixed(0)}% not covered by commitments`,
      evidence: {
        ...d.evidence,
        commitment: {
          covered: true,
          share: coverage.share,
          basis: coverage.basis,
          beforeCommitmentUsd: d.monthlySavingsUsd,
          ends,
          alreadyNet,
        },
      },
    };
  });
}

/** Coverage and utilization percentages as the digest and the checklist show them; undefined where not read. */
export interface CommitmentSummary {
  spCoveragePct?: number;
  riCoveragePct?: number;
  /** Mean of the last `UTILIZATION_MEAN_DAYS` days. */
  spUtilizationPct?: number;
  riUtilizationPct?: number;
  /** The last day read, for "yesterday" figures. */
  spLastDay?: UtilizationDay;
  riLastDay?: UtilizationDay;
}

export const UTILIZATION_MEAN_DAYS = 7;

const meanUtilization = (days: UtilizationDay[] | undefined): number | undefined => {
  const last = days?.slice(-UTILIZATION_MEAN_DAYS) ?? [];
  return last.length > 0 ? mean(last.map((d) => d.utilizationPct)) : undefined;
};

/** Savings Plans coverage is covered spend over eligible spend; Reserved Instance coverage is reserved hours over hours. */
export function summarizeCommitments(data: CommitmentData | undefined): CommitmentSummary {
  const sp = data?.spCoverage?.value;
  const spTotal = sp?.reduce((s, g) => s + g.totalUsd, 0) ?? 0;
  const ri = data?.riCoverage?.value;
  const riTotal = ri?.reduce((s, g) => s + g.totalHours, 0) ?? 0;
  const spLastDay = data?.spUtilization?.at(-1);
  const riLastDay = data?.riUtilization?.at(-1);
  const spUtilizationPct = meanUtilization(data?.spUtilization);
  const riUtilizationPct = meanUtilization(data?.riUtilization);
  return {
    ...(sp && spTotal > 0 ? { spCoveragePct: (sp.reduce((s, g) => s + g.coveredUsd, 0) / spTotal) * 100 } : {}),
    ...(ri && riTotal > 0 ? { riCoveragePct: (ri.reduce((s, g) => s + g.reservedHours, 0) / riTotal) * 100 } : {}),
    ...(spUtilizationPct === undefined ? {} : { spUtilizationPct }),
    ...(riUtilizationPct === undefined ? {} : { riUtilizationPct }),
    ...(spLastDay ? { spLastDay } : {}),
    ...(riLastDay ? { riLastDay } : {}),
  };
}
