import { usdCents } from '../../domain/money';
import { monthlyCost, price } from '../../pricing';
import { defineRule, priced, SERVICES, wa } from './define-rule';
import { idleByMetric } from './shapes';

const GB = 1024 ** 3;

export default defineRule({
  id: 'efs-idle',
  title: 'EFS file system with no client connections over the window',
  service: SERVICES.efs,
  strategy: 'unused-resources',
  wellArchitected: wa('COST04-BP03'),
  severity: 'medium',
  effort: 'medium',
  restartNeeded: false,
  action: 'delete',
  params: {
    maxConnections: { default: 0, description: 'Idle when the ClientConnections sum over the window is at most this' },
  },
  iamActions: ['elasticfilesystem:DescribeFileSystems', 'cloudwatch:GetMetricData'],
  savingsMethod: 'price-table',
  confidence: 'high',
  check(resources, params) {
    const days = resources.metricWindow.days;
    return resources.fileSystems.flatMap((f) => {
      if (f.lifeCycleState !== 'available') return [];
      return [
        idleByMetric(f, {
          metric: 'ClientConnections',
          kind: 'count',
          max: params.maxConnections,
          days,
          busy: (_, sum) => `${sum} client connections over ${days} days`,
          idle: (_, conns) => {
            const gb = f.sizeBytes / GB;
            const rate = price('efs.standard.storage', f.region);
            const cost = rate && monthlyCost(rate, Math.round(gb * 100) / 100);
            const reason = `EFS file system of ${gb.toFixed(2)} GB had ${conns.sum} client connections over ${days} days${cost ? `; its storage bills ${usdCents(cost.monthlyUsd)} a month` : ''}`;
            return priced(f, reason, cost, 'EFS Standard storage', { sizeGb: gb });
          },
        }),
      ];
    });
  },
});
