import { DAYS_PER_MONTH, usdCents } from '../../domain/money';
import { monthlyCost, price, saving, sum } from '../../pricing';
import { shardsNeeded } from '../../pricing/streaming';
import { count, defineRule, noMetric, noPrice, ok, SERVICES, wa } from './define-rule';

const GIB = 1024 ** 3;
/** A PUT payload unit is 25 KB of a record (a smaller record still counts one). */
const PUT_UNIT_BYTES = 25 * 1024;

export default defineRule({
  id: 'kinesis-stream-ondemand-to-provisioned',
  title: 'On-demand Kinesis data stream with steady traffic that provisioned shards carry for less',
  service: SERVICES.kinesis,
  strategy: 'capacity-planning',
  wellArchitected: wa('COST09-BP03'),
  severity: 'medium',
  effort: 'low',
  restartNeeded: false,
  action: 'configure',
  params: {
    targetUtilization: {
      default: 0.5,
      description: "Shards carry the busiest day's mean rate at this share of their capacity (headroom for peaks)",
    },
    minSavingsUsd: { default: 10, description: 'Report only when provisioned mode saves at least this a month' },
  },
  iamActions: ['kinesis:ListStreams', 'kinesis:DescribeStreamSummary', 'cloudwatch:GetMetricData'],
  savingsMethod: 'price-table',
  // The shard count rests on a headroom for peaks within the day, and PUT units on records of at most 25 KB.
  confidence: 'low',
  check(resources, params) {
    const days = resources.metricWindow.days;
    return resources.streams.flatMap((s) => {
      if (s.status !== 'ACTIVE' || s.mode !== 'ON_DEMAND') return [];
      const inBytes = count(s, 'IncomingBytes');
      const inRecords = count(s, 'IncomingRecords');
      const outBytes = count(s, 'GetRecords.Bytes');
      if (!inBytes || !inRecords || !outBytes) {
        return [noMetric(s, 'IncomingBytes/IncomingRecords/GetRecords.Bytes', days)];
      }
      // Nothing written: kinesis-stream-idle prices the whole stream.
      if (inBytes.sum === 0) return [];
      const month = (n: number) => (n / days) * DAYS_PER_MONTH;
      const gib = (n: number) => Math.round((month(n) / GIB) * 100) / 100;
      const shards = shardsNeeded(
        { inBytes: inBytes.maximum, inRecords: inRecords.maximum, outBytes: outBytes.maximum },
        params.targetUtilization,
      );
      const putUnits = Math.round(month(Math.max(inRecords.sum, inBytes.sum / PUT_UNIT_BYTES)) / 10_000) / 100;
      const rates = {
        hour: price('kinesis.ondemand.stream_hour', s.region),
        ingest: price('kinesis.ondemand.ingest.gb', s.region),
        retrieval: price('kinesis.ondemand.retrieval.gb', s.region),
        shard: price('kinesis.provisioned.shard_hour', s.region),
        put: price('kinesis.provisioned.put_unit.per_million', s.region),
      };
      const quoted = `on-demand stream took in ${gib(inBytes.sum)} GB and gave out ${gib(outBytes.sum)} GB a month at the rate of the last ${days} days`;
      const plan = `${shards} provisioned shard${shards > 1 ? 's' : ''} carry its busiest day at ${Math.round(params.targetUtilization * 100)}% of capacity (an assumed headroom for peaks), with ${putUnits} M PUT units (records of at most 25 KB)`;
      const { hour, ingest, retrieval, shard, put } = rates;
      if (!hour || !ingest || !retrieval || !shard || !put) return [noPrice(s, `${quoted}; ${plan}`, 'Kinesis')];
      const now = sum([
        monthlyCost(hour),
        monthlyCost(ingest, gib(inBytes.sum)),
        monthlyCost(retrieval, gib(outBytes.sum)),
      ]);
      const after = sum([monthlyCost(shard, shards), monthlyCost(put, putUnits)]);
      const save = saving(now, after);
      if (save.monthlyUsd < params.minSavingsUsd)
        return [ok(s, `${quoted}; ${plan}: saves under ${usdCents(params.minSavingsUsd)}`)];
      return [
        {
          resource: s,
          status: 'alarm' as const,
          reason: `${quoted}; ${plan}: provisioned mode saves ${usdCents(save.monthlyUsd)} a month`,
          savings: save,
          evidence: { shards, putUnitsMillions: putUnits },
        },
      ];
    });
  },
});
