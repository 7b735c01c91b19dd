/** Redshift node and Kinesis shard prices (the table's `redshift.<node type>.node_hour`, `kinesis.*`). */
import { DAY_SECONDS } from '../domain/dates';
import { lookupPrice, type Rate } from './index';

/** Redshift on-demand node price per hour (node type `dc2.large`), or undefined. */
export const redshiftNodePrice = (nodeType: string, region: string): Rate | undefined =>
  lookupPrice(`redshift.${nodeType}.node_hour`, region);

/** What one provisioned Kinesis shard takes in and gives out a second (Kinesis Data Streams quotas and limits). */
export const SHARD_LIMITS = { inBytes: 1024 ** 2, inRecords: 1000, outBytes: 2 * 1024 ** 2 } as const;

/** A day's traffic of a stream: the busiest day's sums (IncomingBytes, IncomingRecords, GetRecords.Bytes). */
export interface StreamDay {
  inBytes: number;
  inRecords: number;
  outBytes: number;
}

/** Provisioned shards that carry a day's traffic at `target` of each shard's limits (at least one). */
export function shardsNeeded(busiest: StreamDay, target: number): number {
  const perSecond = (n: number) => n / DAY_SECONDS;
  return Math.max(
    1,
    Math.ceil(perSecond(busiest.inBytes) / (SHARD_LIMITS.inBytes * target)),
    Math.ceil(perSecond(busiest.inRecords) / (SHARD_LIMITS.inRecords * target)),
    Math.ceil(perSecond(busiest.outBytes) / (SHARD_LIMITS.outBytes * target)),
  );
}
