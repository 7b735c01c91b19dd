import { usdCents } from '../../domain/money';
import { monthlyCost, saving } from '../../pricing';
import { lambdaDurationPrice, monthlyGbSeconds } from '../../pricing/lambda';
import { count, defineRule, gauge, noMetric, noPrice, ok, SERVICES, wa } from './define-rule';

/** Runtimes Lambda offers on arm64 (OS-only runtimes included). */
const ARM_RUNTIMES = /^(nodejs|python|java|dotnet|ruby|provided\.al2)/;

export default defineRule({
  id: 'lambda-x86-to-arm64',
  title: 'Lambda function on x86_64 where arm64 runs the same code for less',
  service: SERVICES.lambda,
  strategy: 'compute-optimization',
  wellArchitected: wa('COST06-BP02'),
  severity: 'low',
  effort: 'medium',
  restartNeeded: false,
  action: 'modernize',
  params: {
    minMonthlyUsd: { default: 0.01, description: 'Ignore functions whose duration costs less than this a month' },
  },
  iamActions: ['lambda:ListFunctions', 'cloudwatch:GetMetricData'],
  savingsMethod: 'price-table',
  confidence: 'medium',
  check(resources, params) {
    const days = resources.metricWindow.days;
    return resources.functions.flatMap((fn) => {
      if (fn.architecture === 'arm64') return [ok(fn, 'already arm64')];
      // Container images and runtimes without arm64 need more than a setting.
      if (fn.packageType === 'Image' || !fn.runtime || !ARM_RUNTIMES.test(fn.runtime)) return [];
      const calls = count(fn, 'Invocations');
      if (!calls) return [noMetric(fn, 'Invocations', days)];
      if (calls.sum === 0) return [ok(fn, `no invocations over ${days} days`)];
      const duration = gauge(fn, 'Duration');
      if (!duration) return [noMetric(fn, 'Duration', days)];
      const gbs = monthlyGbSeconds(calls.sum, duration.average, days, fn.memoryMb);
      const x86 = lambdaDurationPrice('x86_64', fn.region);
      const arm = lambdaDurationPrice('arm64', fn.region);
      const reason = `${fn.runtime} function with ${Math.round(calls.sum).toLocaleString('en-US')} invocations over ${days} days (${Math.round(gbs).toLocaleString('en-US')} GB-s a month) runs on x86_64`;
      if (!x86 || !arm) return [noPrice(fn, reason, 'Lambda duration')];
      const save = saving(monthlyCost(x86, gbs), monthlyCost(arm, gbs));
      if (save.monthlyUsd < params.minMonthlyUsd)
        return [ok(fn, `saving under ${usdCents(params.minMonthlyUsd)} a month`)];
      return [
        {
          resource: fn,
          status: 'alarm' as const,
          reason: `${reason}; arm64 saves ${usdCents(save.monthlyUsd)} a month`,
          savings: save,
        },
      ];
    });
  },
});
