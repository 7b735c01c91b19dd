import { usdCents } from '../../domain/money';
import { ebsVolumeCost } from '../../pricing';
import { byAccount, daysSince, defineRule, judgeEach, ok, priced, SERVICES, wa } from './define-rule';

export default defineRule({
  id: 'ebs-volume-on-stopped-instance',
  title: 'EBS volume billed while attached only to stopped instances',
  service: SERVICES.ec2Other,
  strategy: 'unused-resources',
  wellArchitected: wa('COST04-BP03'),
  severity: 'medium',
  effort: 'medium',
  restartNeeded: false,
  action: 'delete',
  params: {
    minStoppedDays: { default: 7, description: 'Flag volumes whose instances have been stopped at least this long' },
    maxStoppedDays: {
      default: 30,
      description: 'From this many days ec2-instance-stopped-long flags the instance with its volumes instead',
    },
  },
  iamActions: ['ec2:DescribeVolumes', 'ec2:DescribeInstances'],
  savingsMethod: 'price-table',
  confidence: 'medium',
  check(resources, params, ctx) {
    const instances = byAccount(resources.instances);
    return judgeEach(resources.volumes, (v) => {
      if (v.state !== 'in-use' || v.attachedInstanceIds.length === 0) return undefined;
      const inAccount = instances.get(v.accountId);
      const attached = v.attachedInstanceIds.map((id) => inAccount?.get(id));
      if (attached.some((i) => i === undefined)) return undefined;
      if (attached.some((i) => i?.state !== 'stopped')) return ok(v, 'attached to an instance that is not stopped');
      const stopped = attached.map((i) => daysSince(i?.stoppedSince, ctx.asOf));
      if (stopped.some((d) => d === undefined)) {
        return { resource: v, status: 'skip' as const, reason: 'its instance is stopped since an unknown date' };
      }
      const days = Math.min(...(stopped as number[]));
      if (days < params.minStoppedDays || days >= params.maxStoppedDays) return undefined;
      const cost = ebsVolumeCost(v, v.region);
      const reason = `${v.sizeGb} GB ${v.type} volume attached to ${v.attachedInstanceIds.join(', ')}, stopped for ${days} days${cost ? `; the volume still bills ${usdCents(cost.monthlyUsd)} a month` : ''}`;
      return priced(v, reason, cost, `EBS ${v.type}`, { stoppedDays: days });
    });
  },
});
