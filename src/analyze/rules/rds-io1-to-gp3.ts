import { usdCents } from '../../domain/money';
import { saving } from '../../pricing';
import { gp3BaselineIops, gp3LargeFromGb, rdsStorageCost } from '../../pricing/database';
import { defineRule, noPrice, ok, SERVICES, wa } from './define-rule';

/** RDS gp3 (MySQL, MariaDB, PostgreSQL) provisions at most 64,000 IOPS. */
const GP3_MAX_IOPS = 64_000;

export default defineRule({
  id: 'rds-io1-to-gp3',
  title: 'RDS instance on io1 storage whose IOPS gp3 serves for less',
  service: SERVICES.rds,
  strategy: 'storage-tiering',
  wellArchitected: wa('COST10-BP02'),
  severity: 'medium',
  effort: 'low',
  restartNeeded: false,
  action: 'modernize',
  params: {
    minSavingsUsd: { default: 1, description: 'Report only when the move saves at least this a month' },
  },
  iamActions: ['rds:DescribeDBInstances'],
  savingsMethod: 'price-table',
  confidence: 'high',
  check(resources, params) {
    return resources.dbInstances.flatMap((db) => {
      if (db.engine.startsWith('aurora')) return [];
      if (db.storageType !== 'io1') return [ok(db, `storage is ${db.storageType ?? 'unknown'}`)];
      const gb = db.allocatedStorageGb;
      if (gb === undefined || db.iops === undefined) {
        return [{ resource: db, status: 'skip' as const, reason: `io1 instance ${db.id} reports no size or IOPS` }];
      }
      if (db.iops > GP3_MAX_IOPS) return [ok(db, `${db.iops} provisioned IOPS is beyond gp3's ${GP3_MAX_IOPS}`)];
      // Below 400 GB (MySQL, MariaDB, PostgreSQL; 200 GB Oracle) gp3 cannot provision IOPS beyond its 3,000
      // baseline: more IOPS need that size. SQL Server provisions them at any size, above 3,000 billed.
      const large = gp3LargeFromGb(db.engine);
      const gp3Gb = large !== undefined && db.iops > gp3BaselineIops(db.engine, gb) ? Math.max(gb, large) : gb;
      const gp3 = { ...db, storageType: 'gp3', allocatedStorageGb: gp3Gb };
      const from = rdsStorageCost(db, db.region);
      const to = rdsStorageCost(gp3, db.region);
      const what = `${gb} GB io1 with ${db.iops} provisioned IOPS${db.multiAz ? ' (Multi-AZ)' : ''}`;
      const after = `gp3 of ${gp3Gb} GB includes ${gp3BaselineIops(db.engine, gp3Gb)} IOPS${db.iops > gp3BaselineIops(db.engine, gp3Gb) ? ', the rest billed' : ''}`;
      if (!from || !to) return [noPrice(db, `${what}: ${after}`, 'RDS io1/gp3 storage')];
      const save = saving(from, to);
      if (save.monthlyUsd < params.minSavingsUsd) return [ok(db, `${what}: gp3 would not save`)];
      return [
        {
          resource: db,
          status: 'alarm' as const,
          reason: `${what}: ${after}, modified in place, saving ${usdCents(save.monthlyUsd)} a month`,
          savings: save,
          evidence: { sizeGb: gb, iops: db.iops, gp3SizeGb: gp3Gb },
        },
      ];
    });
  },
});
