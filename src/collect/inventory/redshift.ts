/** Provisioned Redshift clusters of one region with their connections and CPU. */
import { paginateDescribeClusters, RedshiftClient } from '@aws-sdk/client-redshift';
import type { ResourceInventory } from '../../domain/resources';
import type { RedshiftCluster } from '../../domain/resources-database';
import { guard } from '../guard';
import { iso, type RegionContext, tagRecord } from './context';

/** Read the Redshift clusters of one region (tags come with DescribeClusters). */
export async function collectRedshiftClusters(ctx: RegionContext): Promise<Partial<ResourceInventory>> {
  const { aws, region, accountId, notes } = ctx;
  const client = aws.client(RedshiftClient, region);
  const clusters = await guard(notes, { source: 'redshift:DescribeClusters', region, accountId }, async () => {
    const list: RedshiftCluster[] = [];
    for await (const page of paginateDescribeClusters({ client }, {})) {
      for (const c of page.Clusters ?? []) {
        if (!c.ClusterIdentifier) continue;
        list.push({
          accountId,
          region,
          id: c.ClusterIdentifier,
          arn: `arn:aws:redshift:${region}:${accountId}:cluster:${c.ClusterIdentifier}`,
          tags: tagRecord(c.Tags),
          nodeType: c.NodeType ?? 'unknown',
          nodes: c.NumberOfNodes ?? 1,
          status: c.ClusterStatus ?? 'unknown',
          createTime: iso(c.ClusterCreateTime),
        });
      }
    }
    return list;
  });
  for (const c of clusters ?? []) {
    for (const name of ['DatabaseConnections', 'CPUUtilization'] as const) {
      ctx.metrics.want(c, 'AWS/Redshift', name, { ClusterIdentifier: c.id }, 'gauge');
    }
  }
  return clusters ? { redshiftClusters: clusters } : {};
}
