import { monthlyCost } from '../../pricing';
import { gravitonClass, isGravitonClass } from '../../pricing/managed';
import { rdsClassPrice } from '../../pricing/rds';
import { defineRule, ok, SERVICES, wa } from './define-rule';
import { gravitonMove } from './shapes';

/** Engines RDS runs on Graviton classes (RDS User Guide, "Supported DB engines for DB instance classes"). */
const GRAVITON_ENGINES = /^(mysql|mariadb|postgres|aurora-mysql|aurora-postgresql)$/;

export default defineRule({
  id: 'rds-graviton-candidate',
  title: 'RDS instance on an x86 class where the Graviton class of the same size is cheaper',
  service: SERVICES.rds,
  strategy: 'database-optimization',
  wellArchitected: wa('COST06-BP02'),
  severity: 'low',
  effort: 'medium',
  restartNeeded: true,
  action: 'modernize',
  params: {},
  iamActions: ['rds:DescribeDBInstances'],
  savingsMethod: 'price-table',
  confidence: 'medium',
  check(resources) {
    return resources.dbInstances.flatMap((db) => {
      if (db.status !== 'available' || !GRAVITON_ENGINES.test(db.engine)) return [];
      if (isGravitonClass(db.instanceClass)) return [ok(db, `${db.instanceClass} already runs on Graviton`)];
      const target = gravitonClass(db.instanceClass);
      // Previous generations and families with no Graviton twin are not this rule's.
      if (!target) return [];
      const now = rdsClassPrice(db.engine, db.instanceClass, db.multiAz, db.region);
      const next = rdsClassPrice(db.engine, target, db.multiAz, db.region);
      const deployment = db.multiAz ? 'Multi-AZ' : 'Single-AZ';
      return [
        gravitonMove(db, {
          label: `${deployment} ${db.engine} ${db.instanceClass}`,
          target,
          now: now && monthlyCost(now),
          next: next && monthlyCost(next),
          unpriced: `${deployment} ${db.engine} ${db.instanceClass} or ${target}`,
        }),
      ];
    });
  },
});
