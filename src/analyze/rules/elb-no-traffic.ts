import { usdCents } from '../../domain/money';
import { LB_TRAFFIC_METRIC } from '../../domain/resources';
import { monthlyCost } from '../../pricing';
import { loadBalancerPrice } from '../../pricing/elb';
import { defineRule, priced, SERVICES, wa } from './define-rule';
import { idleByMetric } from './shapes';

export default defineRule({
  id: 'elb-no-traffic',
  title: 'Load balancer with targets but no traffic over the window',
  service: SERVICES.elb,
  strategy: 'unused-resources',
  wellArchitected: wa('COST04-BP03'),
  severity: 'medium',
  effort: 'medium',
  restartNeeded: false,
  action: 'delete',
  params: {
    maxRequests: { default: 0, description: 'Idle when requests (or new flows) over the window are at most this' },
  },
  iamActions: ['elasticloadbalancing:DescribeLoadBalancers', 'cloudwatch:GetMetricData'],
  savingsMethod: 'price-table',
  confidence: 'medium',
  check(resources, params) {
    const days = resources.metricWindow.days;
    return resources.loadBalancers.flatMap((lb) => {
      // Without targets it is elb-no-targets' finding.
      if (!lb.targetCount) return [];
      const name = LB_TRAFFIC_METRIC[lb.type];
      return [
        idleByMetric(lb, {
          metric: name,
          kind: 'count',
          max: params.maxRequests,
          days,
          busy: (_, sum) => `${sum} ${name} over ${days} days`,
          idle: (_, m) => {
            const rate = loadBalancerPrice(lb.type, lb.region);
            const cost = rate && monthlyCost(rate);
            const reason = `${lb.type} load balancer ${lb.name} counted ${m.sum} ${name} over ${days} days${cost ? `; its hours bill ${usdCents(cost.monthlyUsd)} a month` : ''}`;
            return priced(lb, reason, cost, `${lb.type} load balancer hours`);
          },
        }),
      ];
    });
  },
});
