/**
 * Scoring, the same for every finding whatever its source (rules, Compute Optimizer, anomalies, ...):
 *
 *   score = (monthlySavingsUsd + monthlyImpactUsd) × confidence weight × effort weight × status weight
 *
 * with confidence high 1, medium 0.7, low 0.4; effort low 1, medium 0.8, high 0.6; status alarm 1, info 0.5, and 0
 * for ok, skip and error (nothing to act on). The score is the money a month at stake for the effort: a saving, or an
 * anomaly's extra spend.
 * Priority: 1 from $500 of score, 2 from $100, 3 from $10, else 4; a critical finding is at least priority 2 and a
 * high one at least 3, so a severe problem with no price still surfaces.
 */
import type { Confidence, Effort, FindingDraft, Severity, Status } from '../domain/finding';

export const CONFIDENCE_WEIGHT: Record<Confidence, number> = { high: 1, medium: 0.7, low: 0.4 };
export const EFFORT_WEIGHT: Record<Effort, number> = { low: 1, medium: 0.8, high: 0.6 };
export const STATUS_WEIGHT: Record<Status, number> = { alarm: 1, info: 0.5, ok: 0, skip: 0, error: 0 };

/** Score thresholds (USD a month) for priorities 1, 2 and 3. */
export const PRIORITY_THRESHOLDS = [500, 100, 10] as const;
/** The lowest priority a severity may have. */
const SEVERITY_FLOOR: Record<Severity, 1 | 2 | 3 | 4> = { critical: 2, high: 3, medium: 4, low: 4 };

export type Priority = 1 | 2 | 3 | 4;

/** Score and priority of one finding (see the formula above). */
export function scoreDraft(draft: FindingDraft): { score: number; priority: Priority } {
  const atStake = draft.monthlySavingsUsd + (draft.monthlyImpactUsd ?? 0);
  const dollars = Number.isFinite(atStake) ? Math.max(0, atStake) : 0;
  const raw = dollars * CONFIDENCE_WEIGHT[draft.confidence] * EFFORT_WEIGHT[draft.effort] * STATUS_WEIGHT[draft.status];
  const score = Math.round(raw * 100) / 100;
  const byScore = (PRIORITY_THRESHOLDS.findIndex((t) => score >= t) + 1 || 4) as Priority;
  const priority = (
    draft.status === 'alarm' || draft.status === 'info' ? Math.min(byScore, SEVERITY_FLOOR[draft.severity]) : 4
  ) as Priority;
  return { score, priority };
}

/** Plain code-unit order: stable and fast (localeCompare is slow over 100,000 findings). */
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Findings in the order to act on them: priority, then score, then savings, then id (stable across runs). */
export function rank<T extends FindingDraft & { score: number; priority: Priority; id?: string }>(findings: T[]): T[] {
  return [...findings].sort(
    (a, b) =>
      a.priority - b.priority ||
      b.score - a.score ||
      b.monthlySavingsUsd - a.monthlySavingsUsd ||
      compareText(a.id ?? a.resourceId, b.id ?? b.resourceId),
  );
}
