import { usdCents } from '../../domain/money';
import { ebsVolumeCost } from '../../pricing';
import { daysSince, defineRule, judgeEach, ok, priced, SERVICES, wa } from './define-rule';

export default defineRule({
  id: 'ebs-volume-unattached',
  title: 'EBS volume not attached to any instance',
  service: SERVICES.ec2Other,
  strategy: 'unused-resources',
  wellArchitected: wa('COST04-BP03'),
  severity: 'medium',
  effort: 'low',
  restartNeeded: false,
  action: 'delete',
  params: {
    minAgeDays: { default: 7, description: 'Ignore volumes created less than this many days ago (still being set up)' },
  },
  iamActions: ['ec2:DescribeVolumes'],
  savingsMethod: 'price-table',
  confidence: 'high',
  check(resources, params, ctx) {
    return judgeEach(resources.volumes, (v) => {
      if (v.state !== 'available') return ok(v, `volume is ${v.state}`);
      const age = daysSince(v.createTime, ctx.asOf);
      if (age !== undefined && age < params.minAgeDays) return undefined;
      const cost = ebsVolumeCost(v, v.region);
      const reason = `${v.sizeGb} GB ${v.type} volume attached to nothing${age === undefined ? '' : `, created ${age} days ago`}${cost ? `, billed ${usdCents(cost.monthlyUsd)} a month` : ''}`;
      return priced(v, reason, cost, `EBS ${v.type}`);
    });
  },
});
