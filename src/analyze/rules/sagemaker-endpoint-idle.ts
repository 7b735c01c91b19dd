import { usdCents } from '../../domain/money';
import type { EndpointVariant } from '../../domain/resources-managed';
import { endpointInstancesCost } from '../../pricing/managed';
import { count, defineRule, noMetric, ok, priced, SERVICES, wa } from './define-rule';

const described = (variants: EndpointVariant[]): string =>
  variants.map((v) => `${v.instanceCount} ${v.instanceType ?? 'unknown-type'}`).join(' + ');

export default defineRule({
  id: 'sagemaker-endpoint-idle',
  title: 'SageMaker real-time endpoint with no invocations over the window',
  service: SERVICES.sagemaker,
  strategy: 'unused-resources',
  wellArchitected: wa('COST04-BP03'),
  severity: 'high',
  effort: 'medium',
  restartNeeded: false,
  action: 'delete',
  params: {
    maxInvocations: {
      default: 0,
      description: 'Idle when the Invocations sum over the window, all instance variants together, is at most this',
    },
  },
  iamActions: [
    'sagemaker:ListEndpoints',
    'sagemaker:DescribeEndpoint',
    'sagemaker:DescribeEndpointConfig',
    'cloudwatch:GetMetricData',
  ],
  savingsMethod: 'price-table',
  // The bundled SageMaker prices are low confidence (data/PROVENANCE.md).
  confidence: 'low',
  check(resources, params) {
    const days = resources.metricWindow.days;
    return resources.endpoints.flatMap((e) => {
      // Serverless variants bill per use, not by the hour: only instance variants cost anything idle.
      const hosted = e.variants.filter((v) => !v.serverless && v.instanceCount > 0);
      if (e.status !== 'InService' || hosted.length === 0) return [];
      const reads = hosted.map((v) => count(v, 'Invocations'));
      if (reads.some((m) => m === undefined)) return [noMetric(e, 'Invocations', days)];
      const calls = reads.reduce((n, m) => n + (m?.sum ?? 0), 0);
      if (calls > params.maxInvocations) return [ok(e, `${calls} invocations over ${days} days`)];
      const cost = endpointInstancesCost(hosted, e.region);
      const what = described(hosted);
      const reason = `endpoint on ${what} had ${calls} invocations over ${days} days${cost ? `; its instances bill ${usdCents(cost.monthlyUsd)} a month` : ''}`;
      return [priced(e, reason, cost, `SageMaker hosting on ${what}`, { variants: hosted.map((v) => v.name) })];
    });
  },
});
