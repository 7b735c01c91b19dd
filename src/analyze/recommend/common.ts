/** What the ingestion of AWS recommendations shares: open-string enums, ids from ARNs, effort and confidence scales. */
import type { Confidence, Effort, FindingDraft } from '../../domain/finding';
import type { Note } from '../../domain/note';

/**
 * AWS enums read as open strings: case, underscores and dashes removed, so OVER_PROVISIONED, Overprovisioned and
 * over-provisioned compare equal.
 */
export const norm = (value: unknown): string =>
  typeof value === 'string' ? value.replace(/[_\-\s]/g, '').toLowerCase() : '';

/** The region in an ARN (`arn:aws:ec2:us-east-1:…`), or undefined. */
export const regionFromArn = (arn: string | undefined): string | undefined => arn?.split(':')[3] || undefined;

/**
 * The id people (and the rules) use for a resource, from its ARN: i-…, vol-…, nat-…, the function name (without
 * version), the DB identifier, the Auto Scaling group name, `cluster/service` for ECS.
 */
export function idFromArn(arn: string | undefined): string | undefined {
  if (!arn) return undefined;
  const parts = arn.split(':');
  const service = parts[2];
  const rest = parts.slice(5).join(':');
  if (service === 'lambda') return parts[6];
  if (service === 'rds') return parts[6];
  if (service === 'autoscaling') return rest.split('autoScalingGroupName/')[1];
  if (service === 'ecs') return rest.replace(/^service\//, '');
  return rest.split('/').pop() || undefined;
}

/** AWS effort scales (VeryLow … VeryHigh) onto ours. Unknown values are medium: not the easiest, not the hardest. */
export function effortOf(value: unknown): Effort {
  const v = norm(value);
  if (v === 'verylow' || v === 'low') return 'low';
  if (v === 'high' || v === 'veryhigh') return 'high';
  return 'medium';
}

/**
 * Compute Optimizer's performance risk of an option (0 very low … 4 very high) as our confidence that the change is
 * safe: up to 1 high, up to 2 medium, above that low. Absent means medium.
 */
export function confidenceOf(performanceRisk: number | undefined): Confidence {
  if (performanceRisk === undefined || !Number.isFinite(performanceRisk)) return 'medium';
  if (performanceRisk <= 1) return 'high';
  if (performanceRisk <= 2) return 'medium';
  return 'low';
}

/** What an ingestion step returns: drafts, and notes for what it could not use. */
export interface Ingested {
  drafts: FindingDraft[];
  notes: Note[];
}
