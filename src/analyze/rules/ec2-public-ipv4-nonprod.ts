import { usdCents } from '../../domain/money';
import { monthlyCost, price } from '../../pricing';
import { defineRule, judgeEach, ok, priced, SERVICES, type Verdict, wa } from './define-rule';
import { NONPROD_PARAMS, nonProdEnv } from './shapes';

export default defineRule({
  id: 'ec2-public-ipv4-nonprod',
  title: 'Non-production instance holds an auto-assigned public IPv4 address',
  service: SERVICES.vpc,
  strategy: 'data-transfer',
  wellArchitected: wa('COST04-BP03'),
  severity: 'low',
  effort: 'low',
  restartNeeded: true,
  action: 'configure',
  params: { ...NONPROD_PARAMS },
  iamActions: ['ec2:DescribeInstances', 'ec2:DescribeAddresses'],
  savingsMethod: 'price-table',
  // Whether it needs the address (inbound access, egress without a NAT) is not visible from the inventory.
  confidence: 'low',
  check(resources, params) {
    // Elastic IPs are the EIP rules' (eip-unassociated, eip-on-stopped-instance): only auto-assigned addresses here.
    const elastic = new Set(resources.addresses.map((a) => a.publicIp));
    return judgeEach(resources.instances, (i): Verdict | undefined => {
      if (i.state !== 'running') return undefined;
      const env = nonProdEnv(i, params);
      if (env === undefined) return undefined;
      if (!i.publicIp) return ok(i, `${env} instance has no public IPv4 address`);
      if (elastic.has(i.publicIp)) return undefined;
      const rate = price('vpc.public_ipv4', i.region);
      const cost = rate && monthlyCost(rate);
      const reason = `${env} instance ${i.instanceType} holds public IPv4 ${i.publicIp}${cost ? `, billed ${usdCents(cost.monthlyUsd)} a month` : ''}; reach it through Session Manager or an EC2 Instance Connect Endpoint instead`;
      return priced(i, reason, cost, 'public IPv4 addresses', { publicIp: i.publicIp });
    });
  },
});
