import type { CacheCluster } from '../../domain/resources';
import { elasticachePrice } from '../../pricing';
import { defineRule, SERVICES, wa } from './define-rule';
import { byNodeType, longRunningProduction, reservationParams, uncoveredByReservation } from './shapes';

/**
 * The discount assumed on uncovered node hours: a 1-year No Upfront reserved node. AWS's "up to 70%"
 * (aws.amazon.com/elasticache/reserved-cache-nodes) is the 3-year All Upfront ceiling, and no 1-year rate is
 * published beside it; 20%, the figure ec2-no-commitment-cover assumes for the least a 1-year commitment earns, keeps
 * the estimate conservative, and the rule's confidence is low.
 */
const DEFAULT_DISCOUNT = 0.2;

export default defineRule({
  id: 'elasticache-no-reservation-cover',
  title: 'Long-running production ElastiCache nodes covered by no reserved node',
  service: SERVICES.elasticache,
  strategy: 'reserved-instances',
  wellArchitected: wa('COST07-BP01'),
  severity: 'low',
  effort: 'medium',
  restartNeeded: false,
  action: 'purchase',
  params: reservationParams(
    DEFAULT_DISCOUNT,
    'Discount assumed on uncovered node hours (1-year No Upfront, conservative)',
  ),
  // Reserved nodes are exact: a node type in a region (ElastiCache User Guide, "Reserved nodes").
  // They come from the commitments collector (elasticache:DescribeReservedCacheNodes, OPTIMIZATION_IAM_ACTIONS).
  iamActions: ['elasticache:DescribeCacheClusters'],
  savingsMethod: 'price-table',
  confidence: 'low',
  check(resources, params, ctx) {
    const running = resources.cacheClusters.filter((c) => c.status === 'available');
    const candidates = longRunningProduction(running, (c) => c.createTime, params, ctx.asOf);
    return uncoveredByReservation<CacheCluster>(resources, candidates, {
      service: 'elasticache',
      ...byNodeType((c) => elasticachePrice(c.nodeType, c.region)),
      discount: params.assumedDiscount,
      discountWhy: 'assumed 1-year No Upfront reserved node discount, conservative',
    });
  },
});
