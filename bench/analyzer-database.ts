/**
 * The database and streaming kinds of the bench inventory (Aurora clusters with their member instances, Redshift
 * clusters, Kinesis streams, and RDS storage and DynamoDB capacity modes the database rules judge), a small share
 * each, generated with the bench's own random source and builders.
 */
import type { MetricSummary, ResourceBase, ResourceInventory } from '../src/domain/resources';

export interface BenchTools {
  r: () => number;
  pick: <T>(xs: readonly T[]) => T;
  base: (i: number, kind: string) => ResourceBase;
  metric: (level: number) => MetricSummary | undefined;
}

const GIB = 1024 ** 3;
const MIB = 1024 ** 2;
const DAY = 86_400;
export const DATABASE_SHARES = { dbClusters: 0.002, redshiftClusters: 0.002, streams: 0.004, storageDbs: 0.005 };

/** Add the database kinds to `inv` with ids from `start`; returns the next id. */
export function addDatabaseKinds(inv: ResourceInventory, total: number, start: number, t: BenchTools): number {
  const { r, pick, base, metric } = t;
  let i = start;
  const count = (k: keyof typeof DATABASE_SHARES) => Math.round(total * DATABASE_SHARES[k]);
  for (let n = count('dbClusters'); n > 0; n--, i++) {
    const cluster = base(i, 'aurora');
    const memberIds = [`${cluster.id}-1`, `${cluster.id}-2`];
    for (const id of memberIds) {
      inv.dbInstances.push({
        ...cluster,
        id,
        instanceClass: pick(['db.r4.large', 'db.t3.medium', 'db.r6g.large']),
        engine: 'aurora-mysql',
        engineVersion: '8.0.mysql_aurora.3.08.0',
        multiAz: false,
        status: 'available',
        storageType: 'aurora',
        metrics: { DatabaseConnections: metric(r() * 100), CPUUtilization: metric(r() * 60) },
      });
    }
    inv.dbClusters.push({
      ...cluster,
      engine: 'aurora-mysql',
      engineVersion: '8.0.mysql_aurora.3.08.0',
      status: 'available',
      storageType: r() < 0.2 ? 'aurora-iopt1' : 'aurora',
      memberIds,
      metrics: {
        VolumeReadIOPs: metric(r() * 1e8),
        VolumeWriteIOPs: metric(r() * 5e7),
        VolumeBytesUsed: metric(r() * 500 * GIB),
      },
    });
  }
  for (let n = count('redshiftClusters'); n > 0; n--, i++) {
    inv.redshiftClusters.push({
      ...base(i, 'redshift'),
      nodeType: pick(['dc2.large', 'dc2.large', 'ra3.xlplus']),
      nodes: pick([1, 2, 4, 8]),
      status: 'available',
      metrics: { DatabaseConnections: metric(r() < 0.1 ? 0 : r() * 50), CPUUtilization: metric(r() * 70) },
    });
  }
  for (let n = count('streams'); n > 0; n--, i++) {
    const bytes = r() < 0.1 ? 0 : r() * MIB * DAY;
    inv.streams.push({
      ...base(i, 'stream'),
      mode: r() < 0.8 ? 'PROVISIONED' : 'ON_DEMAND',
      shards: pick([1, 2, 4, 10]),
      status: 'ACTIVE',
      metrics: {
        IncomingBytes: metric(bytes),
        IncomingRecords: metric(bytes / 2000),
        'GetRecords.Bytes': metric(bytes * 1.5),
      },
    });
  }
  // RDS instances on io1 and gp3 with IOPS, and with their free storage; DynamoDB tables on demand.
  for (let n = count('storageDbs'); n > 0; n--, i++) {
    const io1 = r() < 0.5;
    const gb = pick([100, 500, 1000]);
    inv.dbInstances.push({
      ...base(i, 'db'),
      instanceClass: 'db.t3.large',
      engine: pick(['mysql', 'postgres']),
      engineVersion: '16.4',
      multiAz: r() < 0.5,
      status: 'available',
      storageType: io1 ? 'io1' : 'gp3',
      allocatedStorageGb: gb,
      iops: io1 ? pick([1000, 5000, 20_000]) : pick([3000, 12_000, 20_000]),
      metrics: {
        DatabaseConnections: metric(r() * 100),
        CPUUtilization: metric(r() * 50),
        FreeStorageSpace: metric(r() * gb * GIB),
        ReadIOPS: metric(r() * 5000),
        WriteIOPS: metric(r() * 3000),
      },
    });
    inv.tables.push({
      ...base(i, 'table-od'),
      billingMode: 'PAY_PER_REQUEST',
      readCapacityUnits: 0,
      writeCapacityUnits: 0,
      sizeBytes: r() * 50 * GIB,
      metrics: {
        ConsumedReadCapacityUnits: metric(r() * DAY * 200),
        ConsumedWriteCapacityUnits: metric(r() * DAY * 50),
      },
    });
  }
  return i;
}
