import { usdCents } from '../../domain/money';
import { searchDomainCost } from '../../pricing/managed';
import { defineRule, gauge, noMetric, noPrice, ok, SERVICES, wa } from './define-rule';

export default defineRule({
  id: 'opensearch-domain-idle',
  title: 'OpenSearch domain with no searches and no indexing over the window',
  service: SERVICES.opensearch,
  strategy: 'unused-resources',
  wellArchitected: wa('COST04-BP03'),
  severity: 'high',
  effort: 'medium',
  restartNeeded: false,
  action: 'delete',
  params: {
    maxRate: {
      default: 0,
      description: 'Idle when the highest SearchRate and IndexingRate (requests a minute per node) stay at most this',
    },
  },
  iamActions: ['es:ListDomainNames', 'es:DescribeDomains', 'cloudwatch:GetMetricData'],
  savingsMethod: 'price-table',
  confidence: 'high',
  check(resources, params) {
    const days = resources.metricWindow.days;
    return resources.searchDomains.flatMap((d) => {
      if (d.deleted) return [];
      const search = gauge(d, 'SearchRate');
      const indexing = gauge(d, 'IndexingRate');
      if (!search) return [noMetric(d, 'SearchRate', days)];
      if (!indexing) return [noMetric(d, 'IndexingRate', days)];
      const rates = `searches up to ${search.maximum} and indexing up to ${indexing.maximum} a minute over ${days} days`;
      if (search.maximum > params.maxRate || indexing.maximum > params.maxRate) return [ok(d, rates)];
      const { cost, unpriced } = searchDomainCost(d, d.region);
      const reason = `domain of ${d.instanceCount} ${d.instanceType} data nodes had ${rates}`;
      if (!cost) return [noPrice(d, reason, unpriced.join(', '))];
      const partial = unpriced.length ? ` (not priced: ${unpriced.join(', ')}, so a lower bound)` : '';
      return [
        {
          resource: d,
          status: 'alarm' as const,
          reason: `${reason}; it bills ${usdCents(cost.monthlyUsd)} a month${partial}`,
          savings: cost,
          evidence: { engineVersion: d.engineVersion },
        },
      ];
    });
  },
});
