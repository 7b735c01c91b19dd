import { describe, expect, it } from 'vitest';
import { createAws } from '../../../src/aws';
import type { AwsCall } from '../../../src/aws/replay';
import { MetricRequests } from '../../../src/collect/inventory/metrics';
import type { Metrics } from '../../../src/domain/resources';

interface Query {
  Id: string;
  MetricStat: { Metric: { MetricName: string; Dimensions: { Value: string }[] } };
}

/** CloudWatch as a recorded cassette holds it: each metric's values under the id of the recording run. */
function recording() {
  const sent: Query[][] = [];
  const aws = createAws({
    mode: 'sample',
    homeRegion: 'us-east-1',
    responder: (call: AwsCall) => {
      const queries = call.input.MetricDataQueries as Query[];
      sent.push(queries);
      return {
        MetricDataResults: queries.map((q) => {
          const m = q.MetricStat.Metric;
          // A table's metric reads 100, a function's 1: attaching one to the other shows.
          const value = m.MetricName === 'ConsumedReadCapacityUnits' ? 100 : 1;
          return { Id: q.Id, Values: [value, value], Timestamps: [] };
        }),
      };
    },
  });
  return { aws, sent };
}

const window = { start: '2026-11-06', end: '2026-11-20' };

/** A table and a function asked for in the given order, as two concurrent collectors would. */
async function read(order: 'table-first' | 'function-first') {
  const table: { metrics?: Metrics } = {};
  const fn: { metrics?: Metrics } = {};
  const requests = new MetricRequests();
  const wants = [
    () => requests.want(table, 'AWS/DynamoDB', 'ConsumedReadCapacityUnits', { TableName: 'orders' }, 'count'),
    () => requests.want(fn, 'AWS/Lambda', 'Invocations', { FunctionName: 'erp-api' }, 'count'),
  ];
  for (const w of order === 'table-first' ? wants : wants.reverse()) w();
  const { aws, sent } = recording();
  await requests.fetch(aws, 'us-east-1', window, []);
  return { table, fn, sent };
}

describe('MetricRequests', () => {
  it('sends the same queries, ids and order whatever order the collectors asked in', async () => {
    const a = await read('table-first');
    const b = await read('function-first');

    expect(b.sent).toEqual(a.sent);
    expect(a.sent[0]?.map((q) => q.Id)).toEqual([...(a.sent[0]?.map((q) => q.Id) ?? [])].sort());
    expect(b.table.metrics?.ConsumedReadCapacityUnits?.sum).toBe(200);
    expect(b.fn.metrics?.Invocations?.sum).toBe(2);
  });

  it('asks once for a metric two resources want, and fills both', async () => {
    const first: { metrics?: Metrics } = {};
    const second: { metrics?: Metrics } = {};
    const requests = new MetricRequests();
    for (const target of [first, second]) {
      requests.want(target, 'AWS/Lambda', 'Invocations', { FunctionName: 'erp-api' }, 'count');
    }
    const { aws, sent } = recording();

    await requests.fetch(aws, 'us-east-1', window, []);

    expect(sent[0]).toHaveLength(1);
    expect(first.metrics?.Invocations?.sum).toBe(2);
    expect(second.metrics?.Invocations?.sum).toBe(2);
  });
});
