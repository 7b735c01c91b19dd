import { usdCents } from '../../domain/money';
import { monthlyCost, price } from '../../pricing';
import { defineRule, judgeEach, priced, SERVICES, wa } from './define-rule';
import { NONPROD_PARAMS, nonProdEnv } from './shapes';

/**
 * Detailed monitoring is billed per metric sent, at the custom-metric rate. Metrics per instance: 7, as the
 * CloudWatch pricing page's "EC2 Detailed Monitoring" example counts them (7 metrics × 10 instances = 70 metrics ×
 * $0.30 = $21.00 a month); an assumption for any one instance, hence medium confidence.
 */
export const DETAILED_METRICS_PER_INSTANCE = 7;

export default defineRule({
  id: 'ec2-detailed-monitoring-nonprod',
  title: 'Non-production EC2 instance with detailed (1-minute) monitoring billed as custom metrics',
  service: SERVICES.logs,
  strategy: 'unused-resources',
  wellArchitected: wa('COST05-BP03'),
  severity: 'low',
  effort: 'low',
  restartNeeded: false,
  action: 'configure',
  params: { ...NONPROD_PARAMS },
  iamActions: ['ec2:DescribeInstances'],
  savingsMethod: 'price-table',
  // cloudwatch.custom_metric.month.first_10k is medium-high in the table, and 7 metrics is an assumption.
  confidence: 'medium',
  check(resources, params) {
    return judgeEach(resources.instances, (i) => {
      if (i.state !== 'running' || i.monitoring !== 'enabled') return undefined;
      const env = nonProdEnv(i, params);
      if (env === undefined) return undefined;
      const rate = price('cloudwatch.custom_metric.month.first_10k', i.region);
      const cost = rate && monthlyCost(rate, DETAILED_METRICS_PER_INSTANCE);
      const reason = `${env} instance ${i.instanceType} has detailed monitoring on, billed as about ${DETAILED_METRICS_PER_INSTANCE} custom metrics${cost ? ` (${usdCents(cost.monthlyUsd)} a month)` : ''}; basic 5-minute monitoring is free`;
      return priced(i, reason, cost, 'CloudWatch custom metrics', { metrics: DETAILED_METRICS_PER_INSTANCE });
    });
  },
});
