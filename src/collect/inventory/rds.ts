/** RDS instances (with connections and CPU) and snapshots of one region. */
import { paginateDescribeDBInstances, paginateDescribeDBSnapshots, RDSClient } from '@aws-sdk/client-rds';
import type { RdsInstance, ResourceInventory } from '../../domain/resources';
import { guard } from '../guard';
import { arnAccount, iso, type RegionContext, tagRecord } from './context';

/** Read RDS in one region. */
export async function collectRds(ctx: RegionContext): Promise<Partial<ResourceInventory>> {
  const { aws, region, accountId, notes } = ctx;
  const client = aws.client(RDSClient, region);
  const out: Partial<ResourceInventory> = {};
  await guard(notes, { source: 'rds:DescribeDBInstances', region, accountId }, async () => {
    const dbInstances: ResourceInventory['dbInstances'] = [];
    for await (const page of paginateDescribeDBInstances({ client }, {})) {
      for (const d of page.DBInstances ?? []) {
        if (!d.DBInstanceIdentifier) continue;
        const db: RdsInstance = {
          accountId: arnAccount(d.DBInstanceArn, accountId),
          region,
          id: d.DBInstanceIdentifier,
          arn: d.DBInstanceArn,
          tags: tagRecord(d.TagList),
          instanceClass: d.DBInstanceClass ?? 'unknown',
          engine: d.Engine ?? 'unknown',
          engineVersion: d.EngineVersion ?? '',
          multiAz: d.MultiAZ ?? false,
          status: d.DBInstanceStatus ?? 'unknown',
          storageType: d.StorageType,
          allocatedStorageGb: d.AllocatedStorage,
          createTime: iso(d.InstanceCreateTime),
          lifecycleSupport: d.EngineLifecycleSupport,
          iops: d.Iops,
        };
        dbInstances.push(db);
        for (const name of ['DatabaseConnections', 'CPUUtilization'] as const) {
          ctx.metrics.want(db, 'AWS/RDS', name, { DBInstanceIdentifier: db.id }, 'gauge');
        }
        // Aurora storage is the cluster's (rds-clusters.ts): FreeStorageSpace is an instance's own volume.
        if (!db.engine.startsWith('aurora')) {
          ctx.metrics.want(db, 'AWS/RDS', 'FreeStorageSpace', { DBInstanceIdentifier: db.id }, 'gauge');
        }
        // Provisioned gp3 IOPS are billed above the baseline: their use is what rds-gp3-iops-overprovisioned judges.
        if (db.storageType === 'gp3' && db.iops !== undefined) {
          for (const name of ['ReadIOPS', 'WriteIOPS'] as const) {
            ctx.metrics.want(db, 'AWS/RDS', name, { DBInstanceIdentifier: db.id }, 'gauge');
          }
        }
      }
    }
    out.dbInstances = dbInstances;
  });
  await guard(notes, { source: 'rds:DescribeDBSnapshots', region, accountId }, async () => {
    const dbSnapshots: ResourceInventory['dbSnapshots'] = [];
    for await (const page of paginateDescribeDBSnapshots({ client }, {})) {
      for (const s of page.DBSnapshots ?? []) {
        if (!s.DBSnapshotIdentifier) continue;
        dbSnapshots.push({
          accountId: arnAccount(s.DBSnapshotArn, accountId),
          region,
          id: s.DBSnapshotIdentifier,
          arn: s.DBSnapshotArn,
          tags: tagRecord(s.TagList),
          instanceId: s.DBInstanceIdentifier ?? '',
          snapshotType: s.SnapshotType ?? 'unknown',
          allocatedStorageGb: s.AllocatedStorage ?? 0,
          createTime: iso(s.SnapshotCreateTime),
          engine: s.Engine,
        });
      }
    }
    out.dbSnapshots = dbSnapshots;
  });
  return out;
}
