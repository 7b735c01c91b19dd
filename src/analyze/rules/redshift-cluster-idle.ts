import { usdCents } from '../../domain/money';
import { monthlyCost } from '../../pricing';
import { redshiftNodePrice } from '../../pricing/streaming';
import { defineRule, priced, SERVICES, wa } from './define-rule';
import { idleByMetric } from './shapes';

export default defineRule({
  id: 'redshift-cluster-idle',
  title: 'Redshift cluster with no database connections over the window',
  service: SERVICES.redshift,
  strategy: 'unused-resources',
  wellArchitected: wa('COST04-BP03'),
  severity: 'high',
  effort: 'low',
  restartNeeded: false,
  action: 'stop',
  params: {
    maxConnections: { default: 0, description: 'Idle when the most connections seen in the window is at most this' },
  },
  iamActions: ['redshift:DescribeClusters', 'cloudwatch:GetMetricData'],
  savingsMethod: 'price-table',
  confidence: 'high',
  check(resources, params) {
    const days = resources.metricWindow.days;
    // A paused cluster bills only its backup storage: nothing to save by pausing it again.
    return resources.redshiftClusters.flatMap((c) => {
      if (c.status !== 'available') return [];
      return [
        idleByMetric(c, {
          metric: 'DatabaseConnections',
          kind: 'gauge',
          max: params.maxConnections,
          days,
          busy: (_, most) => `up to ${most} connections over ${days} days`,
          idle: (_, conns) => {
            const rate = redshiftNodePrice(c.nodeType, c.region);
            const cost = rate && monthlyCost(rate, c.nodes);
            const reason = `${c.nodes}-node ${c.nodeType} cluster had at most ${conns.maximum} connections over ${conns.datapoints} days${cost ? `; pausing or deleting it (after a final snapshot) saves its ${usdCents(cost.monthlyUsd)} a month of node hours` : ''}`;
            return priced(c, reason, cost, `Redshift ${c.nodeType} nodes`, { nodes: c.nodes });
          },
        }),
      ];
    });
  },
});
