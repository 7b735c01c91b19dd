/**
 * The Well-Architected cost-optimization checklist, measured from what the run already holds: each item gets a status
 * and the number behind it. Shown in the digest once a week (`isChecklistDay`) and kept with the findings.
 */

import type { Inventory } from '../../collect/types';
import type { FindingDraft } from '../../domain/finding';
import { usdCents } from '../../domain/money';
import { wa } from '../rules/define-rule';
import { summarizeCommitments, UTILIZATION_MEAN_DAYS } from './commitments';

export const CHECK_STATUSES = ['pass', 'warn', 'fail', 'unknown'] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

export interface ChecklistItem {
  id: string;
  title: string;
  wellArchitected: string;
  status: CheckStatus;
  /** The number behind the status, in `unit`; absent when it could not be measured. */
  value?: number;
  unit: '%' | 'USD/month' | 'count';
  /** One sentence: the value, what it was measured over, and the threshold. */
  detail: string;
}

export interface Checklist {
  asOf: string;
  items: ChecklistItem[];
}

/** The weekday (UTC, 1 = Monday) the digest shows the checklist. */
export const CHECKLIST_WEEKDAY = 1;

/** True on the day of the week the digest carries the checklist. */
export const isChecklistDay = (asOf: string): boolean =>
  new Date(`${asOf}T00:00:00Z`).getUTCDay() === CHECKLIST_WEEKDAY;

/** Thresholds: at or above `pass` passes, at or above `warn` warns, else fails. */
export const THRESHOLDS = {
  taggedSpendPct: { pass: 90, warn: 60 },
  coveragePct: { pass: 70, warn: 40 },
  utilizationPct: { pass: 95, warn: 80 },
  /** Open rightsizing savings as a share of monthly spend: at or under `pass` passes, at or under `warn` warns. */
  overprovisionedPct: { pass: 1, warn: 5 },
} as const;

const grade = (value: number, t: { pass: number; warn: number }): CheckStatus =>
  value >= t.pass ? 'pass' : value >= t.warn ? 'warn' : 'fail';

const WINDOW_DAYS = 30;
const sumLast = (xs: number[], n: number) => xs.slice(-n).reduce((a, b) => a + b, 0);
const pct = (n: number) => `${n.toFixed(1)}%`;

type Spend = Inventory['spend'];
type Commitments = NonNullable<Inventory['optimization']>['commitments'];
type CommitmentSummary = ReturnType<typeof summarizeCommitments>;

/** Measure every checklist item. Pure: reads the inventory and the final (deduplicated) drafts. */
export function measureChecklist(inventory: Inventory, drafts: FindingDraft[]): Checklist {
  const spend = inventory.spend;
  const commitments = inventory.optimization?.commitments;
  const monthlySpend = spend ? sumLast(spend.total, WINDOW_DAYS) : undefined;
  const summary = summarizeCommitments(commitments);
  const items: ChecklistItem[] = [
    taggingItem(spend, monthlySpend),
    rightsizingItem(drafts, monthlySpend),
    ...coverageItems(summary),
    ...utilizationItems(summary),
    spotItem(inventory),
    ...governanceItems(commitments),
  ];
  return { asOf: inventory.asOf, items };
}

/** The share of the last days' spend that carries the cost-allocation tag. */
function taggingItem(spend: Spend, monthlySpend: number | undefined): ChecklistItem {
  const byTag = spend?.byTag;
  if (!byTag || !monthlySpend) {
    return {
      id: 'cost-allocation-tags',
      title: 'Spend carries the cost-allocation tag',
      wellArchitected: wa('COST03-BP02'),
      status: 'unknown',
      unit: '%',
      detail: 'Spend by tag was not read.',
    };
  }
  const untagged = sumLast(byTag.values[''] ?? [], WINDOW_DAYS);
  const tagged = Object.entries(byTag.values)
    .filter(([k]) => k !== '')
    .reduce((s, [, v]) => s + sumLast(v, WINDOW_DAYS), 0);
  const value = tagged + untagged > 0 ? (tagged / (tagged + untagged)) * 100 : 0;
  return {
    id: 'cost-allocation-tags',
    title: `Spend carries the cost-allocation tag "${byTag.key}"`,
    wellArchitected: wa('COST03-BP02'),
    status: grade(value, THRESHOLDS.taggedSpendPct),
    value,
    unit: '%',
    detail: `${pct(value)} of the last ${WINDOW_DAYS} days' spend is tagged ${byTag.key} (${usdCents(untagged)} untagged); target ${THRESHOLDS.taggedSpendPct.pass}%.`,
  };
}

