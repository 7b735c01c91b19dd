import { usdCents } from '../../domain/money';
import { saving } from '../../pricing';
import { fargateCost } from '../../pricing/compute';
import { defineRule, gauge, noMetric, noPrice, ok, SERVICES, wa } from './define-rule';
import { isFargate, serviceCost, taskShape } from './ecs-service-idle';

/** Fargate task sizes: vCPU and the memory range (GB) each allows (AWS Fargate task definition parameters). */
const FARGATE_MEMORY: Record<number, [number, number]> = {
  0.25: [0.5, 2],
  0.5: [1, 4],
  1: [2, 8],
  2: [4, 16],
  4: [8, 30],
  8: [16, 60],
  16: [32, 120],
};

/** Half the vCPU and half the memory, when that is a valid Fargate size; else undefined. */
export function halfSize(vcpu: number, memoryGb: number): { vcpu: number; memoryGb: number } | undefined {
  const range = FARGATE_MEMORY[vcpu / 2];
  if (!range) return undefined;
  const memory = Math.max(range[0], memoryGb / 2);
  return memory <= range[1] ? { vcpu: vcpu / 2, memoryGb: memory } : undefined;
}

export default defineRule({
  id: 'ecs-service-overprovisioned',
  title: 'ECS service on Fargate whose tasks use a fraction of their CPU and memory',
  service: SERVICES.ecs,
  strategy: 'right-sizing',
  wellArchitected: wa('COST06-BP02'),
  severity: 'medium',
  effort: 'low',
  restartNeeded: true,
  action: 'rightsize',
  params: {
    maxCpuPercent: { default: 25, description: 'Oversized when the highest daily average CPU stays under this' },
    maxMemoryPercent: { default: 40, description: 'and the memory maximum stays under this' },
    idleCpuPercent: { default: 2, description: 'At or below this peak CPU the service is ecs-service-idle’s' },
  },
  iamActions: ['ecs:DescribeServices', 'ecs:DescribeTaskDefinition', 'cloudwatch:GetMetricData'],
  savingsMethod: 'price-table',
  confidence: 'medium',
  check(resources, params) {
    const days = resources.metricWindow.days;
    return resources.ecsServices.flatMap((s) => {
      if (!isFargate(s) || s.desiredCount === 0) return [];
      const cpu = gauge(s, 'CPUUtilization');
      const mem = gauge(s, 'MemoryUtilization');
      if (!cpu || !mem) return [noMetric(s, 'CPUUtilization/MemoryUtilization', days)];
      if (cpu.maximum <= params.idleCpuPercent) return [];
      const quoted = `CPU max of daily averages ${cpu.maxDailyAverage.toFixed(1)}% and memory peak ${mem.maximum.toFixed(1)}% over ${days} days`;
      if (cpu.maxDailyAverage >= params.maxCpuPercent || mem.maximum >= params.maxMemoryPercent) {
        return [ok(s, quoted)];
      }
      const reason = `ECS service with ${taskShape(s)}: ${quoted}`;
      const half = s.vcpu !== undefined && s.memoryGb !== undefined ? halfSize(s.vcpu, s.memoryGb) : undefined;
      const now = serviceCost(s);
      const next =
        half && s.cpuArchitecture === 'X86_64' && fargateCost(half.vcpu, half.memoryGb, s.desiredCount, s.region);
      if (!half) return [ok(s, `${quoted}; already the smallest Fargate size for its memory`)];
      if (!now || !next) return [noPrice(s, reason, `Fargate ${s.cpuArchitecture} tasks`)];
      const save = saving(now, next);
      return [
        {
          resource: s,
          status: 'alarm' as const,
          reason: `${reason}; tasks of ${half.vcpu} vCPU / ${half.memoryGb} GB save ${usdCents(save.monthlyUsd)} a month`,
          savings: save,
          evidence: { suggestedVcpu: half.vcpu, suggestedMemoryGb: half.memoryGb },
        },
      ];
    });
  },
});
