import { DAYS_PER_MONTH, usdCents } from '../../domain/money';
import type { MetricSummary, NatGateway, ResourceInventory } from '../../domain/resources';
import { monthlyCost, price, share } from '../../pricing';
import { count, defineRule, noMetric, ok, priced, SERVICES, type Verdict, wa } from './define-rule';

const GB = 1024 ** 3;

/** What a NAT-without-gateway-endpoint rule needs: the service, the share of NAT bytes assumed to be its traffic. */
export interface GatewayEndpointCheck {
  /** The gateway endpoint service's short name: s3 or dynamodb. */
  service: 's3' | 'dynamodb';
  label: string;
  share: number;
  minGb: number;
  /** GB the NAT processed over the window (both directions), undefined when not read. */
  traffic: (n: NatGateway) => number | undefined;
}

/** GB processed both ways from the NAT's two byte counts; undefined unless both were read. */
export const natGb = (out?: MetricSummary, back?: MetricSummary): number | undefined =>
  out && back ? (out.sum + back.sum) / GB : undefined;

/** Whether the NAT's VPC has an available gateway endpoint for the service. */
const hasGatewayEndpoint = (r: ResourceInventory, n: NatGateway, service: string): boolean =>
  r.vpcEndpoints.some(
    (e) =>
      e.endpointType === 'Gateway' &&
      e.state === 'available' &&
      e.vpcId === n.vpcId &&
      e.accountId === n.accountId &&
      e.region === n.region &&
      e.serviceName === `com.amazonaws.${n.region}.${service}`,
  );

/** Whether DescribeVpcEndpoints answered for the NAT's account and region (an empty list is no proof otherwise). */
const endpointsRead = (r: ResourceInventory, n: NatGateway): boolean =>
  r.listsRead.some(
    (l) => l.source === 'ec2:DescribeVpcEndpoints' && l.accountId === n.accountId && l.region === n.region,
  );

/**
 * NAT gateways carrying traffic in a VPC with no gateway endpoint for the service: a gateway endpoint is free, so the
 * NAT's data processing charge on that service's traffic goes. The share of the bytes that is the service's is assumed.
 */
export function natWithoutGatewayEndpoint(r: ResourceInventory, c: GatewayEndpointCheck): Verdict[] {
  const days = r.metricWindow.days;
  return r.natGateways.flatMap((n): Verdict[] => {
    if (n.state !== 'available') return [];
    if (!n.vpcId)
      return [{ resource: n, status: 'skip', reason: 'NAT gateway has no VPC id, so its endpoints are unknown' }];
    if (!endpointsRead(r, n)) {
      return [{ resource: n, status: 'skip', reason: 'the VPC endpoints of its account and region were not read' }];
    }
    if (hasGatewayEndpoint(r, n, c.service)) return [ok(n, `its VPC ${n.vpcId} has a gateway endpoint for ${c.label}`)];
    const gb = c.traffic(n);
    if (gb === undefined) return [noMetric(n, 'BytesOutToDestination/BytesInFromDestination', days)];
    if (gb < c.minGb) return [ok(n, `processed ${gb.toFixed(1)} GB over ${days} days, too little to matter`)];
    const monthlyGb = Math.round((gb / days) * DAYS_PER_MONTH * 100) / 100;
    const rate = price('vpc.nat_gateway.data_processed', n.region);
    const cost =
      rate &&
      share(monthlyCost(rate, monthlyGb), c.share, `assumed share of the NAT's bytes that are ${c.label} traffic`);
    const reason = `NAT gateway processed ${gb.toFixed(1)} GB over ${days} days in VPC ${n.vpcId}, which has no ${c.label} gateway endpoint${cost ? `; a free gateway endpoint would take an assumed ${Math.round(c.share * 100)}% of it off the NAT, ${usdCents(cost.monthlyUsd)} a month of data processing` : ''}`;
    return [priced(n, reason, cost, 'NAT gateway data processing', { gb, vpcId: n.vpcId })];
  });
}

export default defineRule({
  id: 'nat-gateway-no-s3-endpoint',
  title: 'NAT gateway carries traffic in a VPC without an S3 gateway endpoint',
  service: SERVICES.ec2Other,
  strategy: 'data-transfer',
  wellArchitected: wa('COST08-BP03'),
  severity: 'medium',
  effort: 'low',
  restartNeeded: false,
  action: 'configure',
  params: {
    s3Share: { default: 0.25, description: "Assumed share of the NAT's processed bytes that are S3 traffic" },
    minGb: { default: 10, description: 'Judge only NAT gateways that processed at least this many GB over the window' },
  },
  iamActions: ['ec2:DescribeNatGateways', 'ec2:DescribeVpcEndpoints', 'cloudwatch:GetMetricData'],
  savingsMethod: 'price-table',
  confidence: 'low',
  check(resources, params) {
    return natWithoutGatewayEndpoint(resources, {
      service: 's3',
      label: 'S3',
      share: params.s3Share,
      minGb: params.minGb,
      traffic: (n) => natGb(count(n, 'BytesOutToDestination'), count(n, 'BytesInFromDestination')),
    });
  },
});
