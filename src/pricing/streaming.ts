/** Redshift node and Kinesis shard prices (the table's `redshift.<node type>.node_hour`, `kinesis.*`). */
import { lookupPrice, type Rate } from './index';

/** Redshift on-demand node price per hour (node type `dc2.large`), or undefined. */
export const redshiftNodePrice = (nodeType: string, region: string): Rate | undefined =>
  lookupPrice(`redshift.${nodeType}.node_hour`, region);

/** What one provisioned Kinesis shard takes in and gives out a second (Kinesis Data Streams quotas and limits). */
export const SHARD_LIMITS = { inBytes: 1024 ** 2, inRecords: 1000, outBytes: 2 * 1024 ** 2 } as const;
