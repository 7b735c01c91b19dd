import { usdCents } from '../../domain/money';
import { ebsVolumeCost, gp3Equivalent, saving } from '../../pricing';
import { defineRule, judgeEach, noPrice, ok, SERVICES, wa } from './define-rule';

/** gp2 gives 3 IOPS per GB: 1,000 GB reaches the 3,000 IOPS gp3 includes. */
const GP2_SIZE_WITH_3000_IOPS = 1000;

export default defineRule({
  id: 'ebs-gp2-to-gp3',
  title: 'EBS gp2 volume costs 20% more than the gp3 volume that serves it',
  service: SERVICES.ec2Other,
  strategy: 'storage-tiering',
  wellArchitected: wa('COST10-BP02'),
  severity: 'low',
  effort: 'low',
  restartNeeded: false,
  action: 'modernize',
  params: {
    minSizeGb: { default: 1, description: 'Ignore volumes smaller than this' },
  },
  iamActions: ['ec2:DescribeVolumes'],
  savingsMethod: 'price-table',
  confidence: 'high',
  check(resources, params) {
    return judgeEach(resources.volumes, (v) => {
      // Unattached volumes are for deletion (ebs-volume-unattached), not migration.
      if (v.state === 'available') return undefined;
      if (v.type !== 'gp2') return ok(v, `volume is ${v.type}`);
      if (v.sizeGb < params.minSizeGb) return undefined;
      // Above 1,000 GB a gp2 volume has more than gp3's included 3,000 IOPS: without its IOPS gp3 cannot be sized.
      if (v.iops === undefined && v.sizeGb > GP2_SIZE_WITH_3000_IOPS) {
        return { resource: v, status: 'skip' as const, reason: `${v.sizeGb} GB gp2 volume reports no IOPS` };
      }
      const from = ebsVolumeCost(v, v.region);
      const to = ebsVolumeCost(gp3Equivalent(v), v.region);
      const reason = `${v.sizeGb} GB gp2 volume with ${v.iops ?? 'unknown'} IOPS: a gp3 volume of the same size and performance costs less, modified in place`;
      if (!from || !to) return noPrice(v, reason, 'EBS gp2/gp3');
      const save = saving(from, to);
      return {
        resource: v,
        status: 'alarm',
        reason: `${reason}, saving ${usdCents(save.monthlyUsd)} a month`,
        savings: save,
      };
    });
  },
});
