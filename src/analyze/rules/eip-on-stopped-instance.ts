import { usdCents } from '../../domain/money';
import { monthlyCost, price } from '../../pricing';
import { byAccount, daysSince, defineRule, ok, priced, SERVICES, wa } from './define-rule';

export default defineRule({
  id: 'eip-on-stopped-instance',
  title: 'Elastic IP address billed while its instance is stopped',
  service: SERVICES.vpc,
  strategy: 'unused-resources',
  wellArchitected: wa('COST04-BP03'),
  severity: 'low',
  effort: 'low',
  restartNeeded: false,
  action: 'delete',
  params: {
    minStoppedDays: { default: 7, description: 'Flag addresses whose instance has been stopped at least this long' },
  },
  iamActions: ['ec2:DescribeAddresses', 'ec2:DescribeInstances'],
  savingsMethod: 'price-table',
  confidence: 'high',
  check(resources, params, ctx) {
    const instances = byAccount(resources.instances);
    return resources.addresses.flatMap((a) => {
      if (!a.instanceId) return [];
      const instance = instances.get(a.accountId)?.get(a.instanceId);
      if (!instance) return [];
      if (instance.state !== 'stopped') return [ok(a, `instance ${a.instanceId} is ${instance.state}`)];
      const days = daysSince(instance.stoppedSince, ctx.asOf);
      if (days === undefined) {
        return [
          { resource: a, status: 'skip' as const, reason: `instance ${a.instanceId} is stopped since an unknown date` },
        ];
      }
      if (days < params.minStoppedDays) return [];
      const rate = price('vpc.public_ipv4', a.region);
      const cost = rate && monthlyCost(rate);
      const reason = `Elastic IP ${a.publicIp} is on ${a.instanceId}, stopped for ${days} days${cost ? `; the idle address bills ${usdCents(cost.monthlyUsd)} a month` : ''}`;
      return [priced(a, reason, cost, 'public IPv4')];
    });
  },
});
