import { HOURS_PER_MONTH, usdCents } from '../../domain/money';
import type { DynamoTable } from '../../domain/resources';
import { type Estimate, monthlyCost, price, saving, share, sum } from '../../pricing';
import { fmt, less, toGb } from '../storage';
import { count, defineRule, noMetric, ok, priced, SERVICES, type Verdict, wa } from './define-rule';

const DAYS_PER_MONTH = HOURS_PER_MONTH / 24;
/** Standard-IA bills reads and writes 25% above Standard (the price table's evidence for its IA storage price). */
const IA_THROUGHPUT_UPLIFT = 0.25;

/** A month of the table's throughput at Standard prices: provisioned capacity, or on-demand requests consumed. */
function throughputCost(t: DynamoTable, days: number): Estimate | undefined | 'no-metrics' {
  if (t.billingMode === 'PROVISIONED') {
    const rcu = price('dynamodb.rcu_hour', t.region);
    const wcu = price('dynamodb.wcu_hour', t.region);
    return rcu && wcu && sum([monthlyCost(rcu, t.readCapacityUnits), monthlyCost(wcu, t.writeCapacityUnits)]);
  }
  const reads = count(t, 'ConsumedReadCapacityUnits');
  const writes = count(t, 'ConsumedWriteCapacityUnits');
  if (!reads || !writes) return 'no-metrics';
  const rru = price('dynamodb.ondemand.read.per_million_rru', t.region);
  const wru = price('dynamodb.ondemand.write.per_million_wru', t.region);
  const millions = (s: number) => Math.round(((s / days) * DAYS_PER_MONTH) / 10_000) / 100;
  return rru && wru && sum([monthlyCost(rru, millions(reads.sum)), monthlyCost(wru, millions(writes.sum))]);
}

export default defineRule({
  id: 'dynamodb-standard-ia-candidate',
  title: 'DynamoDB table whose storage outweighs its throughput stays in the Standard table class',
  service: SERVICES.dynamodb,
  strategy: 'storage-tiering',
  wellArchitected: wa('COST04-BP05'),
  severity: 'low',
  effort: 'low',
  restartNeeded: false,
  action: 'configure',
  params: {
    minStorageGb: { default: 50, description: 'Only tables storing at least this many GB' },
  },
  iamActions: ['dynamodb:ListTables', 'dynamodb:DescribeTable', 'cloudwatch:GetMetricData'],
  savingsMethod: 'price-table',
  // The Standard-IA storage price is derived (40% of Standard) in the table: medium at best.
  confidence: 'medium',
  check(resources, params) {
    const days = resources.metricWindow.days;
    return resources.tables.flatMap((t): Verdict[] => {
      if (t.tableClass !== 'STANDARD') return [];
      if (t.tableSizeBytes === undefined)
        return [{ resource: t, status: 'skip', reason: `table ${t.id} reports no TableSizeBytes` }];
      const gb = toGb(t.tableSizeBytes);
      if (gb < params.minStorageGb) return [ok(t, `stores ${fmt(gb)} GB, under ${params.minStorageGb} GB`)];
      const throughput = throughputCost(t, days);
      if (throughput === 'no-metrics') return [noMetric(t, 'ConsumedRead/WriteCapacityUnits', days)];
      const std = price('dynamodb.storage.standard.gb_month', t.region);
      const ia = price('dynamodb.storage.standard_ia.gb_month', t.region);
      const storageSaving = std && ia && saving(monthlyCost(std, gb), monthlyCost(ia, gb));
      const uplift =
        throughput && share(throughput, IA_THROUGHPUT_UPLIFT, 'Standard-IA bills reads and writes 25% more');
      const net = storageSaving && uplift && less(storageSaving, uplift);
      if (net && net.monthlyUsd === 0)
        return [
          ok(t, `its throughput (${usdCents(throughput?.monthlyUsd ?? 0)} a month) outweighs what IA storage saves`),
        ];
      const reason = `table ${t.id} stores ${fmt(gb)} GB in the Standard class${net ? `; Standard-IA saves ${usdCents(net.monthlyUsd)} a month after its 25% dearer ${t.billingMode === 'PROVISIONED' ? 'provisioned capacity' : `requests (at the rate of the last ${days} days)`}` : ''}`;
      return [priced(t, reason, net, 'DynamoDB Standard-IA', { storageGb: gb })];
    });
  },
});
