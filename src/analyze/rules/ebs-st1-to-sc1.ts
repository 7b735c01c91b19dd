import { usdCents } from '../../domain/money';
import { ebsVolumeCost, saving } from '../../pricing';
import { busiestDayPerSecond, fmt, MIB, volumesOnStoppedInstances } from '../storage';
import { count, defineRule, judgeEach, noMetric, ok, SERVICES, type Verdict, wa } from './define-rule';

/** sc1's baseline throughput per TiB (it bursts to 80 MiB/s per TiB, at most 250). */
const SC1_BASELINE_MBPS_PER_TIB = 12;

export default defineRule({
  id: 'ebs-st1-to-sc1',
  title: 'EBS st1 volume moves so little data that a cold HDD (sc1) volume serves it for a third of the price',
  service: SERVICES.ec2Other,
  strategy: 'storage-tiering',
  wellArchitected: wa('COST10-BP02'),
  severity: 'low',
  effort: 'medium',
  restartNeeded: false,
  action: 'modernize',
  params: {},
  iamActions: ['ec2:DescribeVolumes', 'cloudwatch:GetMetricData'],
  savingsMethod: 'price-table',
  confidence: 'medium',
  check(resources) {
    const days = resources.metricWindow.days;
    const stopped = volumesOnStoppedInstances(resources);
    return judgeEach(resources.volumes, (v): Verdict | undefined => {
      if (v.type !== 'st1' || v.state !== 'in-use' || stopped.has(v)) return undefined;
      const bytes = busiestDayPerSecond(count(v, 'VolumeReadBytes'), count(v, 'VolumeWriteBytes'));
      if (bytes === undefined) return noMetric(v, 'AWS/EBS VolumeReadBytes/VolumeWriteBytes', days);
      const used = bytes / MIB;
      const baseline = Math.round(SC1_BASELINE_MBPS_PER_TIB * (v.sizeGb / 1024) * 100) / 100;
      if (used > baseline)
        return ok(v, `busiest day averaged ${fmt(used)} MB/s, above sc1's ${fmt(baseline)} MB/s baseline at this size`);
      const from = ebsVolumeCost(v, v.region);
      const to = ebsVolumeCost({ ...v, type: 'sc1' }, v.region);
      const reason = `${v.sizeGb} GB st1 volume's busiest day over ${days} days averaged ${fmt(used)} MB/s, within the ${fmt(baseline)} MB/s an sc1 volume of its size sustains`;
      if (!from || !to)
        return { resource: v, status: 'info', reason, unpriced: 'no bundled list price for EBS st1/sc1' };
      const save = saving(from, to);
      return {
        resource: v,
        status: 'alarm',
        reason: `${reason}; sc1 saves ${usdCents(save.monthlyUsd)} a month (modified in place, with higher latency)`,
        savings: save,
        evidence: { busiestDayMBps: used, sc1BaselineMBps: baseline },
      };
    });
  },
});
