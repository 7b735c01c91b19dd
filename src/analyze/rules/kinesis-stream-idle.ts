import { usdCents } from '../../domain/money';
import { monthlyCost, price } from '../../pricing';
import { defineRule, priced, SERVICES, wa } from './define-rule';
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
            // Provisioned streams bill each shard by the hour, on-demand ones the stream by the hour.
            const onDemand = s.mode === 'ON_DEMAND';
            const rate = price(onDemand ? 'kinesis.ondemand.stream_hour' : 'kinesis.provisioned.shard_hour', s.region);
            const cost = rate && monthlyCost(rate, onDemand ? 1 : s.shards);
            const full = `${reason}${cost ? `; it bills ${usdCents(cost.monthlyUsd)} a month` : ''}`;
            return priced(s, full, cost, 'Kinesis stream hours', { shards: s.shards, mode: s.mode });
          },
        }),
      ];
    });
  },
});
