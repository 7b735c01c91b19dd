import { usdCents } from '../../domain/money';
import type { MetricSummary, RdsInstance } from '../../domain/resources';
import { dbInstanceCost } from '../../pricing/run-cost';
import { defineRule, priced, SERVICES, wa } from './define-rule';
import { idleByMetric } from './shapes';

export default defineRule({
  id: 'rds-instance-idle',
  title: 'RDS instance with no database connections over the window',
  service: SERVICES.rds,
  strategy: 'database-optimization',
  wellArchitected: wa('COST04-BP03'),
  severity: 'high',
  effort: 'medium',
  restartNeeded: false,
  action: 'delete',
  params: {
    maxConnections: { default: 0, description: 'Idle when the most connections seen in the window is at most this' },
  },
  iamActions: ['rds:DescribeDBInstances', 'cloudwatch:GetMetricData'],
  savingsMethod: 'price-table',
  confidence: 'high',
  check(resources, params) {
    const days = resources.metricWindow.days;
    return resources.dbInstances.flatMap((db) => {
      if (db.status !== 'available') return [];
      return [
        idleByMetric(db, {
          metric: 'DatabaseConnections',
          kind: 'gauge',
          max: params.maxConnections,
          days,
          busy: (_, most) => `up to ${most} connections over ${days} days`,
          idle: (_, conns) => idle(db, conns),
        }),
      ];
    });
  },
});

/** The idle verdict: the instance's hours and storage, as a month. */
function idle(db: RdsInstance, conns: MetricSummary) {
  const cost = dbInstanceCost(db);
  const reason = `${db.engine} ${db.instanceClass}${db.multiAz ? ' Multi-AZ' : ''} had at most ${conns.maximum} connections over ${conns.datapoints} days${cost ? `; it bills ${usdCents(cost.monthlyUsd)} a month` : ''}`;
  return priced(db, reason, cost, `${db.engine} ${db.instanceClass}`);
}
