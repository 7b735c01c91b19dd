import { usdCents } from '../../domain/money';
import { LB_TRAFFIC_METRIC } from '../../domain/resources';
import { monthlyCost } from '../../pricing';
import { loadBalancerPrice } from '../../pricing/elb';
import { count, defineRule, noMetric, ok, priced, SERVICES, wa } from './define-rule';

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
      const m = count(lb, name);
      if (!m) return [noMetric(lb, name, days)];
      if (m.sum > params.maxRequests) return [ok(lb, `${m.sum} ${name} over ${days} days`)];
      const rate = loadBalancerPrice(lb.type, lb.region);
      const cost = rate && monthlyCost(rate);
      const reason = `${lb.type} load balancer ${lb.name} counted ${m.sum} ${name} over ${days} days${cost ? `; its hours bill ${usdCents(cost.monthlyUsd)} a month` : ''}`;
      return [priced(lb, reason, cost, `${lb.type} load balancer hours`)];
    });
  },
});
