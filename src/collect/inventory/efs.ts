/** EFS file systems of one region with their client connections. */
import { EFSClient, paginateDescribeFileSystems } from '@aws-sdk/client-efs';
import type { ResourceInventory } from '../../domain/resources';
import { guard } from '../guard';
import { arnAccount, iso, type RegionContext, tagRecord } from './context';
import { readEfsLifecycle } from './efs-lifecycle';

/** Read the EFS file systems of one region (tags come with DescribeFileSystems). */
export async function collectFileSystems(ctx: RegionContext): Promise<Partial<ResourceInventory>> {
  const { aws, region, accountId, notes } = ctx;
  const client = aws.client(EFSClient, region);
  const fileSystems = await guard(
    notes,
    { source: 'elasticfilesystem:DescribeFileSystems', region, accountId },
    async () => {
      const list: ResourceInventory['fileSystems'] = [];
      for await (const page of paginateDescribeFileSystems({ client }, {})) {
        for (const f of page.FileSystems ?? []) {
          if (!f.FileSystemId) continue;
          list.push({
            accountId: arnAccount(f.FileSystemArn, f.OwnerId ?? accountId),
            region,
            id: f.FileSystemId,
            arn: f.FileSystemArn,
            tags: tagRecord(f.Tags),
            name: f.Name,
            lifeCycleState: f.LifeCycleState ?? 'unknown',
            sizeBytes: f.SizeInBytes?.Value ?? 0,
            standardBytes: f.SizeInBytes?.ValueInStandard,
            creationTime: iso(f.CreationTime),
          });
        }
      }
      return list;
    },
  );
  for (const f of fileSystems ?? []) {
    ctx.metrics.want(f, 'AWS/EFS', 'ClientConnections', { FileSystemId: f.id }, 'count');
    if (f.lifeCycleState === 'available')
      f.lifecycle = await readEfsLifecycle(client, f.id, { region, accountId }, notes);
  }
  return fileSystems ? { fileSystems } : {};
}
