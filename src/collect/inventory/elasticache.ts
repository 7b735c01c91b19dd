/** ElastiCache clusters of one region with their client connections. */
import {
  ElastiCacheClient,
  ListTagsForResourceCommand,
  paginateDescribeCacheClusters,
} from '@aws-sdk/client-elasticache';
import type { ResourceInventory } from '../../domain/resources';
import { guard } from '../guard';
import { arnAccount, iso, type RegionContext, tagRecord } from './context';

/** Read the cache clusters of one region. */
export async function collectCacheClusters(ctx: RegionContext): Promise<Partial<ResourceInventory>> {
  const { aws, region, accountId, notes } = ctx;
  const client = aws.client(ElastiCacheClient, region);
  const clusters = await guard(notes, { source: 'elasticache:DescribeCacheClusters', region, accountId }, async () => {
    const list: ResourceInventory['cacheClusters'] = [];
    for await (const page of paginateDescribeCacheClusters({ client }, {})) {
      for (const c of page.CacheClusters ?? []) {
        if (!c.CacheClusterId) continue;
        list.push({
          accountId: arnAccount(c.ARN, accountId),
          region,
          id: c.CacheClusterId,
          arn: c.ARN,
          tags: {},
          engine: c.Engine ?? 'unknown',
          nodeType: c.CacheNodeType ?? 'unknown',
          nodes: c.NumCacheNodes ?? 1,
          status: c.CacheClusterStatus ?? 'unknown',
          createTime: iso(c.CacheClusterCreateTime),
        });
      }
    }
    return list;
  });
  for (const c of clusters ?? []) {
    await guard(notes, { source: 'elasticache:ListTagsForResource', region, accountId }, async () => {
      c.tags = tagRecord((await client.send(new ListTagsForResourceCommand({ ResourceName: c.arn }))).TagList);
    });
    ctx.metrics.want(c, 'AWS/ElastiCache', 'CurrConnections', { CacheClusterId: c.id }, 'gauge');
  }
  return clusters ? { cacheClusters: clusters } : {};
}
