import { ec2Price } from '../../pricing';
import { instancePrice, smallerType } from '../../pricing/ec2-types';
import { defineRule, judgeEach, SERVICES, wa } from './define-rule';
import { lowUtilizationByMetric } from './shapes';

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
    return judgeEach(resources.instances, (i) => {
      if (i.state !== 'running') return undefined;
      return lowUtilizationByMetric(i, {
        metric: 'CPUUtilization',
        days,
        minDays: params.minDays,
        maxPercent: params.maxCpuPercent,
        label: i.instanceType,
        downsize: (_, cpu) => {
          const smaller = smallerType(i.instanceType);
          return {
            smaller,
            now: instancePrice(i, ctx.ec2Prices),
            next: smaller ? ec2Price(smaller, i.region, ctx.ec2Prices) : undefined,
            unpriced: smaller ? `${i.platform} ${i.instanceType}` : `a smaller ${i.instanceType}`,
            evidence: { cpu, suggestedType: smaller },
          };
        },
      });
    });
  },
});
