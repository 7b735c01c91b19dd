import { usdCents } from '../../domain/money';
import { share } from '../../pricing';
import { provisionedConcurrencyCost } from '../../pricing/compute';
import { defineRule, gauge, noMetric, noPrice, ok, SERVICES, wa } from './define-rule';

export default defineRule({
  id: 'lambda-provisioned-concurrency-unused',
  title: 'Lambda provisioned concurrency kept warm far above what the function uses',
  service: SERVICES.lambda,
  strategy: 'right-sizing',
  wellArchitected: wa('COST06-BP03'),
  severity: 'medium',
  effort: 'low',
  restartNeeded: false,
  action: 'configure',
  params: {
    maxUtilization: {
      default: 0.5,
      description: 'Flag when ProvisionedConcurrencyUtilization never rose above this (0-1)',
    },
  },
  iamActions: ['lambda:ListFunctions', 'lambda:ListProvisionedConcurrencyConfigs', 'cloudwatch:GetMetricData'],
  savingsMethod: 'price-table',
  // Cutting to the window's peak assumes the peak repeats; invocations past it run on demand, billed per request.
  confidence: 'medium',
  check(resources, params) {
    const days = resources.metricWindow.days;
    return resources.provisionedConcurrency.flatMap((p) => {
      if (p.allocated === 0) return [];
      const m = gauge(p, 'ProvisionedConcurrencyUtilization');
      if (!m) return [noMetric(p, 'ProvisionedConcurrencyUtilization', days)];
      const peak = m.maximum;
      const quoted = `${p.allocated} provisioned environments peaked at ${(peak * 100).toFixed(0)}% used over ${days} days`;
      if (peak > params.maxUtilization) return [ok(p, quoted)];
      const keep = Math.max(1, Math.ceil(p.allocated * peak));
      const reason = `${p.functionName}:${p.qualifier}: ${quoted}`;
      const cost = provisionedConcurrencyCost(p.allocated, p.memoryMb, p.architecture, p.region);
      if (!cost) return [noPrice(p, reason, `${p.architecture} provisioned concurrency`)];
      const cut = (p.allocated - keep) / p.allocated;
      const save = share(cost, cut, `${p.allocated - keep} of ${p.allocated} environments above the peak`);
      return [
        {
          resource: p,
          status: 'alarm' as const,
          reason: `${reason}; keeping ${keep} saves ${usdCents(save.monthlyUsd)} a month`,
          savings: save,
          // The x86 price in the table is an approximation (low-medium confidence).
          ...(p.architecture === 'arm64' ? {} : { confidence: 'low' as const }),
          evidence: { peakUtilization: peak, suggestedConcurrency: keep },
        },
      ];
    });
  },
});
