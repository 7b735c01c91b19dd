import { usdCents } from '../../domain/money';
import { ec2Price, monthlyCost, saving } from '../../pricing';
import { instancePrice, smallerType } from '../../pricing/ec2-types';
import { defineRule, gauge, noMetric, noPrice, ok, SERVICES, wa } from './define-rule';

export default defineRule({
  id: 'ec2-instance-low-utilization',
  title: 'EC2 instance running far below its capacity',
  service: SERVICES.ec2,
  strategy: 'right-sizing',
  wellArchitected: wa('COST06-BP03'),
  severity: 'medium',
  effort: 'medium',
  restartNeeded: true,
  action: 'rightsize',
  params: {
    maxCpuPercent: { default: 10, description: 'Low when the highest daily average CPU stays under this' },
    minDays: { default: 7, description: 'Judge only with at least this many days of datapoints' },
  },
  iamActions: ['ec2:DescribeInstances', 'cloudwatch:GetMetricData'],
  savingsMethod: 'price-table',
  confidence: 'medium',
  check(resources, params, ctx) {
    const days = resources.metricWindow.days;
    return resources.instances.flatMap((i) => {
      if (i.state !== 'running') return [];
      const cpu = gauge(i, 'CPUUtilization');
      if (!cpu || cpu.datapoints < params.minDays) return [noMetric(i, 'CPUUtilization', days)];
      const quoted = `CPU max of daily averages ${cpu.maxDailyAverage.toFixed(1)}% over ${cpu.datapoints} days`;
      if (cpu.maxDailyAverage >= params.maxCpuPercent) return [ok(i, quoted)];
      const smaller = smallerType(i.instanceType);
      const now = instancePrice(i, ctx.ec2Prices);
      const next = smaller && ec2Price(smaller, i.region, ctx.ec2Prices);
      const reason = `${i.instanceType}: ${quoted}`;
      if (!now || !next)
        return [noPrice(i, reason, smaller ? `${i.platform} ${i.instanceType}` : `a smaller ${i.instanceType}`)];
      const save = saving(monthlyCost(now), monthlyCost(next));
      return [
        {
          resource: i,
          status: 'alarm' as const,
          reason: `${reason}; ${smaller} saves ${usdCents(save.monthlyUsd)} a month`,
          savings: save,
          evidence: { cpu, suggestedType: smaller },
        },
      ];
    });
  },
});
