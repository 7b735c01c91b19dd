import { usdCents } from '../../domain/money';
import type { AuroraCluster } from '../../domain/resources-database';
import { saving } from '../../pricing';
import { auroraCosts } from '../../pricing/database';
import { count, defineRule, gauge, noPrice, ok, SERVICES, type Verdict, wa } from './define-rule';
import { type ClusterUsage, clusterUsage, memberIndex } from './rds-aurora-io-optimized';

export default defineRule({
  id: 'rds-aurora-io-optimized-unneeded',
  title: 'Aurora I/O-Optimized cluster with too little I/O to pay for its instance premium',
  service: SERVICES.rds,
  strategy: 'database-optimization',
  wellArchitected: wa('COST05-BP01'),
  severity: 'low',
  effort: 'low',
  restartNeeded: false,
  action: 'configure',
  params: {
    minSavingsUsd: { default: 10, description: 'Report only when Aurora Standard saves at least this a month' },
  },
  iamActions: ['rds:DescribeDBClusters', 'rds:DescribeDBInstances', 'cloudwatch:GetMetricData'],
  savingsMethod: 'price-table',
  // The 1.3 instance ratio and the storage rates are AWS-authored guidance (medium-high), not list-price rows.
  confidence: 'medium',
  check(resources, params) {
    const index = memberIndex(resources);
    return resources.dbClusters.flatMap((c) => {
      if (c.status !== 'available' || c.storageType !== 'aurora-iopt1') return [];
      // The same volume metrics as rds-aurora-io-optimized reads.
      const metrics = {
        reads: count(c, 'VolumeReadIOPs'),
        writes: count(c, 'VolumeWriteIOPs'),
        bytes: gauge(c, 'VolumeBytesUsed'),
      };
      const usage = clusterUsage(resources, c, index, metrics);
      return ['status' in usage ? usage : toStandard(c, usage, params.minSavingsUsd)];
    });
  },
});

/** I/O-Optimized now against Standard: an alarm when the I/O Standard would bill costs less than the premium. */
function toStandard(c: AuroraCluster, u: ClusterUsage, minSavingsUsd: number): Verdict {
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
  const save = saving(costs.optimized, costs.standard);
  const quoted = `${u.quoted}: on Standard its I/O would bill ${usdCents(costs.io.monthlyUsd)} a month`;
  if (save.monthlyUsd < minSavingsUsd) return ok(c, `${quoted}; I/O-Optimized pays for itself`);
  return {
    resource: c,
    status: 'alarm',
    reason: `${quoted}, less than the I/O-Optimized premium (instances × ${costs.ratio}, storage at $${costs.optimizedStorageUsd}/GB): Aurora Standard saves ${usdCents(save.monthlyUsd)} a month (a cluster may switch back once every 30 days)`,
    savings: save,
    evidence: { monthlyMillionIos: u.millionIos, storageGb: u.gb, members: u.members.map((d) => d.id) },
  };
}
