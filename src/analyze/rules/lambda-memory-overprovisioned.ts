import { usdCents } from '../../domain/money';
import { monthlyCost, saving } from '../../pricing';
import { lambdaDurationPrice, monthlyGbSeconds } from '../../pricing/lambda';
import { count, defineRule, gauge, noMetric, noPrice, ok, SERVICES, wa } from './define-rule';

/** Lambda memory is set in 1 MB steps from 128 MB; we propose multiples of 64 MB. */
const MIN_MB = 128;
const STEP_MB = 64;

export default defineRule({
  id: 'lambda-memory-overprovisioned',
  title: 'Lambda function configured with far more memory than it uses',
  service: SERVICES.lambda,
  strategy: 'right-sizing',
  wellArchitected: wa('COST06-BP03'),
  severity: 'low',
  effort: 'low',
  restartNeeded: false,
  action: 'rightsize',
  params: {
    maxUsedShare: { default: 0.5, description: 'Over-provisioned when peak memory used is below this share of memory' },
    headroom: { default: 1.3, description: 'Proposed memory = peak used × this' },
  },
  iamActions: ['lambda:ListFunctions', 'cloudwatch:GetMetricData'],
  savingsMethod: 'price-table',
  // Less memory also means less CPU: duration may grow, so the figure is an upper bound.
  confidence: 'low',
  check(resources, params) {
    const days = resources.metricWindow.days;
    return resources.functions.flatMap((fn) => {
      if (fn.memoryMb <= MIN_MB) return [ok(fn, `${fn.memoryMb} MB is the minimum`)];
      const used = gauge(fn, 'used_memory_max');
      if (!used) return [noMetric(fn, 'Lambda Insights used_memory_max', days)];
      const share = used.maximum / fn.memoryMb;
      if (share >= params.maxUsedShare)
        return [ok(fn, `peak ${Math.round(used.maximum)} MB used of ${fn.memoryMb} MB`)];
      const calls = count(fn, 'Invocations');
      const duration = gauge(fn, 'Duration');
      if (!calls || !duration) return [noMetric(fn, 'Invocations/Duration', days)];
      const proposed = Math.max(MIN_MB, Math.ceil((used.maximum * params.headroom) / STEP_MB) * STEP_MB);
      const rate = lambdaDurationPrice(fn.architecture, fn.region);
      const reason = `peak ${Math.round(used.maximum)} MB used of ${fn.memoryMb} MB (${Math.round(share * 100)}%) over ${days} days; ${proposed} MB would do`;
      if (!rate) return [noPrice(fn, reason, 'Lambda duration')];
      const now = monthlyCost(rate, monthlyGbSeconds(calls.sum, duration.average, days, fn.memoryMb));
      const next = monthlyCost(rate, monthlyGbSeconds(calls.sum, duration.average, days, proposed));
      const save = saving(now, next);
      if (save.monthlyUsd === 0) return [ok(fn, 'no invocations to save on')];
      return [
        {
          resource: fn,
          status: 'alarm' as const,
          reason: `${reason}, saving up to ${usdCents(save.monthlyUsd)} a month`,
          savings: save,
          evidence: { proposedMemoryMb: proposed },
        },
      ];
    });
  },
});
