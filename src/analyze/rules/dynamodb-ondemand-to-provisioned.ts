import { DAY_SECONDS } from '../../domain/dates';
import { DAYS_PER_MONTH, usdCents } from '../../domain/money';
import { saving } from '../../pricing';
import { dynamoOnDemandCost, dynamoProvisionedCost } from '../../pricing/database';
import { count, defineRule, noMetric, noPrice, ok, SERVICES, wa } from './define-rule';

export default defineRule({
  id: 'dynamodb-ondemand-to-provisioned',
  title: 'On-demand DynamoDB table with steady traffic that provisioned capacity serves for less',
  service: SERVICES.dynamodb,
  strategy: 'capacity-planning',
  wellArchitected: wa('COST09-BP03'),
  severity: 'medium',
  effort: 'low',
  restartNeeded: false,
  action: 'configure',
  params: {
    targetUtilization: {
      default: 0.7,
      description: "Provisioned capacity = the busiest day's mean rate / this (the auto scaling target)",
    },
    maxPeakToMean: { default: 1.5, description: 'Steady when the busiest day is at most this times the mean day' },
    minSavingsUsd: { default: 10, description: 'Report only when provisioned capacity saves at least this a month' },
  },
  iamActions: ['dynamodb:ListTables', 'dynamodb:DescribeTable', 'cloudwatch:GetMetricData'],
  savingsMethod: 'price-table',
  // On-demand request prices are medium-high in the table, and the capacity rests on a utilization target.
  confidence: 'medium',
  check(resources, params) {
    const days = resources.metricWindow.days;
    return resources.tables.flatMap((t) => {
      if (t.billingMode !== 'PAY_PER_REQUEST') return [];
      const reads = count(t, 'ConsumedReadCapacityUnits');
      const writes = count(t, 'ConsumedWriteCapacityUnits');
      if (!reads || !writes) return [noMetric(t, 'ConsumedRead/WriteCapacityUnits', days)];
      // Each series' busiest day against its mean day (a series with no traffic does not count).
      const spike = (m: { sum: number; maximum: number }) => (m.sum > 0 ? m.maximum / (m.sum / days) : 0);
      const ratio = Math.max(spike(reads), spike(writes));
      const perSecond = (sumOf: number) => sumOf / (days * DAY_SECONDS);
      const quoted = `on-demand table used ${perSecond(reads.sum).toFixed(1)} read / ${perSecond(writes.sum).toFixed(1)} write units a second on average over ${days} days`;
      if (reads.sum + writes.sum === 0) return [ok(t, `${quoted}: no traffic to provision for`)];
      if (ratio > params.maxPeakToMean)
        return [ok(t, `${quoted}, busiest day ${ratio.toFixed(1)}× the mean: too spiky`)];
      const capacity = (peak: number) => Math.max(1, Math.ceil(peak / DAY_SECONDS / params.targetUtilization));
      const rcu = capacity(reads.maximum);
      const wcu = capacity(writes.maximum);
      const monthly = (m: { sum: number }) => (m.sum / days) * DAYS_PER_MONTH;
      const now = dynamoOnDemandCost(monthly(reads), monthly(writes), t.region);
      const after = dynamoProvisionedCost(rcu, wcu, t.region);
      const plan = `${rcu} RCU / ${wcu} WCU (the busiest day's rate at ${Math.round(params.targetUtilization * 100)}% utilization, an assumed auto scaling target)`;
      if (!now || !after) return [noPrice(t, `${quoted}; ${plan}`, 'DynamoDB capacity')];
      const save = saving(now, after);
      const reason = `${quoted}; provisioned ${plan}`;
      if (save.monthlyUsd < params.minSavingsUsd)
        return [ok(t, `${reason} saves under ${usdCents(params.minSavingsUsd)}`)];
      return [
        {
          resource: t,
          status: 'alarm' as const,
          reason: `${reason} with auto scaling saves ${usdCents(save.monthlyUsd)} a month`,
          savings: save,
          evidence: { rcu, wcu, peakToMean: ratio },
        },
      ];
    });
  },
});
