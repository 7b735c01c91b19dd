/** The database and streaming collectors of one region beside RDS instances and DynamoDB: one entry in SERVICES. */
import type { ResourceInventory } from '../../domain/resources';
import type { RegionContext } from './context';
import { collectStreams } from './kinesis';
import { collectDbClusters } from './rds-clusters';
import { collectRedshiftClusters } from './redshift';

/** Aurora clusters, Redshift clusters and Kinesis streams of one region, read concurrently. */
export async function collectDatabaseServices(ctx: RegionContext): Promise<Partial<ResourceInventory>> {
  const parts = await Promise.all([collectDbClusters(ctx), collectRedshiftClusters(ctx), collectStreams(ctx)]);
  return Object.assign({}, ...parts);
}
