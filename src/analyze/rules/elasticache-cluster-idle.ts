import { usdCents } from '../../domain/money';
import { elasticachePrice, monthlyCost } from '../../pricing';
import { defineRule, priced, SERVICES, wa } from './define-rule';
import { idleByMetric } from './shapes';

export default defineRule({
  id: 'elasticache-cluster-idle',
  title: 'ElastiCache cluster with no client connections over the window',
  service: SERVICES.elasticache,
  strategy: 'unused-resources',
  wellArchitected: wa('COST04-BP03'),
  severity: 'high',
  effort: 'medium',
  restartNeeded: false,
  action: 'delete',
  params: {
    maxConnections: { default: 0, description: 'Idle when the most connections seen in the window is at most this' },
  },
  iamActions: ['elasticache:DescribeCacheClusters', 'cloudwatch:GetMetricData'],
  savingsMethod: 'price-table',
  confidence: 'high',
  check(resources, params) {
    const days = resources.metricWindow.days;
    return resources.cacheClusters.flatMap((c) => {
      if (c.status !== 'available') return [];
      return [
        idleByMetric(c, {
          metric: 'CurrConnections',
          kind: 'gauge',
          max: params.maxConnections,
          days,
          busy: (_, most) => `up to ${most} connections over ${days} days`,
          idle: (_, conns) => {
            const rate = elasticachePrice(c.nodeType, c.region);
            const cost = rate && monthlyCost(rate, c.nodes);
            const reason = `${c.engine} cluster of ${c.nodes} ${c.nodeType} node(s) had at most ${conns.maximum} connections over ${conns.datapoints} days${cost ? `; it bills ${usdCents(cost.monthlyUsd)} a month` : ''}`;
            return priced(c, reason, cost, `ElastiCache ${c.nodeType}`);
          },
        }),
      ];
    });
  },
});
