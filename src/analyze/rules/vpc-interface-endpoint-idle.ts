import { usdCents } from '../../domain/money';
import { monthlyCost, price } from '../../pricing';
import { defineRule, priced, SERVICES, wa } from './define-rule';
import { idleByMetric } from './shapes';

export default defineRule({
  id: 'vpc-interface-endpoint-idle',
  title: 'VPC interface endpoint processed no bytes over the window',
  service: SERVICES.vpc,
  strategy: 'unused-resources',
  wellArchitected: wa('COST04-BP03'),
  severity: 'low',
  effort: 'low',
  restartNeeded: false,
  action: 'delete',
  params: {
    maxBytes: { default: 0, description: 'Idle when BytesProcessed over the window is at most this' },
  },
  iamActions: ['ec2:DescribeVpcEndpoints', 'cloudwatch:GetMetricData'],
  savingsMethod: 'price-table',
  confidence: 'high',
  check(resources, params) {
    const days = resources.metricWindow.days;
    return resources.vpcEndpoints.flatMap((e) => {
      if (e.endpointType !== 'Interface' || e.state !== 'available') return [];
      return [
        idleByMetric(e, {
          metric: 'BytesProcessed',
          kind: 'count',
          max: params.maxBytes,
          days,
          busy: (_, bytes) => `processed ${Math.round(bytes)} bytes over ${days} days`,
          idle: (_, m) => {
            const zones = Math.max(1, e.subnetIds.length);
            const rate = price('vpc_endpoint.interface.hour', e.region);
            const cost = rate && monthlyCost(rate, zones);
            const reason = `interface endpoint for ${e.serviceName} in ${zones} Availability Zone${zones > 1 ? 's' : ''} processed ${m.sum} bytes over ${days} days${cost ? `; its hours bill ${usdCents(cost.monthlyUsd)} a month` : ''}`;
            return priced(e, reason, cost, 'interface endpoint hours', { zones, vpcId: e.vpcId });
          },
        }),
      ];
    });
  },
});
