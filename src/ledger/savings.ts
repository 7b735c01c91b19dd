/**
 * Savings waiting: the one definition every output uses (the digest, `/durion-cost savings`, `rightsizing` and
 * `status`, findings.csv). A finding waits when the latest run saw it, it is open or acknowledged, flagged (alarm or
 * info), has a dollar estimate and is not an anomaly (an anomaly's figure is an impact, not a saving). Where several
 * waiting findings sit on one resource they are alternatives (rightsize or move to Graviton): only the largest counts.
 */
import { laterDay } from '../domain/dates';
import type { Finding } from '../domain/finding';
import { effectiveState } from './ledger';
import { rank } from './score';

export interface SavingsWaiting {
  /** USD a month: the counted findings' sum. */
  totalUsd: number;
  /** Every waiting finding, in rank order. */
  findings: Finding[];
  /** Ids of the findings the total counts: the largest of each resource. */
  counted: ReadonlySet<string>;
}

/** The day of the latest run the findings know of: the latest lastSeen. */
export const latestRun = (findings: readonly Finding[]): string =>
  findings.reduce((day, f) => laterDay(day, f.lastSeen), '');

/** Whether a finding's dollars are waiting on `asOf`, the latest run's day. */
export const isWaiting = (f: Finding, asOf: string): boolean =>
  f.lastSeen === asOf &&
  f.source !== 'anomaly' &&
  (f.status === 'alarm' || f.status === 'info') &&
  f.monthlySavingsUsd > 0 &&
  ['open', 'acknowledged'].includes(effectiveState(f, asOf));

/** Savings waiting among `findings` (optionally narrowed by `include`) as of the latest run. */
export function savingsWaiting(
  findings: readonly Finding[],
  include: (f: Finding) => boolean = () => true,
  asOf = latestRun(findings),
): SavingsWaiting {
  const waiting = rank(findings.filter((f) => isWaiting(f, asOf) && include(f)));
  const counted = largestPerResource(waiting);
  return {
    totalUsd: counted.reduce((s, f) => s + f.monthlySavingsUsd, 0),
    findings: waiting,
    counted: new Set(counted.map((f) => f.id)),
  };
}

/** Of findings on one resource, the alternatives (rightsize or move to Graviton), only the largest: the ones a total adds. */
export function largestPerResource(findings: readonly Finding[]): Finding[] {
  const largest = new Map<string, Finding>();
  for (const f of findings) {
    const key = `${f.accountId}|${f.region}|${f.resourceId}`;
    const best = largest.get(key);
    if (!best || f.monthlySavingsUsd > best.monthlySavingsUsd) largest.set(key, f);
  }
  return [...largest.values()];
}
