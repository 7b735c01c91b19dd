import { monthlyCost, price } from '../../pricing';
import { defineRule, priced, SERVICES, wa } from './define-rule';
import { NONPROD_PARAMS, nonProdEnv } from './ec2-nonprod-always-on';

export default defineRule({
  id: 'ec2-public-ipv4-unneeded',
  title: 'Non-production EC2 instance holding a billed public IPv4 address',
  service: SERVICES.vpc,
  strategy: 'unused-resources',
  wellArchitected: wa('COST04-BP03'),
  severity: 'low',
  effort: 'low',
  restartNeeded: false,
  action: 'configure',
  params: { ...NONPROD_PARAMS },
  iamActions: ['ec2:DescribeInstances'],
  savingsMethod: 'price-table',
  confidence: 'medium',
  check(resources, params) {
    return resources.instances.flatMap((i) => {
      if (i.state !== 'running' || !i.publicIp) return [];
      const env = nonProdEnv(i, params);
      if (env === undefined) return [];
      // Whether something reaches it from the internet is not visible here; Session Manager, a VPN or a load
      // balancer reach a private address, hence medium confidence.
      const rate = price('vpc.public_ipv4', i.region);
      const cost = rate && monthlyCost(rate);
      const reason = `${env} instance ${i.instanceType} has public IPv4 address ${i.publicIp}, billed every hour since 2024-02-01; reach it privately (Session Manager, VPN, a load balancer) and release it`;
      return [priced(i, reason, cost, 'public IPv4 addresses', { publicIp: i.publicIp })];
    });
  },
});
