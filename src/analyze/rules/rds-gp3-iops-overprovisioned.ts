import { usdCents } from '../../domain/money';
import { saving } from '../../pricing';
import { gp3BaselineIops, rdsStorageCost } from '../../pricing/database';
import { defineRule, gauge, noMetric, noPrice, ok, SERVICES, wa } from './define-rule';

export default defineRule({
  id: 'rds-gp3-iops-overprovisioned',
  title: 'RDS gp3 storage with provisioned IOPS above the baseline that its load never uses',
  service: SERVICES.rds,
  strategy: 'right-sizing',
  wellArchitected: wa('COST06-BP01'),
  severity: 'low',
  effort: 'low',
  restartNeeded: false,
  action: 'rightsize',
  params: {
    headroom: { default: 0.3, description: 'Keep this share above the peak IOPS when sizing the IOPS' },
    minDays: { default: 7, description: 'Judge only with at least this many days of IOPS data' },
  },
  iamActions: ['rds:DescribeDBInstances', 'cloudwatch:GetMetricData'],
  savingsMethod: 'price-table',
  // The peak is the sum of daily read and write maxima (at least the real peak); the headroom is a choice.
  confidence: 'medium',
  check(resources, params) {
    const days = resources.metricWindow.days;
    return resources.dbInstances.flatMap((db) => {
      if (db.storageType !== 'gp3' || db.iops === undefined || !db.allocatedStorageGb) return [];
      const baseline = gp3BaselineIops(db.engine, db.allocatedStorageGb);
      if (db.iops <= baseline) return [ok(db, `${db.iops} IOPS is within gp3's included ${baseline}`)];
      const read = gauge(db, 'ReadIOPS');
      const write = gauge(db, 'WriteIOPS');
      if (!read || !write || Math.min(read.datapoints, write.datapoints) < params.minDays) {
        return [noMetric(db, 'ReadIOPS/WriteIOPS', days)];
      }
      const peak = read.maximum + write.maximum;
      const keep = Math.max(baseline, Math.ceil((peak * (1 + params.headroom)) / 1000) * 1000);
      const quoted = `gp3 with ${db.iops} provisioned IOPS (${baseline} included) peaked at ${Math.round(peak)} IOPS over ${read.datapoints} days`;
      if (keep >= db.iops) return [ok(db, quoted)];
      const from = rdsStorageCost(db, db.region);
      const to = rdsStorageCost({ ...db, iops: keep }, db.region);
      const plan = `${keep} IOPS keep ${Math.round(params.headroom * 100)}% above the peak`;
      if (!from || !to) return [noPrice(db, `${quoted}; ${plan}`, 'RDS gp3 IOPS')];
      const save = saving(from, to);
      return [
        {
          resource: db,
          status: 'alarm' as const,
          reason: `${quoted}; ${plan}, modified in place, saving ${usdCents(save.monthlyUsd)} a month`,
          savings: save,
          evidence: { iops: db.iops, baseline, peakIops: peak, proposedIops: keep },
        },
      ];
    });
  },
});
