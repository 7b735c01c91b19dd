import { DAYS_PER_MONTH, usdCents } from '../../domain/money';
import type { MetricSummary, RdsInstance, ResourceInventory } from '../../domain/resources';
import type { AuroraCluster } from '../../domain/resources-database';
import { saving } from '../../pricing';
import { auroraCosts } from '../../pricing/database';
import { count, defineRule, gauge, noMetric, noPrice, ok, SERVICES, type Verdict, wa } from './define-rule';

const GB = 1024 ** 3;

/** What the Aurora storage rules judge a cluster on: its members and its volume's size and I/O a month. */
export interface ClusterUsage {
  members: RdsInstance[];
  gb: number;
  millionIos: number;
  /** "aurora-mysql cluster of 2 instances, 100 GB, about 3042 million I/Os a month at the rate of the last 14 days". */
  quoted: string;
}

/** A cluster's volume metrics as the rule read them (VolumeReadIOPs, VolumeWriteIOPs, VolumeBytesUsed). */
export interface VolumeMetrics {
  reads?: MetricSummary;
  writes?: MetricSummary;
  bytes?: MetricSummary;
}

/**
 * A cluster's usage from its volume metrics, or the skip verdict when a metric or its members are missing. Member
 * instances come from a lazily built index (memberIndex).
 */
export function clusterUsage(
  resources: ResourceInventory,
  c: AuroraCluster,
  index: () => Map<string, RdsInstance>,
  { reads, writes, bytes }: VolumeMetrics,
): ClusterUsage | Verdict {
  const days = resources.metricWindow.days;
  if (!reads || !writes) return noMetric(c, 'VolumeReadIOPs/VolumeWriteIOPs', days);
  if (!bytes) return noMetric(c, 'VolumeBytesUsed', days);
  const members = c.memberIds.flatMap((id) => index().get(`${c.accountId}|${c.region}|${id}`) ?? []);
  if (members.length === 0) return { resource: c, status: 'skip', reason: `no member instance of ${c.id} was read` };
  const millionIos = Math.round((((reads.sum + writes.sum) / days) * DAYS_PER_MONTH) / 1e6);
  const gb = Math.round(bytes.average / GB);
  const n = members.length;
  const quoted = `${c.engine} cluster of ${n} instance${n > 1 ? 's' : ''}, ${gb} GB, about ${millionIos} million I/Os a month at the rate of the last ${days} days`;
  return { members, gb, millionIos, quoted };
}

/** The volume metrics of a cluster: I/O counts (Sum) and the volume's size (a gauge). */
export const volumeMetrics = (c: AuroraCluster): VolumeMetrics => ({
  reads: count(c, 'VolumeReadIOPs'),
  writes: count(c, 'VolumeWriteIOPs'),
  bytes: gauge(c, 'VolumeBytesUsed'),
});

/** A lazily built index of the inventory's DB instances by account, region and id. */
export function memberIndex(resources: ResourceInventory): () => Map<string, RdsInstance> {
  let index: Map<string, RdsInstance> | undefined;
  return () => {
    index ??= new Map(resources.dbInstances.map((d) => [`${d.accountId}|${d.region}|${d.id}`, d]));
    return index;
  };
}

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
    const index = memberIndex(resources);
    return resources.dbClusters.flatMap((c) => {
      if (c.status !== 'available') return [];
      if (c.storageType === 'aurora-iopt1') return [ok(c, 'already on Aurora I/O-Optimized')];
      const usage = clusterUsage(resources, c, index, volumeMetrics(c));
      return ['status' in usage ? usage : toOptimized(c, usage, params.minIoShare)];
    });
  },
});

/** Standard now against I/O-Optimized: an alarm when I/O is a large share and the switch saves. */
function toOptimized(c: AuroraCluster, u: ClusterUsage, minIoShare: number): Verdict {
  const costs = auroraCosts(
    c.engine,
    u.members.map((d) => d.instanceClass),
    u,
    c.region,
  );
  if (!costs) {
    const classes = [...new Set(u.members.map((d) => d.instanceClass))].join(', ');
    return noPrice(c, u.quoted, `${c.engine} ${classes}`);
  }
  const { standard, optimized, io } = costs;
  const ioShare = standard.monthlyUsd > 0 ? io.monthlyUsd / standard.monthlyUsd : 0;
  const quoted = `${u.quoted}: I/O is ${Math.round(ioShare * 100)}% of its ${usdCents(standard.monthlyUsd)} a month`;
  if (ioShare < minIoShare) return ok(c, quoted);
  const save = saving(standard, optimized);
  if (save.monthlyUsd <= 0) return ok(c, `${quoted}; I/O-Optimized would cost more`);
  return {
    resource: c,
    status: 'alarm',
    reason: `${quoted}; I/O-Optimized (instances × ${costs.ratio}, no I/O charge, storage at $${costs.optimizedStorageUsd}/GB) saves ${usdCents(save.monthlyUsd)} a month`,
    savings: save,
    evidence: { monthlyMillionIos: u.millionIos, storageGb: u.gb, ioShare, members: u.members.map((d) => d.id) },
  };
}
