import { HOURS_PER_MONTH, usdCents } from '../../domain/money';
import { ebsVolumeCost, monthlyCost, price, saving, sum } from '../../pricing';
import { fmt, volumesOnStoppedInstances } from '../storage';
import { count, defineRule, judgeEach, noMetric, ok, SERVICES, type Verdict, wa } from './define-rule';

const DAYS_PER_MONTH = HOURS_PER_MONTH / 24;

export default defineRule({
  id: 'ebs-magnetic-to-gp3',
  title: 'EBS magnetic (standard) volume pays per I/O more than a gp3 volume of its size costs',
  service: SERVICES.ec2Other,
  strategy: 'storage-tiering',
  wellArchitected: wa('COST10-BP02'),
  severity: 'low',
  effort: 'low',
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
      if (v.type !== 'standard' || v.state !== 'in-use' || stopped.has(v)) return undefined;
      const reads = count(v, 'VolumeReadOps');
      const writes = count(v, 'VolumeWriteOps');
      if (!reads || !writes) return noMetric(v, 'AWS/EBS VolumeReadOps/VolumeWriteOps', days);
      // A month of its I/O at the rate of the window, in millions of requests.
      const millions = Math.round(((reads.sum + writes.sum) / days) * DAYS_PER_MONTH) / 1e6;
      const storage = price('ebs.standard.storage', v.region);
      const io = price('ebs.standard.io_requests', v.region);
      // Magnetic volumes peak at a few hundred IOPS: gp3's included 3,000 IOPS and 125 MB/s cover them.
      const to = ebsVolumeCost({ type: 'gp3', sizeGb: v.sizeGb, iops: 3000, throughputMBps: 125 }, v.region);
      const reason = `${v.sizeGb} GB magnetic volume did ${fmt(millions)} million I/O requests a month (at the rate of the last ${days} days)`;
      if (!storage || !io || !to)
        return { resource: v, status: 'info', reason, unpriced: 'no bundled list price for EBS magnetic or gp3' };
      const from = sum([monthlyCost(storage, v.sizeGb), monthlyCost(io, millions)]);
      const save = saving(from, to);
      if (save.monthlyUsd === 0)
        return ok(
          v,
          `${reason}: at ${usdCents(from.monthlyUsd)} a month it costs no more than gp3 (${usdCents(to.monthlyUsd)})`,
        );
      return {
        resource: v,
        status: 'alarm',
        reason: `${reason}, billed per request; a gp3 volume of its size saves ${usdCents(save.monthlyUsd)} a month, modified in place`,
        savings: save,
        evidence: { monthlyMillionRequests: millions },
      };
    });
  },
});
