import { usdCents } from '../../domain/money';
import { type Estimate, monthlyCost, price, sum } from '../../pricing';
import { dynamoProvisionedCost } from '../../pricing/database';
import { count, defineRule, noMetric, ok, priced, SERVICES, wa } from './define-rule';

const GB = 1024 ** 3;

export default defineRule({
  id: 'dynamodb-table-unused',
  title: 'DynamoDB table with no reads or writes over the window',
  service: SERVICES.dynamodb,
  strategy: 'unused-resources',
  wellArchitected: wa('COST04-BP03'),
  severity: 'medium',
  effort: 'medium',
  restartNeeded: false,
  action: 'delete',
  params: {},
  iamActions: ['dynamodb:ListTables', 'dynamodb:DescribeTable', 'cloudwatch:GetMetricData'],
  savingsMethod: 'price-table',
  // DynamoDB storage is a medium-high price in the table.
  confidence: 'medium',
  check(resources) {
    const days = resources.metricWindow.days;
    return resources.tables.flatMap((t) => {
      const reads = count(t, 'ConsumedReadCapacityUnits');
      const writes = count(t, 'ConsumedWriteCapacityUnits');
      if (!reads || !writes) return [noMetric(t, 'ConsumedRead/WriteCapacityUnits', days)];
      if (reads.sum + writes.sum > 0)
        return [ok(t, `${Math.round(reads.sum)} read and ${Math.round(writes.sum)} write units over ${days} days`)];
      const gb = Math.round(((t.sizeBytes ?? 0) / GB) * 100) / 100;
      const storage = price('dynamodb.storage.standard.gb_month', t.region);
      const parts: (Estimate | undefined)[] = [storage && gb > 0 ? monthlyCost(storage, gb) : undefined];
      if (t.billingMode === 'PROVISIONED') {
        parts.push(dynamoProvisionedCost(t.readCapacityUnits, t.writeCapacityUnits, t.region));
      }
      const known = parts.filter((p): p is Estimate => p !== undefined);
      const cost = known.length ? sum(known) : undefined;
      const capacity =
        t.billingMode === 'PROVISIONED'
          ? ` with ${t.readCapacityUnits} RCU / ${t.writeCapacityUnits} WCU provisioned`
          : ' on demand';
      const idle = `table of ${gb} GB${capacity} had no reads or writes over ${days} days`;
      // An empty on-demand table bills nothing while nobody uses it.
      if (t.billingMode !== 'PROVISIONED' && t.sizeBytes === undefined) {
        const why = 'DescribeTable reported no size, so its storage cannot be priced';
        return [{ resource: t, status: 'info' as const, reason: `${idle}; ${why}`, unpriced: why }];
      }
      if (t.billingMode !== 'PROVISIONED' && gb === 0) return [ok(t, `${idle}, and bills nothing while unused`)];
      const reason = `${idle}${cost ? `; it bills ${usdCents(cost.monthlyUsd)} a month` : ''}`;
      return [priced(t, reason, cost && cost.monthlyUsd > 0 ? cost : undefined, 'DynamoDB storage', { sizeGb: gb })];
    });
  },
});
