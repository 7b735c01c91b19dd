import { rdsClassPrice, smallerClass } from '../../pricing/rds';
import { defineRule, gauge, SERVICES, wa } from './define-rule';
import { lowUtilizationByMetric } from './shapes';

export default defineRule({
  id: 'rds-instance-low-cpu',
  title: 'RDS instance in use but running far below its CPU capacity',
  service: SERVICES.rds,
  strategy: 'right-sizing',
  wellArchitected: wa('COST06-BP03'),
  severity: 'medium',
  effort: 'medium',
  restartNeeded: true,
  action: 'rightsize',
  params: {
    maxCpuPercent: { default: 10, description: 'Low when the highest daily average CPU stays under this' },
    minDays: { default: 7, description: 'Judge only with at least this many days of datapoints' },
  },
  iamActions: ['rds:DescribeDBInstances', 'cloudwatch:GetMetricData'],
  savingsMethod: 'price-table',
  confidence: 'medium',
  check(resources, params) {
    const days = resources.metricWindow.days;
    return resources.dbInstances.flatMap((db) => {
      if (db.status !== 'available') return [];
      const conns = gauge(db, 'DatabaseConnections');
      // Idle instances are rds-instance-idle's.
      if (conns && conns.maximum === 0) return [];
      return [
        lowUtilizationByMetric(db, {
          metric: 'CPUUtilization',
          days,
          minDays: params.minDays,
          maxPercent: params.maxCpuPercent,
          label: `${db.engine} ${db.instanceClass}`,
          downsize: () => {
            const smaller = smallerClass(db.instanceClass);
            return {
              smaller,
              now: rdsClassPrice(db.engine, db.instanceClass, db.multiAz, db.region),
              next: smaller ? rdsClassPrice(db.engine, smaller, db.multiAz, db.region) : undefined,
              unpriced: `${db.engine} ${db.instanceClass}`,
              evidence: { suggestedClass: smaller },
            };
          },
        }),
      ];
    });
  },
});
