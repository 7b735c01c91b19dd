import { usdCents } from '../../domain/money';
import { monthlyCost } from '../../pricing';
import { loadBalancerPrice } from '../../pricing/elb';
import { daysSince, defineRule, ok, priced, SERVICES, wa } from './define-rule';

export default defineRule({
  id: 'elb-no-targets',
  title: 'Load balancer with no registered targets',
  service: SERVICES.elb,
  strategy: 'unused-resources',
  wellArchitected: wa('COST04-BP03'),
  severity: 'medium',
  effort: 'low',
  restartNeeded: false,
  action: 'delete',
  params: {
    minAgeDays: { default: 7, description: 'Ignore load balancers created less than this many days ago' },
  },
  iamActions: [
    'elasticloadbalancing:DescribeLoadBalancers',
    'elasticloadbalancing:DescribeTargetGroups',
    'elasticloadbalancing:DescribeTargetHealth',
  ],
  savingsMethod: 'price-table',
  confidence: 'high',
  check(resources, params, ctx) {
    return resources.loadBalancers.flatMap((lb) => {
      if (lb.targetCount === undefined) {
        return [{ resource: lb, status: 'skip' as const, reason: `targets of ${lb.name} could not be read` }];
      }
      if (lb.targetCount > 0) return [ok(lb, `${lb.targetCount} registered targets`)];
      const age = daysSince(lb.createdTime, ctx.asOf);
      if (age !== undefined && age < params.minAgeDays) return [];
      const rate = loadBalancerPrice(lb.type, lb.region);
      const cost = rate && monthlyCost(rate);
      const reason = `${lb.type} load balancer ${lb.name} has no registered targets${cost ? `; its hours bill ${usdCents(cost.monthlyUsd)} a month` : ''}`;
      return [priced(lb, reason, cost, `${lb.type} load balancer hours`)];
    });
  },
});
