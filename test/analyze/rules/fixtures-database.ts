/** Builders of the database and streaming kinds (Aurora and Redshift clusters, Kinesis streams) for rule tests. */
import type { AuroraCluster, KinesisStream, RedshiftCluster } from '../../../src/domain/resources-database';
import { daysAgo, flat } from './fixtures';

const base = { accountId: '111111111111', region: 'us-east-1', tags: { owner: 'alice' } };
export const GIB = 1024 ** 3;

export const auroraCluster = (o: Partial<AuroraCluster> = {}): AuroraCluster => ({
  ...base,
  id: 'erp-aurora',
  arn: 'arn:aws:rds:us-east-1:111111111111:cluster:erp-aurora',
  engine: 'aurora-mysql',
  engineVersion: '8.0.mysql_aurora.3.08.0',
  status: 'available',
  storageType: 'aurora',
  memberIds: ['erp-aurora-1', 'erp-aurora-2'],
  metrics: { VolumeReadIOPs: flat(1e6), VolumeWriteIOPs: flat(1e6), VolumeBytesUsed: flat(100 * GIB) },
  ...o,
});

export const redshiftCluster = (o: Partial<RedshiftCluster> = {}): RedshiftCluster => ({
  ...base,
  id: 'erp-warehouse',
  nodeType: 'dc2.large',
  nodes: 4,
  status: 'available',
  createTime: daysAgo(300),
  metrics: { DatabaseConnections: flat(6), CPUUtilization: flat(45) },
  ...o,
});

export const stream = (o: Partial<KinesisStream> = {}): KinesisStream => ({
  ...base,
  id: 'erp-events',
  arn: 'arn:aws:kinesis:us-east-1:111111111111:stream/erp-events',
  mode: 'PROVISIONED',
  shards: 2,
  status: 'ACTIVE',
  retentionHours: 24,
  createTime: daysAgo(200),
  // 1 MiB/s written and read over a day on average: a shard's worth at 100%.
  metrics: {
    IncomingBytes: flat(0.8 * 1024 ** 2 * 86_400),
    IncomingRecords: flat(200 * 86_400),
    'GetRecords.Bytes': flat(0.8 * 1024 ** 2 * 86_400),
  },
  ...o,
});
