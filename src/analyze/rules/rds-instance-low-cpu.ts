import { usdCents } from '../../domain/money';
import { monthlyCost, saving } from '../../pricing';
import { rdsClassPrice, smallerClass } from '../../pricing/rds';
import { defineRule, gauge, noMetric, noPrice, ok, SERVICES, wa } from './define-rule';

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
      const cpu = gauge(db, 'CPUUtilization');
      if (!cpu || cpu.datapoints < params.minDays) return [noMetric(db, 'CPUUtilization', days)];
      const quoted = `CPU max of daily averages ${cpu.maxDailyAverage.toFixed(1)}% over ${cpu.datapoints} days`;
      if (cpu.maxDailyAverage >= params.maxCpuPercent) return [ok(db, quoted)];
      const smaller = smallerClass(db.instanceClass);
      const now = rdsClassPrice(db.engine, db.instanceClass, db.multiAz, db.region);
      const next = smaller && rdsClassPrice(db.engine, smaller, db.multiAz, db.region);
      const reason = `${db.engine} ${db.instanceClass}: ${quoted}`;
      if (!now || !next) return [noPrice(db, reason, `${db.engine} ${db.instanceClass}`)];
      const save = saving(monthlyCost(now), monthlyCost(next));
      return [
        {
          resource: db,
          status: 'alarm' as const,
          reason: `${reason}; ${smaller} saves ${usdCents(save.monthlyUsd)} a month`,
          savings: save,
          evidence: { suggestedClass: smaller },
        },
      ];
    });
  },
});
