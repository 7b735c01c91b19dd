/** Aurora DB clusters of one region with their billed I/O and volume size. */
import { paginateDescribeDBClusters, RDSClient } from '@aws-sdk/client-rds';
import type { ResourceInventory } from '../../domain/resources';
import type { AuroraCluster } from '../../domain/resources-database';
import { guard } from '../guard';
import { arnAccount, type RegionContext, tagRecord } from './context';

/** Read the Aurora clusters of one region (DescribeDBClusters also lists Multi-AZ DB clusters: those are left out). */
export async function collectDbClusters(ctx: RegionContext): Promise<Partial<ResourceInventory>> {
  const { aws, region, accountId, notes } = ctx;
  const client = aws.client(RDSClient, region);
  const clusters = await guard(notes, { source: 'rds:DescribeDBClusters', region, accountId }, async () => {
    const list: AuroraCluster[] = [];
    for await (const page of paginateDescribeDBClusters({ client }, {})) {
      for (const c of page.DBClusters ?? []) {
        if (!c.DBClusterIdentifier || !c.Engine?.startsWith('aurora')) continue;
        list.push({
          accountId: arnAccount(c.DBClusterArn, accountId),
          region,
          id: c.DBClusterIdentifier,
          arn: c.DBClusterArn,
          tags: tagRecord(c.TagList),
          engine: c.Engine,
          engineVersion: c.EngineVersion ?? '',
          status: c.Status ?? 'unknown',
          storageType: c.StorageType ?? 'aurora',
          memberIds: (c.DBClusterMembers ?? []).flatMap((m) =>
            m.DBInstanceIdentifier ? [m.DBInstanceIdentifier] : [],
          ),
        });
      }
    }
    return list;
  });
  for (const c of clusters ?? []) {
    const dims = { DBClusterIdentifier: c.id };
    ctx.metrics.want(c, 'AWS/RDS', 'VolumeReadIOPs', dims, 'count');
    ctx.metrics.want(c, 'AWS/RDS', 'VolumeWriteIOPs', dims, 'count');
    ctx.metrics.want(c, 'AWS/RDS', 'VolumeBytesUsed', dims, 'gauge');
  }
  return clusters ? { dbClusters: clusters } : {};
}
