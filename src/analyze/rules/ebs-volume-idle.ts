import { usdCents } from '../../domain/money';
import { ebsVolumeCost } from '../../pricing';
import { fmt, volumesOnStoppedInstances } from '../storage';
import {
  count,
  daysSince,
  defineRule,
  judgeEach,
  noMetric,
  ok,
  priced,
  SERVICES,
  type Verdict,
  wa,
} from './define-rule';

export default defineRule({
  id: 'ebs-volume-idle',
  title: 'EBS volume attached to a running instance but read and written by nobody',
  service: SERVICES.ec2Other,
  strategy: 'unused-resources',
  wellArchitected: wa('COST04-BP03'),
  severity: 'medium',
  effort: 'medium',
  restartNeeded: false,
  action: 'delete',
  params: {
    maxOps: { default: 0, description: 'Idle when its read and write operations over the window are at most this' },
  },
  iamActions: ['ec2:DescribeVolumes', 'cloudwatch:GetMetricData'],
  savingsMethod: 'price-table',
  confidence: 'medium',
  check(resources, params, ctx) {
    const days = resources.metricWindow.days;
    const stopped = volumesOnStoppedInstances(resources);
    return judgeEach(resources.volumes, (v): Verdict | undefined => {
      // Unattached and stopped-instance volumes are other rules' (ebs-volume-unattached, ebs-volume-on-stopped-instance).
      if (v.state !== 'in-use' || stopped.has(v)) return undefined;
      // A volume younger than the window has not been watched long enough.
      const age = daysSince(v.createTime, ctx.asOf);
      if (age !== undefined && age < days) return undefined;
      const reads = count(v, 'VolumeReadOps');
      const writes = count(v, 'VolumeWriteOps');
      if (!reads || !writes) return noMetric(v, 'AWS/EBS VolumeReadOps/VolumeWriteOps', days);
      const ops = reads.sum + writes.sum;
      if (ops > params.maxOps) return ok(v, `${fmt(ops)} read and write operations over ${days} days`);
      const cost = ebsVolumeCost(v, v.region);
      const reason = `${v.sizeGb} GB ${v.type} volume attached to ${v.attachedInstanceIds.join(', ')} did ${fmt(ops)} read or write operations over ${days} days${cost ? `; it bills ${usdCents(cost.monthlyUsd)} a month (snapshot it before deleting if its data matters)` : ''}`;
      return priced(v, reason, cost, `EBS ${v.type}`, { operations: ops });
    });
  },
});
