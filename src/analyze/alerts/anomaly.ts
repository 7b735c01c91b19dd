/**
 * Anomaly alerts through the SNS path: one Alert per rising anomaly (drops go to the digest only), re-alerted only
 * when its impact has grown by a configured share, at most a daily cap with the rest summarized in one alert. The
 * Publish input uses MessageStructure 'json': a text for most protocols, a longer text for email, and a structured
 * JSON payload for SQS, Lambda and HTTP(S) subscribers; optionally the custom-notification format of Amazon Q
 * Developer in chat applications (formerly AWS Chatbot), which subscribes to the topic over HTTPS.
 */
import type { Alert } from '../../domain/alert';
import type { SpendAnomaly } from '../../domain/anomaly';
import type { Severity } from '../../domain/finding';
import { percentOf, usd } from '../../domain/money';
import { ALL_SERVICES } from '../../domain/spend';
import { anomalyDays, EXPECTED_BASIS } from '../anomaly/findings';

/** What each figure is and over what window: printed with every alert. */
const BASIS = `Figures: Cost Explorer actual spend over the anomaly days; expected = ${EXPECTED_BASIS}; impact = actual - expected.`;

const SEVERITY_ORDER: Severity[] = ['critical', 'high', 'medium', 'low'];
const SOURCE_NAMES = { 'durion-cost': 'durion-cost', 'aws-cost-anomaly-detection': 'AWS Cost Anomaly Detection' };

/** The dedup key of an anomaly's alert: the ledger claims it once; growth re-alerts are decided by realertDue. */
export const anomalyAlertKey = (a: SpendAnomaly): string => `anomaly:${a.id}`;

/**
 * Whether to alert (again) on an anomaly: yes when it was never alerted, else only when its impact grew by at least
 * `growth` (0.5 = 50%) over the impact last alerted.
 */
export function realertDue(previousImpactUsd: number | undefined, impactUsd: number, growth: number): boolean {
  if (previousImpactUsd === undefined) return true;
  return impactUsd >= previousImpactUsd * (1 + growth) && impactUsd > previousImpactUsd;
}

export const contributorText = (a: SpendAnomaly): string | undefined => {
  const top = (a.contributors ?? []).filter((c) => c.by !== 'account' || !a.accountId).slice(0, 3);
  if (!top.length) return undefined;
  return top.map((c) => `${c.by} ${c.value} ${usd(c.impactUsd)} (${percentOf(c.share)})`).join('; ');
};

/** One sentence a person reads first. */
export function headline(a: SpendAnomaly): string {
  const rel = a.relativeChange === undefined ? ', new spend' : `, ${percentOf(a.relativeChange)} over`;
  return (
    `Spend anomaly (${a.kind}${a.open ? ', ongoing' : ''}) on ${a.label}: ${usd(a.actual)} spent ${anomalyDays(a)} against ` +
    `${usd(a.expected)} expected (${usd(a.impactUsd)} more${rel}).`
  );
}

/** The alert for one anomaly. `accountId` is the payer's, for anomalies that name no account. */
export function anomalyAlert(a: SpendAnomaly, accountId: string): Alert {
  const causes = contributorText(a);
  return {
    key: anomalyAlertKey(a),
    kind: 'anomaly',
    severity: a.severity,
    accountId: a.accountId ?? accountId,
    service: a.service ?? ALL_SERVICES,
    impactUsd: a.impactUsd,
    subject: `durion-cost: +${usd(a.impactUsd)} ${a.kind} on ${a.service ?? a.label}${a.accountId ? ` in ${a.accountId}` : ''} (${a.severity})`,
    message: [
      headline(a),
      `Seen by ${a.sources.map((s) => SOURCE_NAMES[s]).join(' and ')}.`,
      ...(causes ? [`Top contributors: ${causes}.`] : []),
      ...(a.estimated ? ['Some of these days are still Estimated by Cost Explorer and may be revised.'] : []),
      ...(a.consoleUrl ? [`Cost Explorer: ${a.consoleUrl}`] : []),
      BASIS,
    ].join('\n'),
  };
}

/** Alerts for the anomalies worth one: rises, largest first (drops are in the digest only). */
export function anomalyAlerts(anomalies: SpendAnomaly[], accountId: string): Alert[] {
  return anomalies
    .filter((a) => a.kind !== 'drop')
    .sort(
      (x, y) => SEVERITY_ORDER.indexOf(x.severity) - SEVERITY_ORDER.indexOf(y.severity) || y.impactUsd - x.impactUsd,
    )
    .map((a) => anomalyAlert(a, accountId));
}

/**
 * At most `cap` anomaly alerts a day: `sentToday` were already published today (an intraday run counts too). Past
 * the cap, the most severe go out and one summary alert names the rest, keyed by day so it goes out once.
 */
export function capAlerts(
  alerts: Alert[],
  options: { cap: number; sentToday: number; asOf: string; accountId: string },
): Alert[] {
  const room = Math.max(0, options.cap - options.sentToday);
  if (alerts.length <= room) return alerts;
  const kept = alerts.slice(0, Math.max(0, room - 1));
  const rest = alerts.slice(kept.length);
  const total = rest.reduce((s, a) => s + a.impactUsd, 0);
  const severity = SEVERITY_ORDER.find((s) => rest.some((a) => a.severity === s)) ?? 'low';
  return [
    ...kept,
    {
      key: `anomaly-overflow:${options.asOf}`,
      kind: 'anomaly',
      severity,
      accountId: options.accountId,
      service: ALL_SERVICES,
      impactUsd: total,
      subject: `durion-cost: ${rest.length} more spend anomalies today, ${usd(total)} over expected`,
      message: [
        `The daily cap of ${options.cap} anomaly alerts is reached; ${rest.length} more anomalies were found:`,
        ...rest.map((a) => `- ${a.subject.replace(/^durion-cost: /, '')}`),
        'The daily digest lists them all.',
      ].join('\n'),
    },
  ];
}
