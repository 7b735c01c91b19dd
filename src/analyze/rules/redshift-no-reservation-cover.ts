import type { RedshiftCluster } from '../../domain/resources-database';
import { redshiftNodePrice } from '../../pricing/streaming';
import { defineRule, SERVICES, wa } from './define-rule';
import { byNodeType, longRunningProduction, reservationParams, uncoveredByReservation } from './shapes';

/**
 * The discount assumed on uncovered node hours: a 1-year No Upfront reserved node. AWS quotes up to 75% for 3-year
 * reserved nodes (aws.amazon.com/redshift/pricing) and no 1-year rate beside it; 20%, as for ElastiCache, keeps the
 * estimate conservative, and the rule's confidence is low.
 */
const DEFAULT_DISCOUNT = 0.2;

export default defineRule({
  id: 'redshift-no-reservation-cover',
  title: 'Long-running production Redshift cluster covered by no reserved node',
  service: SERVICES.redshift,
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
  // Reserved nodes are exact: a node type in a region. They come from the commitments collector
  // (redshift:DescribeReservedNodes, OPTIMIZATION_IAM_ACTIONS).
  iamActions: ['redshift:DescribeClusters'],
  savingsMethod: 'price-table',
  confidence: 'low',
  check(resources, params, ctx) {
    const running = resources.redshiftClusters.filter((c) => c.status === 'available');
    const candidates = longRunningProduction(running, (c) => c.createTime, params, ctx.asOf);
    return uncoveredByReservation<RedshiftCluster>(resources, candidates, {
      service: 'redshift',
      ...byNodeType((c) => redshiftNodePrice(c.nodeType, c.region)),
      discount: params.assumedDiscount,
      discountWhy: 'assumed 1-year No Upfront reserved node discount, conservative',
    });
  },
});
