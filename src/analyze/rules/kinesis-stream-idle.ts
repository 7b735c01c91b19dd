import { usdCents } from '../../domain/money';
import { monthlyCost, price } from '../../pricing';
import { defineRule, noPrice, priced, SERVICES, wa } from './define-rule';
import { idleByMetric } from './shapes';

export default defineRule({
  id: 'kinesis-stream-idle',
  title: 'Kinesis data stream with nothing written to it over the window',
  service: SERVICES.kinesis,
  strategy: 'unused-resources',
  wellArchitected: wa('COST04-BP03'),
  severity: 'medium',
  effort: 'low',
  restartNeeded: false,
  action: 'delete',
  params: {
    maxBytes: { default: 0, description: 'Idle when the IncomingBytes sum over the window is at most this' },
  },
  iamActions: ['kinesis:ListStreams', 'kinesis:DescribeStreamSummary', 'cloudwatch:GetMetricData'],
  savingsMethod: 'price-table',
  confidence: 'high',
  check(resources, params) {
    const days = resources.metricWindow.days;
    return resources.streams.flatMap((s) => {
      if (s.status !== 'ACTIVE') return [];
      return [
        idleByMetric(s, {
          metric: 'IncomingBytes',
          kind: 'count',
          max: params.maxBytes,
          days,
          busy: (_, bytes) => `${bytes} bytes written over ${days} days`,
          idle: (_, m) => {
            const reason = `${s.mode === 'ON_DEMAND' ? 'on-demand' : `${s.shards}-shard`} stream had ${m.sum} bytes written over ${days} days`;
            // On-demand streams bill a stream-hour the table does not hold.
            if (s.mode !== 'PROVISIONED') return noPrice(s, reason, 'Kinesis on-demand stream-hours');
            const rate = price('kinesis.provisioned.shard_hour', s.region);
            const cost = rate && monthlyCost(rate, s.shards);
            const full = `${reason}${cost ? `; its shards bill ${usdCents(cost.monthlyUsd)} a month` : ''}`;
            return priced(s, full, cost, 'Kinesis shard-hours', { shards: s.shards });
          },
        }),
      ];
    });
  },
});
