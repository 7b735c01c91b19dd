/**
 * One event seen by durion-cost and by AWS Cost Anomaly Detection is one anomaly naming both sources. AWS anomalies
 * that durion-cost did not see are kept as they are (AWS's figures) when their impact reaches the alert threshold.
 * Feedback settles: an AWS anomaly marked not an anomaly or planned activity settles ours of the same event (and an
 * AWS-only one is left out), and a verdict given with the Slack buttons settles the same anomaly on later runs.
 */
import type { AwsAnomaly } from '../../collect/anomalies';
import {
  type Contributor,
  type SpendAnomaly,
  VERDICT_OF_FEEDBACK,
  VERDICT_REASONS,
  type Verdict,
} from '../../domain/anomaly';
import { addDays } from '../../domain/dates';
import type { Finding } from '../../domain/finding';
import { costExplorerUrl } from './console';
import { severityOf } from './spend';

/** AWS's root causes as contributors: by usage type, region and linked account, with their share of AWS's impact. */
function contributorsOf(a: AwsAnomaly): Contributor[] {
  const total = a.rootCauses.reduce((s, r) => s + (r.impactUsd ?? 0), 0) || a.impactUsd;
  const parts: [Contributor['by'], (r: AwsAnomaly['rootCauses'][number]) => string | undefined][] = [
    ['usage-type', (r) => r.usageType],
    ['region', (r) => r.region],
    ['account', (r) => r.accountId],
  ];
  return parts.flatMap(([by, pick]) => {
    const sums = new Map<string, number>();
    for (const r of a.rootCauses) {
      const value = pick(r);
      if (value) sums.set(value, (sums.get(value) ?? 0) + (r.impactUsd ?? 0));
    }
    return [...sums]
      .sort((x, y) => y[1] - x[1])
      .map(([value, impactUsd]) => ({ by, value, impactUsd, share: total > 0 ? impactUsd / total : 0 }));
  });
}

/** Whether our anomaly and AWS's are the same event: same service (and account where both say), overlapping days. */
function same(own: SpendAnomaly, a: AwsAnomaly, asOf: string): boolean {
  if (own.kind === 'drop') return false;
  const services = new Set([a.dimensionValue, ...a.rootCauses.map((r) => r.service)].filter(Boolean));
  const accounts = new Set(a.rootCauses.map((r) => r.accountId).filter(Boolean));
  if (own.service && !services.has(own.service)) return false;
  if (!own.service && own.dimension !== 'account' && own.dimension !== 'total') return false;
  if (own.accountId && accounts.size > 0 && !accounts.has(own.accountId)) return false;
  // AWS reports a day or so late: allow a day of slack on each side.
  const awsEnd = a.end ?? asOf;
  return own.start <= addDays(awsEnd, 1) && addDays(a.start, -1) <= own.end;
}

/** An anomaly only AWS saw, in durion-cost's terms (AWS's expected, actual and impact; its 0..1 score). */
function fromAws(a: AwsAnomaly, asOf: string, names: Record<string, string>): SpendAnomaly {
  const cause = a.rootCauses.length === 1 ? a.rootCauses[0] : undefined;
  const service = cause?.service ?? a.dimensionValue;
  const accountId = cause?.accountId;
  const end = a.end ?? addDays(asOf, -1);
  const account = accountId ? `${cause?.accountName ?? names[accountId] ?? accountId} (${accountId})` : '';
  return {
    id: `aws|${a.id}`,
    dimension: service && accountId ? 'account-service' : service ? 'service' : 'total',
    series: service && accountId ? `${accountId}|${service}` : (service ?? 'total'),
    label: service
      ? account
        ? `${service} in ${account}`
        : `${service}, all accounts`
      : (a.dimensionValue ?? 'AWS monitor'),
    ...(accountId ? { accountId } : {}),
    ...(service ? { service } : {}),
    kind: a.start === end ? 'spike' : 'level-shift',
    severity: severityOf('spike', a.impactUsd),
    start: a.start,
    end,
    detectedOn: end,
    expected: a.expected,
    actual: a.actual,
    impactUsd: a.impactUsd,
    ...(a.expected > 0 ? { relativeChange: a.impactUsd / a.expected } : {}),
    score: a.maxScore,
    open: a.end === undefined,
    settled: false,
    estimated: false,
    sources: ['aws-cost-anomaly-detection'],
    awsAnomalyId: a.id,
    contributors: contributorsOf(a),
    consoleUrl: costExplorerUrl({ start: a.start, end }, { service, accountId }),
  };
}

/** Our anomalies with AWS's merged in: matched ones name both sources, AWS-only ones are added. */
export function mergeAwsAnomalies(
  own: SpendAnomaly[],
  aws: AwsAnomaly[],
  asOf: string,
  accountNames: Record<string, string> = {},
  minImpactUsd = 0,
): SpendAnomaly[] {
  const merged = own.map((a) => ({ ...a }));
  for (const a of aws) {
    const verdict = a.feedback ? VERDICT_OF_FEEDBACK[a.feedback] : undefined;
    // The most specific of ours that matches (ours are ordered most specific first).
    const match = merged.find((m) => m.sources.includes('durion-cost') && !m.awsAnomalyId && same(m, a, asOf));
    if (match) {
      match.sources = [...match.sources, 'aws-cost-anomaly-detection'];
      match.awsAnomalyId = a.id;
      match.contributors ??= contributorsOf(a);
      if (verdict) match.verdict = { is: verdict, by: 'aws' };
    } else if (!verdict && Math.abs(a.impactUsd) >= minImpactUsd) merged.push(fromAws(a, asOf, accountNames));
  }
  return merged;
}

/** Verdicts given with the Slack buttons, by anomaly id: anomaly findings kept with a verdict's reason. */
export function slackVerdicts(findings: readonly Finding[]): Map<string, Verdict> {
  const byReason = new Map(Object.entries(VERDICT_REASONS).map(([v, reason]) => [reason, v as Verdict]));
  const verdicts = new Map<string, Verdict>();
  for (const f of findings) {
    if (f.source !== 'anomaly' || f.state !== 'kept') continue;
    const verdict = byReason.get(f.history.findLast((h) => h.state === 'kept')?.reason ?? '');
    if (verdict) verdicts.set(f.resourceId, verdict);
  }
  return verdicts;
}

/** Anomalies with the Slack verdicts applied (AWS's feedback, already merged, stands where both exist). */
export const settle = (anomalies: SpendAnomaly[], verdicts: ReadonlyMap<string, Verdict>): SpendAnomaly[] =>
  anomalies.map((a) => {
    const is = verdicts.get(a.id);
    return is && !a.verdict ? { ...a, verdict: { is, by: 'slack' as const } } : a;
  });
