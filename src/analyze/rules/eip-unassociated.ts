import { usdCents } from '../../domain/money';
import { monthlyCost, price } from '../../pricing';
import { defineRule, ok, priced, SERVICES, wa } from './define-rule';

export default defineRule({
  id: 'eip-unassociated',
  title: 'Elastic IP address associated with nothing, billed as an idle public IPv4',
  service: SERVICES.vpc,
  strategy: 'unused-resources',
  wellArchitected: wa('COST04-BP03'),
  severity: 'low',
  effort: 'low',
  restartNeeded: false,
  action: 'delete',
  params: {},
  iamActions: ['ec2:DescribeAddresses'],
  savingsMethod: 'price-table',
  confidence: 'high',
  check(resources) {
    return resources.addresses.map((a) => {
      if (a.associationId) return ok(a, `associated (${a.associationId})`);
      const rate = price('vpc.public_ipv4', a.region);
      const cost = rate && monthlyCost(rate);
      return priced(
        a,
        `Elastic IP ${a.publicIp} is associated with no instance or interface${cost ? `; idle public IPv4 bills ${usdCents(cost.monthlyUsd)} a month` : ''}`,
        cost,
        'public IPv4',
      );
    });
  },
});
