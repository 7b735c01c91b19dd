import { DAYS_PER_MONTH, usdCents } from '../../domain/money';
import { monthlyCost, price, saving } from '../../pricing';
import { count, defineRule, noMetric, ok, priced, SERVICES, wa } from './define-rule';

export default defineRule({
  id: 'apigw-rest-to-http',
  title: 'API Gateway REST API using nothing an HTTP API lacks, at 3.5 times the request price',
  service: SERVICES.apigateway,
  strategy: 'compute-optimization',
  wellArchitected: wa('COST05-BP03'),
  severity: 'low',
  effort: 'high',
  restartNeeded: false,
  action: 'modernize',
  params: {
    minMonthlyMillions: { default: 1, description: 'Judge APIs serving at least this many million requests a month' },
  },
  iamActions: ['apigateway:GET', 'cloudwatch:GetMetricData'],
  savingsMethod: 'price-table',
  // Only the REST-only features GetRestApis shows are checked (not usage plans, caching, WAF, request validation).
  confidence: 'low',
  check(resources, params) {
    const days = resources.metricWindow.days;
    return resources.restApis.flatMap((a) => {
      if (a.restOnly.length) return [ok(a, `uses REST-only features: ${a.restOnly.join(', ')}`)];
      const requests = count(a, 'Count');
      if (!requests) return [noMetric(a, 'Count', days)];
      // The window's requests scaled to a month, in millions.
      const millions = Math.round((requests.sum / days) * DAYS_PER_MONTH) / 1_000_000;
      const quoted = `${millions.toFixed(2)} million requests a month (${requests.sum} over ${days} days)`;
      if (millions < params.minMonthlyMillions) return [ok(a, quoted)];
      const rest = price('apigw.rest.per_million.first_333m', a.region);
      const http = price('apigw.http.per_million.first_300m', a.region);
      const save = rest && http ? saving(monthlyCost(rest, millions), monthlyCost(http, millions)) : undefined;
      const reason = `REST API ${a.name} served ${quoted} with no resource policy, private or edge endpoint seen${save ? `; as an HTTP API it bills ${usdCents(save.monthlyUsd)} a month less (first-tier prices), if it uses no usage plans, caching, WAF or request validation` : ''}`;
      return [priced(a, reason, save, 'API Gateway requests', { monthlyMillions: millions })];
    });
  },
});
