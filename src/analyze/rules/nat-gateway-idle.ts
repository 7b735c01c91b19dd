import { usdCents } from '../../domain/money';
import { monthlyCost, price } from '../../pricing';
import { count, defineRule, noMetric, ok, priced, SERVICES, wa } from './define-rule';

const GB = 1024 ** 3;

export default defineRule({
  id: 'nat-gateway-idle',
  title: 'NAT gateway billed by the hour while carrying next to no traffic',
  service: SERVICES.ec2Other,
  strategy: 'data-transfer',
  wellArchitected: wa('COST04-BP03'),
  severity: 'high',
  effort: 'medium',
  restartNeeded: false,
  action: 'delete',
  params: {
    maxGb: { default: 1, description: 'Idle when it moved less than this many GB over the metric window' },
  },
  iamActions: ['ec2:DescribeNatGateways', 'cloudwatch:GetMetricData'],
  savingsMethod: 'price-table',
  confidence: 'high',
  check(resources, params) {
    const days = resources.metricWindow.days;
    return resources.natGateways.flatMap((n) => {
      if (n.state !== 'available') return [];
      const out = count(n, 'BytesOutToDestination');
      const back = count(n, 'BytesInFromDestination');
      if (!out || !back) return [noMetric(n, 'BytesOutToDestination/BytesInFromDestination', days)];
      const gb = (out.sum + back.sum) / GB;
      if (gb >= params.maxGb) return [ok(n, `moved ${gb.toFixed(1)} GB over ${days} days`)];
      const rate = price('vpc.nat_gateway.hour', n.region);
      const cost = rate && monthlyCost(rate);
      const reason = `NAT gateway moved ${gb.toFixed(3)} GB over ${days} days${cost ? `; its hours alone bill ${usdCents(cost.monthlyUsd)} a month` : ''}`;
      return [priced(n, reason, cost, 'NAT gateway hours', { gb })];
    });
  },
});
