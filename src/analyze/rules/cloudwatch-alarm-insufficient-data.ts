import { usdCents } from '../../domain/money';
import type { MetricAlarm } from '../../domain/resources-network';
import { monthlyCost, price } from '../../pricing';
import { daysSince, defineRule, noPrice, ok, priced, SERVICES, type Verdict, wa } from './define-rule';

/** The metrics an alarm is billed for: an anomaly-detection alarm bills its metric and the two band metrics. */
export const billedMetrics = (a: MetricAlarm): number => Math.max(1, a.metricCount) * (a.anomalyDetection ? 3 : 1);

/** What an alarm bills a month, or the verdict when it has no list price (high-resolution alarms). */
export function alarmCost(a: MetricAlarm, reason: string, evidence: Record<string, unknown>): Verdict {
  if (a.periodSeconds !== undefined && a.periodSeconds < 60) {
    return noPrice(a, reason, 'high-resolution CloudWatch alarms');
  }
  const metrics = billedMetrics(a);
  const rate = price('cloudwatch.alarm.standard.month', a.region);
  const cost = rate && monthlyCost(rate, metrics);
  const priceNote = cost
    ? `; its ${metrics} alarm metric${metrics > 1 ? 's bill' : ' bills'} ${usdCents(cost.monthlyUsd)} a month`
    : '';
  return priced(a, `${reason}${priceNote}`, cost, 'CloudWatch alarm metrics', { ...evidence, metrics });
}

export default defineRule({
  id: 'cloudwatch-alarm-insufficient-data',
  title: 'CloudWatch alarm stuck in INSUFFICIENT_DATA: it watches a metric nothing publishes',
  service: SERVICES.logs,
  strategy: 'unused-resources',
  wellArchitected: wa('COST04-BP03'),
  severity: 'low',
  effort: 'low',
  restartNeeded: false,
  action: 'delete',
  params: {
    minDays: { default: 30, description: 'In INSUFFICIENT_DATA for at least this many days (longer than the window)' },
  },
  iamActions: ['cloudwatch:DescribeAlarms'],
  savingsMethod: 'price-table',
  confidence: 'medium',
  check(resources, params, ctx) {
    return resources.metricAlarms.flatMap((a): Verdict[] => {
      if (a.state !== 'INSUFFICIENT_DATA') return [ok(a, `alarm is in ${a.state}`)];
      const days = daysSince(a.stateSince, ctx.asOf);
      if (days === undefined) {
        return [
          {
            resource: a,
            status: 'skip',
            reason: 'alarm has no state-change time, so how long it has had no data is unknown',
          },
        ];
      }
      if (days < params.minDays) return [ok(a, `in INSUFFICIENT_DATA for only ${days} days`)];
      const metric = a.metricName ? `${a.namespace ?? ''} ${a.metricName}`.trim() : 'its metrics';
      return [alarmCost(a, `alarm ${a.name} on ${metric} has had insufficient data for ${days} days`, { days })];
    });
  },
});
