import { usdCents } from '../../domain/money';
import { monthlyCost, price } from '../../pricing';
import { assumed, busiestDayPerSecond, fmt, volumesOnStoppedInstances } from '../storage';
import { count, defineRule, judgeEach, noMetric, ok, priced, SERVICES, type Verdict, wa } from './define-rule';

/** gp3 includes 3,000 IOPS in its storage price. */
const GP3_FREE_IOPS = 3000;

export default defineRule({
  id: 'ebs-gp3-iops-overprovisioned',
  title: 'EBS gp3 volume pays for provisioned IOPS far above what it does',
  service: SERVICES.ec2Other,
  strategy: 'right-sizing',
  wellArchitected: wa('COST06-BP01'),
  severity: 'low',
  effort: 'low',
  restartNeeded: false,
  action: 'rightsize',
  params: {
    burstHeadroom: {
      default: 10,
      description: "Assumed ratio of a burst's IOPS to the busiest day's average IOPS, kept provisioned",
    },
  },
  iamActions: ['ec2:DescribeVolumes', 'cloudwatch:GetMetricData'],
  savingsMethod: 'price-table',
  confidence: 'low',
  check(resources, params) {
    const days = resources.metricWindow.days;
    const stopped = volumesOnStoppedInstances(resources);
    return judgeEach(resources.volumes, (v): Verdict | undefined => {
      if (v.type !== 'gp3' || v.state !== 'in-use' || stopped.has(v)) return undefined;
      if ((v.iops ?? 0) <= GP3_FREE_IOPS) return ok(v, `provisions ${v.iops ?? GP3_FREE_IOPS} IOPS, all included`);
      const iops = v.iops ?? 0;
      const used = busiestDayPerSecond(count(v, 'VolumeReadOps'), count(v, 'VolumeWriteOps'));
      if (used === undefined) return noMetric(v, 'AWS/EBS VolumeReadOps/VolumeWriteOps', days);
      const keep = Math.max(GP3_FREE_IOPS, Math.ceil(used * params.burstHeadroom));
      if (keep >= iops)
        return ok(
          v,
          `busiest day averaged ${fmt(used)} IOPS; ${params.burstHeadroom}× that needs the ${iops} provisioned`,
        );
      const rate = price('ebs.gp3.iops_over_3000', v.region);
      const why = `the IOPS above max(3,000, ${params.burstHeadroom}× the busiest day's average), the headroom assumed for bursts`;
      const save = rate && assumed(monthlyCost(rate, iops - keep), why);
      const reason = `${v.sizeGb} GB gp3 volume provisions ${iops} IOPS but its busiest day over ${days} days averaged ${fmt(used)} IOPS${save ? `; provisioning ${keep} saves ${usdCents(save.monthlyUsd)} a month` : ''}`;
      return priced(v, reason, save, 'EBS gp3 IOPS', { provisionedIops: iops, busiestDayIops: used, keepIops: keep });
    });
  },
});
