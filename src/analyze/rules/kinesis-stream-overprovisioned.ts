import { DAY_SECONDS } from '../../domain/dates';
import { usdCents } from '../../domain/money';
import type { MetricSummary } from '../../domain/resources';
import { monthlyCost, price } from '../../pricing';
import { shardsNeeded } from '../../pricing/streaming';
import { count, defineRule, noMetric, noPrice, ok, SERVICES, wa } from './define-rule';

export default defineRule({
  id: 'kinesis-stream-overprovisioned',
  title: 'Kinesis data stream with far more shards than its traffic needs',
  service: SERVICES.kinesis,
  strategy: 'right-sizing',
  wellArchitected: wa('COST06-BP03'),
  severity: 'low',
  effort: 'low',
  restartNeeded: false,
  action: 'rightsize',
  params: {
    targetUtilization: {
      default: 0.5,
      description: "Keep the busiest day's mean rate at this share of the shards' capacity (headroom for peaks)",
    },
  },
  iamActions: ['kinesis:ListStreams', 'kinesis:DescribeStreamSummary', 'cloudwatch:GetMetricData'],
  savingsMethod: 'price-table',
  // Daily sums give each day's mean rate, not its peak second: the headroom is an assumption.
  confidence: 'low',
  check(resources, params) {
    const days = resources.metricWindow.days;
    return resources.streams.flatMap((s) => {
      if (s.status !== 'ACTIVE' || s.mode !== 'PROVISIONED') return [];
      const inBytes = count(s, 'IncomingBytes');
      const inRecords = count(s, 'IncomingRecords');
      const outBytes = count(s, 'GetRecords.Bytes');
      if (!inBytes || !inRecords || !outBytes)
        return [noMetric(s, 'IncomingBytes/IncomingRecords/GetRecords.Bytes', days)];
      // Nothing written: kinesis-stream-idle prices the whole stream.
      if (inBytes.sum === 0) return [];
      const perSecond = (m: MetricSummary) => m.maximum / DAY_SECONDS;
      const t = params.targetUtilization;
      const needed = shardsNeeded(
        { inBytes: inBytes.maximum, inRecords: inRecords.maximum, outBytes: outBytes.maximum },
        t,
      );
      const quoted = `${s.shards}-shard stream: busiest day wrote ${(perSecond(inBytes) / 1024).toFixed(1)} KiB/s and read ${(perSecond(outBytes) / 1024).toFixed(1)} KiB/s on average over ${inBytes.datapoints} of ${days} days`;
      const spare = s.shards - needed;
      if (spare <= 0) return [ok(s, quoted)];
      const rate = price('kinesis.provisioned.shard_hour', s.region);
      const why = `${needed} shard${needed > 1 ? 's carry' : ' carries'} it at ${Math.round(t * 100)}% of capacity (1 MiB/s and 1,000 records/s in, 2 MiB/s out per shard), an assumed headroom for peaks within the day`;
      if (!rate) return [noPrice(s, `${quoted}; ${why}`, 'Kinesis shard-hours')];
      const cost = monthlyCost(rate, spare);
      const save = { ...cost, basis: `${spare} shards beyond the ${needed} needed (${why}): ${cost.basis}` };
      return [
        {
          resource: s,
          status: 'alarm' as const,
          reason: `${quoted}; ${why}: resharding to ${needed} (UpdateShardCount halves at most per step) saves ${usdCents(save.monthlyUsd)} a month`,
          savings: save,
          evidence: { shards: s.shards, neededShards: needed },
        },
      ];
    });
  },
});
