import { usdCents } from '../../domain/money';
import { rdsStorageGbCost } from '../../pricing/database';
import { defineRule, gauge, noMetric, noPrice, ok, SERVICES, wa } from './define-rule';

const GB = 1024 ** 3;
/** RDS's smallest allocation for MySQL, MariaDB and PostgreSQL on gp2/gp3. */
const MIN_STORAGE_GB = 20;

export default defineRule({
  id: 'rds-storage-overprovisioned',
  title: 'RDS instance with most of its allocated storage free over the window',
  service: SERVICES.rds,
  strategy: 'right-sizing',
  wellArchitected: wa('COST06-BP01'),
  severity: 'low',
  // RDS cannot shrink allocated storage in place: the data moves to a new, smaller instance.
  effort: 'high',
  restartNeeded: true,
  action: 'rightsize',
  params: {
    minFreeShare: { default: 0.5, description: 'Flag when the mean free storage is at least this share of allocated' },
    headroom: { default: 0.3, description: 'Keep this share free above the data when sizing the smaller allocation' },
    minSavingsUsd: { default: 5, description: 'Report only when the smaller allocation saves at least this a month' },
  },
  iamActions: ['rds:DescribeDBInstances', 'cloudwatch:GetMetricData'],
  savingsMethod: 'price-table',
  // The saving is certain once moved, but the move is a migration and the size rests on a chosen headroom.
  confidence: 'medium',
  check(resources, params) {
    const days = resources.metricWindow.days;
    return resources.dbInstances.flatMap((db) => {
      if (db.engine.startsWith('aurora') || db.status !== 'available' || !db.allocatedStorageGb) return [];
      const free = gauge(db, 'FreeStorageSpace');
      if (!free) return [noMetric(db, 'FreeStorageSpace', days)];
      const allocated = db.allocatedStorageGb;
      const freeGb = free.average / GB;
      const usedGb = Math.max(0, allocated - freeGb);
      const quoted = `${freeGb.toFixed(1)} GB of ${allocated} GB free on average over ${free.datapoints} days`;
      if (freeGb / allocated < params.minFreeShare) return [ok(db, quoted)];
      const target = Math.max(MIN_STORAGE_GB, Math.ceil(usedGb / (1 - params.headroom)));
      const excess = allocated - target;
      if (excess <= 0) return [ok(db, `${quoted}: already at the smallest allocation`)];
      const type = db.storageType ?? 'gp2';
      const cost = rdsStorageGbCost(type, excess, db.multiAz, db.region);
      const reason = `${quoted}; ${target} GB keeps ${Math.round(params.headroom * 100)}% free`;
      if (!cost) return [noPrice(db, reason, `RDS ${type} storage`)];
      if (cost.monthlyUsd < params.minSavingsUsd)
        return [ok(db, `${reason}: saves under ${usdCents(params.minSavingsUsd)}`)];
      return [
        {
          resource: db,
          status: 'alarm' as const,
          reason: `${reason}, saving ${usdCents(cost.monthlyUsd)} a month on ${excess} GB; RDS storage cannot shrink in place, so this needs a move to a new instance (dump and restore, or a Blue/Green deployment where the engine allows a smaller volume)`,
          savings: cost,
          evidence: { allocatedGb: allocated, meanFreeGb: freeGb, targetGb: target },
        },
      ];
    });
  },
});
