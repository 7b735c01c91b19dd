import { usdCents } from '../../domain/money';
import { ebsVolumeCost, gp3Equivalent, saving } from '../../pricing';
import { defineRule, judgeEach, noPrice, ok, SERVICES, wa } from './define-rule';

export default defineRule({
  id: 'ebs-io-to-gp3',
  title: 'EBS io1/io2 volume provisions IOPS that a cheaper gp3 volume can serve',
  service: SERVICES.ec2Other,
  strategy: 'storage-tiering',
  wellArchitected: wa('COST06-BP02'),
  severity: 'medium',
  effort: 'medium',
  restartNeeded: false,
  action: 'modernize',
  params: {
    gp3MaxIops: { default: 16000, description: 'The most IOPS a gp3 volume provides' },
  },
  iamActions: ['ec2:DescribeVolumes'],
  savingsMethod: 'price-table',
  confidence: 'medium',
  check(resources, params) {
    return judgeEach(resources.volumes, (v) => {
      if (v.state === 'available' || (v.type !== 'io1' && v.type !== 'io2')) return undefined;
      if (v.iops === undefined) {
        return { resource: v, status: 'skip' as const, reason: `${v.type} volume reports no provisioned IOPS` };
      }
      if (v.iops > params.gp3MaxIops) return ok(v, `${v.iops} IOPS exceeds what gp3 provides (${params.gp3MaxIops})`);
      const from = ebsVolumeCost(v, v.region);
      const to = ebsVolumeCost(gp3Equivalent(v), v.region);
      const reason = `${v.sizeGb} GB ${v.type} volume provisions ${v.iops} IOPS, within gp3's ${params.gp3MaxIops}`;
      if (!from || !to) return noPrice(v, reason, `EBS ${v.type}`);
      const save = saving(from, to);
      return {
        resource: v,
        status: 'alarm',
        reason: `${reason}; gp3 saves ${usdCents(save.monthlyUsd)} a month`,
        savings: save,
      };
    });
  },
});
