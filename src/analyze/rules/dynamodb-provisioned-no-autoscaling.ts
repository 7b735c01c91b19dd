import { DAY_SECONDS } from '../../domain/dates';
import { usdCents } from '../../domain/money';
import { monthlyCost, price, sum } from '../../pricing';
import { count, defineRule, noMetric, noPrice, ok, SERVICES, wa } from './define-rule';

export default defineRule({
  id: 'dynamodb-provisioned-no-autoscaling',
  title: 'DynamoDB table with fixed provisioned capacity and no auto scaling',
  service: SERVICES.dynamodb,
  strategy: 'auto-scaling',
  wellArchitected: wa('COST09-BP03'),
  severity: 'medium',
  effort: 'low',
  restartNeeded: false,
  action: 'configure',
  params: {
    targetUtilization: { default: 0.7, description: 'Auto scaling target: capacity = mean consumption / this' },
  },
  iamActions: [
    'dynamodb:ListTables',
    'dynamodb:DescribeTable',
    'application-autoscaling:DescribeScalableTargets',
    'cloudwatch:GetMetricData',
  ],
  savingsMethod: 'price-table',
  confidence: 'medium',
  check(resources, params) {
    const days = resources.metricWindow.days;
    return resources.tables.flatMap((t) => {
      if (t.billingMode !== 'PROVISIONED') return [ok(t, `billed ${t.billingMode}: capacity follows demand`)];
      if (!t.autoScaling)
        return [{ resource: t, status: 'skip' as const, reason: `auto scaling of ${t.id} could not be read` }];
      if (t.autoScaling.read && t.autoScaling.write) return [ok(t, 'read and write capacity auto scale')];
      const reads = count(t, 'ConsumedReadCapacityUnits');
      const writes = count(t, 'ConsumedWriteCapacityUnits');
      if (!reads || !writes) return [noMetric(t, 'ConsumedRead/WriteCapacityUnits', days)];
      const perSecond = (m: { sum: number }) => m.sum / (days * DAY_SECONDS);
      const needed = (m: { sum: number }) => Math.max(1, Math.ceil(perSecond(m) / params.targetUtilization));
      const spareR = t.autoScaling.read ? 0 : Math.max(0, t.readCapacityUnits - needed(reads));
      const spareW = t.autoScaling.write ? 0 : Math.max(0, t.writeCapacityUnits - needed(writes));
      const reason = `provisioned ${t.readCapacityUnits} RCU / ${t.writeCapacityUnits} WCU with no auto scaling; mean use ${perSecond(reads).toFixed(1)} RCU / ${perSecond(writes).toFixed(1)} WCU over ${days} days`;
      if (spareR + spareW === 0) return [ok(t, `${reason}: capacity matches use`)];
      const rcu = price('dynamodb.rcu_hour', t.region);
      const wcu = price('dynamodb.wcu_hour', t.region);
      if (!rcu || !wcu) return [noPrice(t, reason, 'DynamoDB capacity')];
      const save = sum([monthlyCost(rcu, spareR), monthlyCost(wcu, spareW)]);
      return [
        {
          resource: t,
          status: 'alarm' as const,
          reason: `${reason}; auto scaling at ${params.targetUtilization * 100}% saves about ${usdCents(save.monthlyUsd)} a month`,
          savings: save,
        },
      ];
    });
  },
});
