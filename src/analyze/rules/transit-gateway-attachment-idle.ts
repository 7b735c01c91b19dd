import { usdCents } from '../../domain/money';
import { monthlyCost, price } from '../../pricing';
import { count, defineRule, noMetric, ok, priced, SERVICES, wa } from './define-rule';

export default defineRule({
  id: 'transit-gateway-attachment-idle',
  title: 'Transit Gateway attachment carried no traffic over the window',
  service: SERVICES.vpc,
  strategy: 'unused-resources',
  wellArchitected: wa('COST04-BP03'),
  severity: 'medium',
  effort: 'medium',
  restartNeeded: false,
  action: 'delete',
  params: {
    maxBytes: { default: 0, description: 'Idle when BytesIn plus BytesOut over the window is at most this' },
  },
  iamActions: ['ec2:DescribeTransitGatewayAttachments', 'cloudwatch:GetMetricData'],
  savingsMethod: 'price-table',
  confidence: 'high',
  check(resources, params) {
    const days = resources.metricWindow.days;
    return resources.transitGatewayAttachments.flatMap((a) => {
      if (a.state !== 'available') return [];
      const bytesIn = count(a, 'BytesIn');
      const bytesOut = count(a, 'BytesOut');
      if (!bytesIn || !bytesOut) return [noMetric(a, 'BytesIn/BytesOut', days)];
      const bytes = bytesIn.sum + bytesOut.sum;
      if (bytes > params.maxBytes) return [ok(a, `carried ${Math.round(bytes)} bytes over ${days} days`)];
      const rate = price('transit_gateway.attachment.hour', a.region);
      const cost = rate && monthlyCost(rate);
      const reason = `${a.resourceType} attachment to ${a.transitGatewayId} carried ${bytes} bytes over ${days} days${cost ? `; its hours bill ${usdCents(cost.monthlyUsd)} a month` : ''}`;
      return [priced(a, reason, cost, 'Transit Gateway attachment hours', { resourceId: a.resourceId })];
    });
  },
});
