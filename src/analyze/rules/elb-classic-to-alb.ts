import { usdCents } from '../../domain/money';
import { monthlyCost, price, saving } from '../../pricing';
import { count, defineRule, noMetric, priced, SERVICES, type Verdict, wa } from './define-rule';

export default defineRule({
  id: 'elb-classic-to-alb',
  title: 'Classic Load Balancer in use: an Application Load Balancer costs less an hour',
  service: SERVICES.elb,
  strategy: 'compute-optimization',
  wellArchitected: wa('COST06-BP02'),
  severity: 'low',
  effort: 'medium',
  restartNeeded: false,
  action: 'modernize',
  params: {},
  iamActions: ['elasticloadbalancing:DescribeLoadBalancers', 'cloudwatch:GetMetricData'],
  savingsMethod: 'price-table',
  // Only the hours are compared: Classic's $0.008/GB against ALB's LCU-hours depends on the traffic's shape.
  confidence: 'medium',
  check(resources) {
    const days = resources.metricWindow.days;
    return resources.loadBalancers.flatMap((lb): Verdict[] => {
      if (lb.type !== 'classic') return [];
      const requests = count(lb, 'RequestCount');
      if (!requests) return [noMetric(lb, 'RequestCount', days)];
      // One with no requests is elb-no-traffic's: deleting it beats migrating it.
      if (requests.sum === 0) return [];
      const clb = price('elb.clb.hour', lb.region);
      const alb = price('elb.alb.hour', lb.region);
      const cost = clb && alb ? saving(monthlyCost(clb), monthlyCost(alb)) : undefined;
      const reason = `Classic Load Balancer ${lb.name} served ${requests.sum} requests over ${days} days${cost ? `; as an Application Load Balancer its hours bill ${usdCents(cost.monthlyUsd)} a month less (LCU and per-GB charges not compared)` : ''}`;
      return [priced(lb, reason, cost, 'Classic and Application Load Balancer hours', { requests: requests.sum })];
    });
  },
});
