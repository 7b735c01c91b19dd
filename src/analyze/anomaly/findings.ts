/**
 * Spend anomalies as findings, so the ledger tracks them (new, acknowledged, resolved) and Slack can act on them:
 * one finding per anomaly, action 'investigate'. Its dollar figure is an impact (the excess spend at its current
 * rate, `monthlyImpactUsd`), never a saving: nobody has found a way to save it yet.
 */

import { type SpendAnomaly, VERDICT_REASONS } from '../../domain/anomaly';
import { DAY_MS } from '../../domain/dates';
import type { FindingDraft } from '../../domain/finding';
import { DAYS_PER_MONTH, usdCents } from '../../domain/money';
import { ALL_SERVICES } from '../../domain/spend';

/** "Settled as planned spend (feedback in AWS Cost Anomaly Detection)": why a settled anomaly raises no alarm. */
/**
 * What "expected" means for a daily spend anomaly (the detector's baseline, detect.ts's DAILY_DETECTOR), said the same
 * way by the finding, the digest and the alert.
 */
export const EXPECTED_BASIS =
  'median of the same weekday over the previous six weeks plus the recent trend; 1st-of-month and other monthly ' +
  'recurring charges against their own past';

export const settledText = (v: NonNullable<SpendAnomaly['verdict']>): string =>
  `Settled as ${VERDICT_REASONS[v.is]} (feedback ${v.by === 'aws' ? 'in AWS Cost Anomaly Detection' : 'from Slack'}): no alert.`;

const daysOf = (a: SpendAnomaly) => Math.round((Date.parse(a.end) - Date.parse(a.start)) / DAY_MS) + 1;

/**
 * The days of an anomaly for people, and the day it was found where that is later than its first (a shift the
 * CUSUM proved some days after it began): "2026-11-10 to 2026-11-16, detected 2026-11-12".
 */
export function anomalyDays(a: SpendAnomaly): string {
  const days = a.start === a.end ? a.start : `${a.start} to ${a.end}`;
  return a.detectedOn > a.start ? `${days}, detected ${a.detectedOn}` : days;
}

/** The finding for one anomaly. Resource = the anomaly's id, so the same anomaly keeps its finding across runs. */
export function anomalyFinding(a: SpendAnomaly): FindingDraft {
  const days = daysOf(a);
  // Only spend that keeps going out is a monthly figure: an ongoing rise at its daily excess; a spike or an ended
  // anomaly costs what it cost (in the reason), not dollars a month.
  const ongoing = a.open && a.kind !== 'drop' && a.kind !== 'spike' && !a.verdict;
  const monthly = ongoing ? Math.max(0, (a.impactUsd / days) * DAYS_PER_MONTH) : 0;
  const aws = a.sources.includes('aws-cost-anomaly-detection');
  return {
    source: 'anomaly',
    sources: aws ? ['anomaly', 'cost-explorer'] : ['anomaly'],
    action: 'investigate',
    ruleId: `anomaly:${a.kind}`,
    title: `Spend ${a.kind === 'new' ? 'from a new service' : a.kind} on ${a.label}`,
    strategy: 'anomaly-detection',
    wellArchitected: 'COST01-BP06 (2024-06-27)',
    severity: a.severity,
    accountId: a.accountId ?? '',
    region: 'global',
    service: a.service ?? ALL_SERVICES,
    resourceId: a.id,
    status: a.kind === 'drop' || !a.open || a.verdict ? 'info' : 'alarm',
    reason:
      `${a.label} spent ${usdCents(a.actual)} from ${a.start} to ${a.end} against ${usdCents(a.expected)} expected ` +
      `(${EXPECTED_BASIS}): ${usdCents(a.impactUsd)} ${a.impactUsd >= 0 ? 'more' : 'less'} over ${days} day(s)` +
      `${a.detectedOn > a.start ? `, detected on ${a.detectedOn}` : ''}.` +
      (a.verdict ? ` ${settledText(a.verdict)}` : ''),
    monthlySavingsUsd: 0,
    monthlyImpactUsd: monthly,
    savingsMethod: 'none',
    savingsBasis:
      monthly > 0
        ? `impact, not a saving: Cost Explorer actual excess of the last ${days} day(s) at its daily rate, 30.4 days a month`
        : 'no monthly impact: the anomaly has ended or is a one-off',
    confidence: a.sources.length > 1 ? 'high' : a.estimated ? 'low' : 'medium',
    effort: 'low',
    evidence: {
      anomaly: a,
      ...(a.awsAnomalyId ? { awsAnomalyId: a.awsAnomalyId } : {}),
    },
  };
}