/** Open rightsizing savings, graded as a share of monthly spend (by count alone when spend was not read). */
function rightsizingItem(drafts: FindingDraft[], monthlySpend: number | undefined): ChecklistItem {
  const over = drafts.filter((d) => d.action === 'rightsize' && d.status === 'alarm');
  const overUsd = over.reduce((s, d) => s + d.monthlySavingsUsd, 0);
  const overShare = monthlySpend ? (overUsd / monthlySpend) * 100 : undefined;
  return {
    id: 'rightsizing',
    title: 'Resources are sized to their use',
    wellArchitected: wa('COST06-BP02'),
    status:
      overShare === undefined
        ? over.length === 0
          ? 'pass'
          : 'warn'
        : overShare <= THRESHOLDS.overprovisionedPct.pass
          ? 'pass'
          : overShare <= THRESHOLDS.overprovisionedPct.warn
            ? 'warn'
            : 'fail',
    value: overUsd,
    unit: 'USD/month',
    detail: `${over.length} over-provisioned resource(s) could save ${usdCents(overUsd)} a month${overShare === undefined ? '' : ` (${pct(overShare)} of the last ${WINDOW_DAYS} days' spend)`}.`,
  };
}

/** Savings Plans and Reserved Instance coverage. */
function coverageItems(summary: CommitmentSummary): ChecklistItem[] {
  return (
    [
      [
        'savings-plans-coverage',
        'Savings Plans cover steady compute spend',
        summary.spCoveragePct,
        'of Savings Plans-eligible spend covered',
      ],
      [
        'reserved-instance-coverage',
        'Reserved Instances cover steady instance hours',
        summary.riCoveragePct,
        'of instance hours covered by Reserved Instances',
      ],
    ] as const
  ).map(([id, title, value, what]) => ({
    id,
    title,
    wellArchitected: wa('COST07-BP05'),
    status: value === undefined ? 'unknown' : grade(value, THRESHOLDS.coveragePct),
    ...(value === undefined ? {} : { value }),
    unit: '%',
    detail:
      value === undefined
        ? 'Coverage was not read.'
        : `${pct(value)} ${what} over the last 30 days; target ${THRESHOLDS.coveragePct.pass}%.`,
  }));
}

/** Savings Plans and Reserved Instance utilization. */
function utilizationItems(summary: CommitmentSummary): ChecklistItem[] {
  return (
    [
      ['savings-plans-utilization', 'Savings Plans are fully used', summary.spUtilizationPct],
      ['reserved-instance-utilization', 'Reserved Instances are fully used', summary.riUtilizationPct],
    ] as const
  ).map(([id, title, value]) => ({
    id,
    title,
    wellArchitected: wa('COST07-BP05'),
    status: value === undefined ? 'unknown' : grade(value, THRESHOLDS.utilizationPct),
    ...(value === undefined ? {} : { value }),
    unit: '%',
    detail:
      value === undefined
        ? 'No utilization data (no commitments, or not read).'
        : `${pct(value)} mean utilization over the last ${UTILIZATION_MEAN_DAYS} days; target ${THRESHOLDS.utilizationPct.pass}%.`,
  }));
}

/** The share of running EC2 instances that are Spot. */
function spotItem(inventory: Inventory): ChecklistItem {
  const running = inventory.resources?.instances.filter((i) => i.state === 'running');
  const spot = running?.filter((i) => i.lifecycle === 'spot').length ?? 0;
  const spotValue = running && running.length > 0 ? (spot / running.length) * 100 : undefined;
  return {
    id: 'spot-share',
    title: 'Spot runs interruptible work',
    wellArchitected: wa('COST07-BP01'),
    status: spotValue === undefined ? 'unknown' : spotValue > 0 ? 'pass' : 'warn',
    ...(spotValue === undefined ? {} : { value: spotValue }),
    unit: '%',
    // Running instances now stand in for EC2 hours: the inventory is a snapshot, not a usage history.
    detail:
      spotValue === undefined
        ? 'No running instances were read.'
        : `${spot} of ${running?.length ?? 0} running EC2 instances (${pct(spotValue)}) are Spot.`,
  };
}

/** Cost anomaly monitors and budgets: at least one of each. */
function governanceItems(commitments: Commitments | undefined): ChecklistItem[] {
  return (
    [
      [
        'anomaly-monitors',
        'Cost anomaly monitors exist',
        commitments?.anomalyMonitors,
        'Cost Anomaly Detection monitor(s)',
      ],
      ['budgets', 'Budgets track spend', commitments?.budgets, 'AWS Budgets budget(s)'],
    ] as const
  ).map(([id, title, found, what]) => {
    const count = found?.value.count;
    return {
      id,
      title,
      wellArchitected: wa('COST03-BP05'),
      status: count === undefined ? 'unknown' : count > 0 ? 'pass' : 'fail',
      ...(count === undefined ? {} : { value: count }),
      unit: 'count',
      detail: count === undefined ? 'Could not be read.' : `${count} ${what} (read ${found?.fetchedOn}).`,
    };
  });
}

/** Governance items that no other finding covers become info findings, so they reach findings.json and Slack. */
const AS_FINDINGS = new Set(['cost-allocation-tags', 'anomaly-monitors', 'budgets']);

/** Checklist items that fail or warn, as info drafts filed under the account. */
export function checklistDrafts(checklist: Checklist, accountId: string, region: string): FindingDraft[] {
  return checklist.items
    .filter((i) => AS_FINDINGS.has(i.id) && (i.status === 'fail' || i.status === 'warn'))
    .map((i) => ({
      source: 'checklist' as const,
      action: 'configure' as const,
      ruleId: `checklist:${i.id}`,
      title: `Checklist: ${i.title.charAt(0).toLowerCase()}${i.title.slice(1)} (${i.status})`,
      strategy: i.id === 'cost-allocation-tags' ? ('tagging' as const) : ('anomaly-detection' as const),
      wellArchitected: i.wellArchitected,
      severity: 'low' as const,
      accountId,
      region,
      service: 'AWS Cost Management',
      resourceId: `checklist:${i.id}`,
      status: 'info' as const,
      reason: i.detail,
      monthlySavingsUsd: 0,
      savingsMethod: 'none' as const,
      savingsBasis: 'no saving estimated: a practice, not a resource',
      confidence: 'high' as const,
      effort: 'low' as const,
      evidence: { checklist: i },
    }));
}
