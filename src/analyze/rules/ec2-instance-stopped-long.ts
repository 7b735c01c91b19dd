import { usdCents } from '../../domain/money';
import { ebsVolumeCost, sum } from '../../pricing';
import { byAccount, daysSince, defineRule, judgeEach, ok, priced, SERVICES, wa } from './define-rule';

export default defineRule({
  id: 'ec2-instance-stopped-long',
  title: 'EC2 instance stopped for weeks with its volumes still billed',
  service: SERVICES.ec2Other,
  strategy: 'unused-resources',
  wellArchitected: wa('COST04-BP03'),
  severity: 'medium',
  effort: 'low',
  restartNeeded: false,
  action: 'delete',
  params: {
    minStoppedDays: { default: 30, description: 'Flag instances stopped at least this many days' },
  },
  iamActions: ['ec2:DescribeInstances', 'ec2:DescribeVolumes'],
  savingsMethod: 'price-table',
  confidence: 'high',
  check(resources, params, ctx) {
    const volumes = byAccount(resources.volumes);
    return judgeEach(resources.instances, (i) => {
      if (i.state !== 'stopped') return ok(i, `instance is ${i.state}`);
      const days = daysSince(i.stoppedSince, ctx.asOf);
      if (days === undefined) {
        return {
          resource: i,
          status: 'skip' as const,
          reason: 'stopped since an unknown date (no state transition time)',
        };
      }
      if (days < params.minStoppedDays) return undefined;
      const inAccount = volumes.get(i.accountId);
      const attached = i.volumeIds.map((id) => inAccount?.get(id));
      const costs = attached.map((v) => v && ebsVolumeCost(v, v.region));
      const cost =
        costs.length && costs.every((c) => c !== undefined)
          ? sum(costs as NonNullable<(typeof costs)[number]>[])
          : undefined;
      const gb = attached.reduce((n, v) => n + (v?.sizeGb ?? 0), 0);
      const reason = `${i.instanceType} stopped for ${days} days with ${i.volumeIds.length} volume(s), ${gb} GB${cost ? `, billing ${usdCents(cost.monthlyUsd)} a month` : ''}`;
      return priced(i, reason, cost, 'its volumes (not all found in the inventory)', { stoppedDays: days });
    });
  },
});
