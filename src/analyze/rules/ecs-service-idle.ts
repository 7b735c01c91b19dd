import { usdCents } from '../../domain/money';
import type { EcsService } from '../../domain/resources-compute';
import { fargateCost } from '../../pricing/compute';
import { defineRule, noPrice, priced, SERVICES, type Verdict, wa } from './define-rule';
import { idleByMetric } from './shapes';

/** Fargate on Linux/x86: the only task platform the table prices. */
export const isFargate = (s: EcsService): boolean => s.launchType === 'FARGATE';

/** What a Fargate service's tasks cost a month at their size (undefined without a size or off x86). */
export const serviceCost = (s: EcsService, tasks = s.desiredCount) =>
  s.vcpu !== undefined && s.memoryGb !== undefined && s.cpuArchitecture === 'X86_64'
    ? fargateCost(s.vcpu, s.memoryGb, tasks, s.region)
    : undefined;

/** "2 tasks of 1 vCPU / 2 GB". */
export const taskShape = (s: EcsService): string =>
  `${s.desiredCount} task(s) of ${s.vcpu ?? '?'} vCPU / ${s.memoryGb ?? '?'} GB`;

export default defineRule({
  id: 'ecs-service-idle',
  title: 'ECS service on Fargate whose tasks do next to no work over the window',
  service: SERVICES.ecs,
  strategy: 'unused-resources',
  wellArchitected: wa('COST04-BP03'),
  severity: 'medium',
  effort: 'medium',
  restartNeeded: false,
  action: 'delete',
  params: {
    maxCpuPercent: { default: 2, description: 'Idle when the service CPU never rose above this percent' },
  },
  iamActions: [
    'ecs:ListClusters',
    'ecs:ListServices',
    'ecs:DescribeServices',
    'ecs:DescribeTaskDefinition',
    'cloudwatch:GetMetricData',
  ],
  savingsMethod: 'price-table',
  // Near-zero CPU is a strong sign, not proof: a service may hold connections or wait on rare events.
  confidence: 'medium',
  check(resources, params) {
    const days = resources.metricWindow.days;
    return resources.ecsServices.flatMap((s): Verdict[] => {
      if (!isFargate(s) || s.desiredCount === 0) return [];
      return [
        idleByMetric(s, {
          metric: 'CPUUtilization',
          kind: 'gauge',
          max: params.maxCpuPercent,
          days,
          busy: (_, max) => `CPU peaked at ${max.toFixed(1)}% over ${days} days`,
          idle: (_, m) => {
            const cost = serviceCost(s);
            const reason = `ECS service with ${taskShape(s)} peaked at ${m.maximum.toFixed(1)}% CPU over ${days} days${cost ? `; its tasks bill ${usdCents(cost.monthlyUsd)} a month` : ''}`;
            if (!cost) return noPrice(s, reason, `Fargate ${s.cpuArchitecture} tasks of this size`);
            return priced(s, reason, cost, 'Fargate tasks', { maxCpuPercent: m.maximum });
          },
        }),
      ];
    });
  },
});
