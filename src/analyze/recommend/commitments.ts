/**
 * Commitments as findings and alerts: purchase recommendations with savings and break-even, reservations expiring
 * within 30 and 60 days, a utilization drop as an alert, and the coverage and utilization summary. Commitment-aware
 * savings are in ./coverage.ts.
 */

import type {
  CommitmentData,
  MonthCommitmentRead,
  PurchaseRecommendation,
  RiCoverageGroup,
  SpCoverageGroup,
  UtilizationDay,
} from '../../collect/commitments';
import type { Inventory } from '../../collect/types';
import type { Alert } from '../../domain/alert';
import { DAY_MS } from '../../domain/dates';
import type { FindingDraft } from '../../domain/finding';
import { usdCents } from '../../domain/money';
import type { Note } from '../../domain/note';
import { SERVICES, wa } from '../rules/define-rule';
import type { Ingested } from './common';
import { REGION_CODES } from './cost-explorer';
import type { IngestContext } from './optimizer';

/** Reservations ending within these many days are reported (alarm within the first, info within the second). */
export const EXPIRY_WINDOWS = [30, 60] as const;

export interface ExpiringReservation {
  service: 'ec2' | 'rds' | 'elasticache' | 'redshift';
  id: string;
  accountId: string;
  region: string;
  instanceType: string;
  count: number;
  end: string;
  daysLeft: number;
}

/**
 * Active reservations ending within 60 days of asOf: EC2 from the inventory, RDS, ElastiCache and Redshift from the
 * commitments collector.
 */
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
      service: SERVICES[r.service],
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

/** Savings Plans coverage: covered spend over eligible spend, in percent; undefined when not read or none eligible. */
const spCoverageOf = (groups: SpCoverageGroup[] | undefined): number | undefined => {
  const total = groups?.reduce((s, g) => s + g.totalUsd, 0) ?? 0;
  return groups && total > 0 ? (groups.reduce((s, g) => s + g.coveredUsd, 0) / total) * 100 : undefined;
};

/** Reserved Instance coverage: reserved hours over running hours, in percent; undefined when not read or none ran. */
const riCoverageOf = (groups: RiCoverageGroup[] | undefined): number | undefined => {
  const total = groups?.reduce((s, g) => s + g.totalHours, 0) ?? 0;
  return groups && total > 0 ? (groups.reduce((s, g) => s + g.reservedHours, 0) / total) * 100 : undefined;
};

/** Savings Plans coverage is covered spend over eligible spend; Reserved Instance coverage is reserved hours over hours. */
export function summarizeCommitments(data: CommitmentData | undefined): CommitmentSummary {
  const spCoveragePct = spCoverageOf(data?.spCoverage?.value);
  const riCoveragePct = riCoverageOf(data?.riCoverage?.value);
  const spLastDay = data?.spUtilization?.at(-1);
  const riLastDay = data?.riUtilization?.at(-1);
  const spUtilizationPct = meanUtilization(data?.spUtilization);
  const riUtilizationPct = meanUtilization(data?.riUtilization);
  return {
    ...(spCoveragePct === undefined ? {} : { spCoveragePct }),
    ...(riCoveragePct === undefined ? {} : { riCoveragePct }),
    ...(spUtilizationPct === undefined ? {} : { spUtilizationPct }),
    ...(riUtilizationPct === undefined ? {} : { riUtilizationPct }),
    ...(spLastDay ? { spLastDay } : {}),
    ...(riLastDay ? { riLastDay } : {}),
  };
}

/** One kind of commitment over a month: coverage, mean daily utilization and the commitment left unused. */
export interface MonthCommitment {
  coveragePct?: number;
  utilizationPct?: number;
  /** The days utilization was read for, and the dollars of commitment unused over them. */
  days: number;
  unusedUsd: number;
}

/** The month's figures of Savings Plans and of Reserved Instances, from the month's own reads. */
export function monthCommitments(read: MonthCommitmentRead): { sp: MonthCommitment; ri: MonthCommitment } {
  const of = (coveragePct: number | undefined, days: UtilizationDay[] | undefined): MonthCommitment => {
    const utilizationPct = days?.length ? mean(days.map((d) => d.utilizationPct)) : undefined;
    return {
      ...(coveragePct === undefined ? {} : { coveragePct }),
      ...(utilizationPct === undefined ? {} : { utilizationPct }),
      days: days?.length ?? 0,
      unusedUsd: days?.reduce((s, d) => s + d.unusedUsd, 0) ?? 0,
    };
  };
  return {
    sp: of(spCoverageOf(read.spCoverage), read.spUtilization),
    ri: of(riCoverageOf(read.riCoverage), read.riUtilization),
  };
}
