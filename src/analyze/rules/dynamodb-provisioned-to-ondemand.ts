import { DAY_SECONDS } from '../../domain/dates';
import { DAYS_PER_MONTH, usdCents } from '../../domain/money';
import { saving } from '../../pricing';
import { dynamoOnDemandCost, dynamoProvisionedCost } from '../../pricing/database';
import { count, defineRule, noMetric, noPrice, ok, SERVICES, wa } from './define-rule';

export default defineRule({
  id: 'dynamodb-provisioned-to-ondemand',
  title: 'Auto-scaled DynamoDB table whose traffic costs less on demand than its provisioned capacity',
  service: SERVICES.dynamodb,
  strategy: 'capacity-planning',
  wellArchitected: wa('COST09-BP03'),
  severity: 'low',
  effort: 'low',
  restartNeeded: false,
  action: 'configure',
  params: {
    minSavingsUsd: { default: 5, description: 'Report only when on-demand saves at least this a month' },
  },
  iamActions: [
    'dynamodb:ListTables',
    'dynamodb:DescribeTable',
    'application-autoscaling:DescribeScalableTargets',
    'cloudwatch:GetMetricData',
  ],
  savingsMethod: 'price-table',
  // Auto-scaled capacity moves: the capacity read is one moment's, priced as the month's.
  confidence: 'low',
  check(resources, params) {
    const days = resources.metricWindow.days;
    return resources.tables.flatMap((t) => {
      // Fixed capacity without auto scaling is dynamodb-provisioned-no-autoscaling's to right-size.
      if (t.billingMode !== 'PROVISIONED' || !t.autoScaling?.read || !t.autoScaling.write) return [];
      const reads = count(t, 'ConsumedReadCapacityUnits');
      const writes = count(t, 'ConsumedWriteCapacityUnits');
      if (!reads || !writes) return [noMetric(t, 'ConsumedRead/WriteCapacityUnits', days)];
      // No traffic at all: dynamodb-table-unused prices the whole table.
      if (reads.sum + writes.sum === 0) return [];
      const perSecond = (m: { sum: number }) => m.sum / (days * DAY_SECONDS);
      const monthly = (m: { sum: number }) => (m.sum / days) * DAYS_PER_MONTH;
      const now = dynamoProvisionedCost(t.readCapacityUnits, t.writeCapacityUnits, t.region);
      const after = dynamoOnDemandCost(monthly(reads), monthly(writes), t.region);
      const quoted = `provisioned ${t.readCapacityUnits} RCU / ${t.writeCapacityUnits} WCU (as auto scaling last set them) against a mean use of ${perSecond(reads).toFixed(2)} RCU / ${perSecond(writes).toFixed(2)} WCU over ${days} days`;
      if (!now || !after) return [noPrice(t, quoted, 'DynamoDB capacity and requests')];
      const save = saving(now, after);
      if (save.monthlyUsd < params.minSavingsUsd)
        return [ok(t, `${quoted}: on demand saves under ${usdCents(params.minSavingsUsd)}`)];
      return [
        {
          resource: t,
          status: 'alarm' as const,
          reason: `${quoted}: on-demand billing of the same requests saves ${usdCents(save.monthlyUsd)} a month, if the capacity stays at this level`,
          savings: save,
        },
      ];
    });
  },
});
