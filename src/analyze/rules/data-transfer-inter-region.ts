import { interRegionRate } from '../../pricing/transfer';
import { avoidableTransfer } from './data-transfer-cross-az';
import { defineRule, SERVICES, wa } from './define-rule';

export default defineRule({
  id: 'data-transfer-inter-region',
  title: 'Account pays for heavy data transfer to other regions',
  service: SERVICES.ec2Other,
  strategy: 'data-transfer',
  wellArchitected: wa('COST08-BP02'),
  severity: 'medium',
  effort: 'medium',
  restartNeeded: false,
  action: 'configure',
  params: {
    minMonthlyGb: {
      default: 500,
      description: 'Judge only usage types that billed at least this many GB in the month',
    },
    avoidableShare: {
      default: 0.5,
      description:
        'Assumed share of the GB that replicating only what is needed or reading from a same-region copy avoids (a guess)',
    },
  },
  iamActions: ['ce:GetCostAndUsage'],
  savingsMethod: 'price-table',
  // Whether the transfer is replication a recovery plan needs or reads that could stay local is not on the bill.
  confidence: 'low',
  check(resources, params) {
    return avoidableTransfer(resources, {
      kind: 'inter-region',
      label: 'Inter-region transfer',
      remedy: 'replicating only what is needed (S3 replication filters) or reading from a same-region copy',
      minMonthlyGb: params.minMonthlyGb,
      avoidableShare: params.avoidableShare,
      rate: (u) => interRegionRate(u.region, u.toRegion ?? ''),
    });
  },
});
