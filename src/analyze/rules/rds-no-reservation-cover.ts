import type { RdsInstance } from '../../domain/resources';
import { normalizedClass, rdsClassPrice } from '../../pricing/rds';
import { defineRule, SERVICES, wa } from './define-rule';
import { longRunningProduction, reservationParams, uncoveredByReservation } from './shapes';

/**
 * The discount assumed on uncovered hours: a 1-year No Upfront reserved DB instance. AWS's "up to 69%"
 * (aws.amazon.com/rds/reserved-instances) is the 3-year All Upfront ceiling; 1-year reservations are quoted at about
 * 30-40% (fasttrack-solutions.com, "Reserved RDS instances"). 30% is the bottom of that range and the rule's
 * confidence is low; Cost Explorer's and the Hub's purchase recommendations, where read, carry AWS's own figure.
 */
const DEFAULT_DISCOUNT = 0.3;

/** Engines whose reserved DB instances flex across the sizes of a family (RDS User Guide, size flexibility). */
const SIZE_FLEXIBLE = new Set(['mysql', 'mariadb', 'postgresql', 'aurora-mysql', 'aurora-postgresql']);

/** The engine as reservations name it (`postgres` instances are reserved as `postgresql`). */
const engineOf = (engine: string): string => (engine === 'postgres' ? 'postgresql' : engine.toLowerCase());

/** The pool a class, engine and deployment draw on: the family in normalized units where size flexes. */
function poolOf(instanceClass: string, engine: string, multiAz: boolean): { key: string; units: number } {
  const sized = normalizedClass(instanceClass);
  if (SIZE_FLEXIBLE.has(engine) && sized)
    return { key: `${engine}|${sized.family}`, units: sized.units * (multiAz ? 2 : 1) };
  return { key: `${engine}|${instanceClass}|${multiAz ? 'multi-az' : 'single-az'}`, units: 1 };
}

export default defineRule({
  id: 'rds-no-reservation-cover',
  title: 'Long-running production RDS instance covered by no reserved DB instance',
  service: SERVICES.rds,
  strategy: 'reserved-instances',
  wellArchitected: wa('COST07-BP01'),
  severity: 'low',
  effort: 'medium',
  restartNeeded: false,
  action: 'purchase',
  params: reservationParams(DEFAULT_DISCOUNT, 'Discount assumed on uncovered hours (1-year No Upfront, conservative)'),
  // Reservations come from the commitments collector (rds:DescribeReservedDBInstances, OPTIMIZATION_IAM_ACTIONS).
  iamActions: ['rds:DescribeDBInstances'],
  savingsMethod: 'price-table',
  confidence: 'low',
  check(resources, params, ctx) {
    const running = resources.dbInstances.filter(
      (db) => db.status === 'available' && db.instanceClass !== 'db.serverless',
    );
    const candidates = longRunningProduction(running, (db) => db.createTime, params, ctx.asOf);
    return uncoveredByReservation<RdsInstance>(resources, candidates, {
      service: 'rds',
      reserved: (c) => {
        const pool = poolOf(c.instanceType, engineOf(c.engine ?? ''), c.multiAz === true);
        return { key: pool.key, units: pool.units * c.count };
      },
      read: (db) => ({
        ...poolOf(db.instanceClass, engineOf(db.engine), db.multiAz),
        rate: rdsClassPrice(db.engine, db.instanceClass, db.multiAz, db.region),
        count: 1,
        label: `${db.engine} ${db.instanceClass}${db.multiAz ? ' Multi-AZ' : ''}`,
      }),
      discount: params.assumedDiscount,
      discountWhy: 'assumed 1-year No Upfront reserved DB instance discount, the low end of quoted rates',
    });
  },
});
