import { usdCents } from '../../domain/money';
import { monthlyCost, price } from '../../pricing';
import { defineRule, ok, priced, SERVICES, tagValue, type Verdict, wa } from './define-rule';

export default defineRule({
  id: 'vpc-endpoint-multi-az-nonprod',
  title: 'Non-production interface endpoint placed in more than one Availability Zone',
  service: SERVICES.vpc,
  strategy: 'unused-resources',
  wellArchitected: wa('COST06-BP04'),
  severity: 'low',
  effort: 'low',
  restartNeeded: false,
  action: 'configure',
  params: {
    environmentTag: { default: 'environment', description: 'Tag key naming the environment' },
    nonProdValues: {
      default: 'dev,development,staging,stage,test,qa,sandbox',
      description: 'Comma-separated non-production environment values',
    },
  },
  iamActions: ['ec2:DescribeVpcEndpoints'],
  savingsMethod: 'price-table',
  // One zone is enough where an outage of that zone may take the environment down; the figure ignores cross-zone
  // transfer ($0.01/GB each way) for clients in the other zones.
  confidence: 'medium',
  check(resources, params) {
    const nonProd = new Set(params.nonProdValues.split(',').map((v) => v.trim().toLowerCase()));
    return resources.vpcEndpoints.flatMap((e): Verdict[] => {
      if (e.endpointType !== 'Interface' || e.state !== 'available') return [];
      const env = tagValue(e, params.environmentTag);
      if (env === undefined || !nonProd.has(env)) return [];
      if (e.subnetIds.length === 0) {
        return [
          { resource: e, status: 'skip', reason: 'interface endpoint lists no subnets, so its zones are unknown' },
        ];
      }
      const extra = e.subnetIds.length - 1;
      if (extra === 0) return [ok(e, `${env} endpoint in one Availability Zone`)];
      const rate = price('vpc_endpoint.interface.hour', e.region);
      const cost = rate && monthlyCost(rate, extra);
      const reason = `${env} interface endpoint for ${e.serviceName} runs in ${e.subnetIds.length} Availability Zones; one zone would end ${extra} endpoint-hour${extra > 1 ? 's' : ''} an hour${cost ? `, ${usdCents(cost.monthlyUsd)} a month` : ''}`;
      return [priced(e, reason, cost, 'interface endpoint hours', { zones: e.subnetIds.length })];
    });
  },
});
