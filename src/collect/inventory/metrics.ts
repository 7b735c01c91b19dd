/**
 * CloudWatch statistics for the inventory: collectors ask for the metrics their rules need, then one pass reads them
 * all with GetMetricData (up to 500 queries a call, every page) at daily resolution over the window, and fills each
 * resource's `metrics`. A metric whose read failed stays undefined; the failure is a note. Each query's id comes from
 * the metric's identity and the queries go out sorted by it, so the same estate sends the same requests whatever order
 * the collectors asked in (a recorded cassette replays onto the right resources).
 */

import { createHash } from 'node:crypto';
import { CloudWatchClient, type MetricDataQuery, paginateGetMetricData } from '@aws-sdk/client-cloudwatch';
import type { Aws } from '../../aws';
import { DAY_SECONDS } from '../../domain/dates';
import type { Note } from '../../domain/note';
import type { MetricName, MetricSummary, Metrics } from '../../domain/resources';
import { guard } from '../guard';

/** GetMetricData accepts at most 500 queries per call. */
export const MAX_QUERIES_PER_CALL = 500;

/**
 * gauge: a level reported every period (CPU, connections): Average and Maximum are read.
 * count: something counted (requests, bytes): Sum is read; CloudWatch has no datapoint for a day with none.
 */
export type MetricKind = 'gauge' | 'count';

export interface MetricWant {
  target: { metrics?: Metrics };
  namespace: string;
  metricName: MetricName;
  dimensions: Record<string, string>;
  kind: MetricKind;
}

/** The metric requests of one region, filled in by `fetch`. */
export class MetricRequests {
  readonly wants: MetricWant[] = [];

  /** Ask for a metric of a resource. */
  want(
    target: { metrics?: Metrics },
    namespace: string,
    metricName: MetricName,
    dimensions: Record<string, string>,
    kind: MetricKind,
  ) {
    this.wants.push({ target, namespace, metricName, dimensions, kind });
  }

  /** Read every wanted metric over [start, end) in batches; fill `metrics` of each resource. */
  async fetch(aws: Aws, region: string, window: { start: string; end: string }, notes: Note[]): Promise<void> {
    const client = aws.client(CloudWatchClient, region);
    const ids = queryIds(this.wants);
    const queries = new Map<string, MetricDataQuery>();
    for (const w of this.wants) for (const q of queriesOf(w, ids.get(w) ?? '')) queries.set(q.Id ?? '', q);
    const sorted = [...queries.values()].sort((a, b) => (a.Id ?? '').localeCompare(b.Id ?? ''));
    const values = new Map<string, number[]>();
    for (let at = 0; at < sorted.length; at += MAX_QUERIES_PER_CALL) {
      const batch = sorted.slice(at, at + MAX_QUERIES_PER_CALL);
      await guard(notes, { source: 'cloudwatch:GetMetricData', region }, async () => {
        const pages = paginateGetMetricData(
          { client },
          {
            MetricDataQueries: batch,
            StartTime: new Date(`${window.start}T00:00:00Z`),
            EndTime: new Date(`${window.end}T00:00:00Z`),
          },
        );
        for await (const page of pages) {
          for (const r of page.MetricDataResults ?? []) {
            if (!r.Id) continue;
            values.set(r.Id, [...(values.get(r.Id) ?? []), ...(r.Values ?? [])]);
          }
        }
      });
    }
    for (const w of this.wants) {
      const summary = summarize(w.kind, (stat) => values.get(`${ids.get(w)}_${stat.toLowerCase()}`));
      if (summary) w.target.metrics = { ...w.target.metrics, [w.metricName]: summary };
    }
  }
}

const STATS: Record<MetricKind, string[]> = { gauge: ['Average', 'Maximum'], count: ['Sum'] };

/** A metric's identity: namespace, name and sorted dimensions. */
function identityOf(w: MetricWant): string {
  const dimensions = Object.entries(w.dimensions).sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify([w.namespace, w.metricName, dimensions]);
}

/** 12-digit account ids, as a recorded cassette's scrubber finds and replaces them (src/aws/cassette.ts). */
const ACCOUNT_ID = /(?<![\d.])\d{12}(?![\d.])/g;

/**
 * The query id of each wanted metric (its statistics add `_average`, `_sum`, ...): a hash of its identity, ids must
 * start lowercase. Account ids in dimension values (bucket names often hold one) are left out of the hash, so a cassette
 * whose account ids were scrubbed replays onto the ids it recorded; metrics that differ only by such ids are told apart
 * by a suffix in the order of their identities.
 */
function queryIds(wants: MetricWant[]): Map<MetricWant, string> {
  const byHash = new Map<string, Set<string>>();
  const identities = new Map<MetricWant, { identity: string; hash: string }>();
  for (const w of wants) {
    const identity = identityOf(w);
    const hash = `m${createHash('sha256').update(identity.replace(ACCOUNT_ID, '#')).digest('hex').slice(0, 16)}`;
    identities.set(w, { identity, hash });
    byHash.set(hash, (byHash.get(hash) ?? new Set()).add(identity));
  }
  const ids = new Map<MetricWant, string>();
  for (const [w, { identity, hash }] of identities) {
    const twins = [...(byHash.get(hash) ?? [])].sort();
    const n = twins.indexOf(identity);
    ids.set(w, n > 0 ? `${hash}n${n}` : hash);
  }
  return ids;
}

/** The GetMetricData queries of one wanted metric: one per statistic its kind reads. */
const queriesOf = (w: MetricWant, id: string): MetricDataQuery[] =>
  STATS[w.kind].map((stat) => ({
    Id: `${id}_${stat.toLowerCase()}`,
    MetricStat: {
      Metric: {
        Namespace: w.namespace,
        MetricName: w.metricName,
        Dimensions: Object.entries(w.dimensions).map(([Name, Value]) => ({ Name, Value })),
      },
      Period: DAY_SECONDS,
      Stat: stat,
    },
    ReturnData: true,
  }));

/** A summary from daily values; undefined when the metric was not read at all. */
function summarize(kind: MetricKind, read: (stat: string) => number[] | undefined): MetricSummary | undefined {
  if (kind === 'count') {
    const sums = read('sum');
    if (!sums) return undefined;
    const total = sums.reduce((a, b) => a + b, 0);
    const top = sums.length ? Math.max(...sums) : 0;
    return {
      average: sums.length ? total / sums.length : 0,
      maximum: top,
      maxDailyAverage: top,
      sum: total,
      datapoints: sums.length,
    };
  }
  const averages = read('average');
  const maxima = read('maximum');
  if (!averages || !maxima) return undefined;
  const mean = averages.length ? averages.reduce((a, b) => a + b, 0) / averages.length : 0;
  return {
    average: mean,
    maximum: maxima.length ? Math.max(...maxima) : 0,
    maxDailyAverage: averages.length ? Math.max(...averages) : 0,
    sum: averages.reduce((a, b) => a + b, 0),
    datapoints: averages.length,
  };
}
