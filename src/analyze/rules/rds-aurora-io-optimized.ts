import { DAYS_PER_MONTH, usdCents } from '../../domain/money';
import type { RdsInstance } from '../../domain/resources';
import type { AuroraCluster } from '../../domain/resources-database';
import { type Estimate, monthlyCost, price, saving, share, sum } from '../../pricing';
import { auroraPrice } from '../../pricing/database';
import { count, defineRule, gauge, noMetric, noPrice, ok, SERVICES, type Verdict, wa } from './define-rule';

const GB = 1024 ** 3;

export default defineRule({
  id: 'rds-aurora-io-optimized',
  title: 'Aurora Standard cluster whose I/O charges would cost less on I/O-Optimized',
  service: SERVICES.rds,
  strategy: 'database-optimization',
  wellArchitected: wa('COST05-BP01'),
  severity: 'medium',
  effort: 'low',
  restartNeeded: false,
  action: 'configure',
  params: {
    minIoShare: {
      default: 0.25,
      description: 'Consider the switch when I/O is at least this share of the cluster cost',
    },
  },
  iamActions: ['rds:DescribeDBClusters', 'rds:DescribeDBInstances', 'cloudwatch:GetMetricData'],
  savingsMethod: 'price-table',
  // The 1.3 instance ratio and the storage rates are AWS-authored guidance (medium-high), not list-price rows.
  confidence: 'medium',
  check(resources, params) {
    const days = resources.metricWindow.days;
    // Member instances by account, region and id, indexed once and only when there is a cluster to price.
    let index: Map<string, RdsInstance> | undefined;
    const byKey = () => {
      index ??= new Map(resources.dbInstances.map((d) => [`${d.accountId}|${d.region}|${d.id}`, d]));
      return index;
    };
    return resources.dbClusters.flatMap((c) => {
      if (c.status !== 'available') return [];
      if (c.storageType === 'aurora-iopt1') return [ok(c, 'already on Aurora I/O-Optimized')];
      const reads = count(c, 'VolumeReadIOPs');
      const writes = count(c, 'VolumeWriteIOPs');
      const bytes = gauge(c, 'VolumeBytesUsed');
      if (!reads || !writes) return [noMetric(c, 'VolumeReadIOPs/VolumeWriteIOPs', days)];
      if (!bytes) return [noMetric(c, 'VolumeBytesUsed', days)];
      const members = c.memberIds.flatMap((id) => byKey().get(`${c.accountId}|${c.region}|${id}`) ?? []);
      if (members.length === 0) {
        return [{ resource: c, status: 'skip' as const, reason: `no member instance of ${c.id} was read` }];
      }
      const ios = Math.round((((reads.sum + writes.sum) / days) * DAYS_PER_MONTH) / 1e6);
      return [compare(c, members, { ios, gb: bytes.average / GB, days, minIoShare: params.minIoShare })];
    });
  },
});

/** Both sides of the switch: Standard (instances, storage, I/O) against I/O-Optimized (instances × 1.3, storage). */
function compare(
  c: AuroraCluster,
  members: RdsInstance[],
  m: { ios: number; gb: number; days: number; minIoShare: number },
): Verdict {
  const gb = Math.round(m.gb);
  const base = `${c.engine} cluster of ${members.length} instance${members.length > 1 ? 's' : ''}, ${gb} GB, about ${m.ios} million I/Os a month at the rate of the last ${m.days} days`;
  const rates = members.map((d) => auroraPrice(c.engine, d.instanceClass, c.region));
  const io = price('aurora.standard.io.per_million', c.region);
  const ratio = price('aurora.io_optimized.instance_price_ratio', c.region);
  const stdStorage = price('aurora.standard.storage.gb_month', c.region);
  const optStorage = price('aurora.io_optimized.storage.gb_month', c.region);
  if (rates.some((r) => !r) || !io || !ratio || !stdStorage || !optStorage) {
    const classes = [...new Set(members.map((d) => d.instanceClass))].join(', ');
    return noPrice(c, base, `${c.engine} ${classes}`);
  }
  const instances = sum(rates.map((r) => monthlyCost(r as NonNullable<typeof r>)));
  const ioCost = monthlyCost(io, m.ios);
  const standard: Estimate = sum([instances, monthlyCost(stdStorage, gb), ioCost]);
  const ioShare = standard.monthlyUsd > 0 ? ioCost.monthlyUsd / standard.monthlyUsd : 0;
  const quoted = `${base}: I/O is ${Math.round(ioShare * 100)}% of its ${usdCents(standard.monthlyUsd)} a month`;
  if (ioShare < m.minIoShare) return ok(c, quoted);
  const optimized = sum([
    share(instances, ratio.usd, 'I/O-Optimized instance-hour ratio, aurora.io_optimized.instance_price_ratio'),
    monthlyCost(optStorage, gb),
  ]);
  const save = saving(standard, optimized);
  if (save.monthlyUsd <= 0) return ok(c, `${quoted}; I/O-Optimized would cost more`);
  return {
    resource: c,
    status: 'alarm',
    reason: `${quoted}; I/O-Optimized (instances × ${ratio.usd}, no I/O charge, storage at $${optStorage.usd}/GB) saves ${usdCents(save.monthlyUsd)} a month`,
    savings: save,
    evidence: { monthlyMillionIos: m.ios, storageGb: gb, ioShare, members: members.map((d) => d.id) },
  };
}
