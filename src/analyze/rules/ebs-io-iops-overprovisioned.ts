import { usdCents } from '../../domain/money';
import { monthlyCost, price } from '../../pricing';
import { assumed, busiestDayPerSecond, fmt, volumesOnStoppedInstances } from '../storage';
import { count, defineRule, judgeEach, noMetric, ok, priced, SERVICES, type Verdict, wa } from './define-rule';

/** The most IOPS gp3 provides: io volumes up to it are ebs-io-to-gp3's (a move to gp3), above it this rule's. */
const GP3_MAX_IOPS = 16_000;
/** io2 bills its first 32,000 IOPS at the tier-1 price; the IOPS above are cheaper, at a tier the table lacks. */
const IO2_TIER1_IOPS = 32_000;

export default defineRule({
  id: 'ebs-io-iops-overprovisioned',
  title: 'EBS io1/io2 volume provisions far more IOPS than it does, above what gp3 could serve',
  service: SERVICES.ec2Other,
  strategy: 'right-sizing',
  wellArchitected: wa('COST06-BP01'),
  severity: 'medium',
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
      if ((v.type !== 'io1' && v.type !== 'io2') || v.state !== 'in-use' || stopped.has(v)) return undefined;
      const iops = v.iops ?? 0;
      if (iops <= GP3_MAX_IOPS) return undefined;
      const used = busiestDayPerSecond(count(v, 'VolumeReadOps'), count(v, 'VolumeWriteOps'));
      if (used === undefined) return noMetric(v, 'AWS/EBS VolumeReadOps/VolumeWriteOps', days);
      const keep = Math.max(100, Math.ceil(used * params.burstHeadroom));
      if (keep >= iops)
        return ok(
          v,
          `busiest day averaged ${fmt(used)} IOPS; ${params.burstHeadroom}× that needs the ${iops} provisioned`,
        );
      // Removed IOPS come off the top: for io2 above 32,000 that is the cheaper tier, left out (so a lower bound).
      const priceable = v.type === 'io2' ? Math.max(0, Math.min(iops, IO2_TIER1_IOPS) - keep) : iops - keep;
      const lowerBound = v.type === 'io2' && iops > IO2_TIER1_IOPS;
      const rate = price(v.type === 'io1' ? 'ebs.io1.iops' : 'ebs.io2.iops_tier1_upto_32000', v.region);
      const why = `the IOPS above ${params.burstHeadroom}× the busiest day's average (the headroom assumed for bursts)${lowerBound ? ', counting only those within io2 tier 1 (the first 32,000)' : ''}`;
      const save = rate && priceable > 0 ? assumed(monthlyCost(rate, priceable), why) : undefined;
      const reason = `${v.sizeGb} GB ${v.type} volume provisions ${iops} IOPS but its busiest day over ${days} days averaged ${fmt(used)} IOPS${save ? `; provisioning ${keep} saves ${lowerBound ? 'at least ' : ''}${usdCents(save.monthlyUsd)} a month${keep <= GP3_MAX_IOPS ? ` (at ${keep} IOPS a gp3 volume would serve it for less still)` : ''}` : ''}`;
      return priced(v, reason, save, `EBS ${v.type} IOPS above 32,000`, {
        provisionedIops: iops,
        busiestDayIops: used,
        keepIops: keep,
      });
    });
  },
});
