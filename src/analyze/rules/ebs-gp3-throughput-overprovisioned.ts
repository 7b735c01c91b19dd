import { usdCents } from '../../domain/money';
import { monthlyCost, price } from '../../pricing';
import { assumed, busiestDayPerSecond, fmt, MIB, volumesOnStoppedInstances } from '../storage';
import { count, defineRule, judgeEach, noMetric, ok, priced, SERVICES, type Verdict, wa } from './define-rule';

/** gp3 includes 125 MiB/s of throughput in its storage price. */
const GP3_FREE_MBPS = 125;

export default defineRule({
  id: 'ebs-gp3-throughput-overprovisioned',
  title: 'EBS gp3 volume pays for provisioned throughput far above what it moves',
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
      description: "Assumed ratio of a burst's throughput to the busiest day's average, kept provisioned",
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
      const mbps = v.throughputMBps ?? GP3_FREE_MBPS;
      if (mbps <= GP3_FREE_MBPS) return ok(v, `provisions ${mbps} MB/s, all included`);
      const bytes = busiestDayPerSecond(count(v, 'VolumeReadBytes'), count(v, 'VolumeWriteBytes'));
      if (bytes === undefined) return noMetric(v, 'AWS/EBS VolumeReadBytes/VolumeWriteBytes', days);
      const used = bytes / MIB;
      const keep = Math.max(GP3_FREE_MBPS, Math.ceil(used * params.burstHeadroom));
      if (keep >= mbps)
        return ok(
          v,
          `busiest day averaged ${fmt(used)} MB/s; ${params.burstHeadroom}× that needs the ${mbps} provisioned`,
        );
      const rate = price('ebs.gp3.throughput_over_125', v.region);
      const why = `the MB/s above max(125, ${params.burstHeadroom}× the busiest day's average), the headroom assumed for bursts`;
      const save = rate && assumed(monthlyCost(rate, mbps - keep), why);
      const reason = `${v.sizeGb} GB gp3 volume provisions ${mbps} MB/s but its busiest day over ${days} days averaged ${fmt(used)} MB/s${save ? `; provisioning ${keep} MB/s saves ${usdCents(save.monthlyUsd)} a month` : ''}`;
      return priced(v, reason, save, 'EBS gp3 throughput', {
        provisionedMBps: mbps,
        busiestDayMBps: used,
        keepMBps: keep,
      });
    });
  },
});
