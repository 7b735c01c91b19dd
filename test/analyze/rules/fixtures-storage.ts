/** Builders for the storage rules' resources: S3 storage by class, EBS I/O, log ingestion, EFS lifecycle, ECR. */
import type { EcrRepository, S3Bucket } from '../../../src/domain/resources';
import type { S3StorageByType } from '../../../src/domain/resources-storage';
import { S3_STORAGE_TYPES } from '../../../src/domain/resources-storage';
import { bucket, flat } from './fixtures';

export const GIB = 1024 ** 3;

/** BucketSizeBytes by storage type, each type read: GB per type, the others read with no datapoint (empty). */
export function storage(gbByType: Partial<Record<(typeof S3_STORAGE_TYPES)[number], number>>) {
  const out: S3StorageByType<S3Bucket['metrics']> = {};
  for (const t of S3_STORAGE_TYPES) {
    const gb = gbByType[t];
    out[t] = { metrics: { BucketSizeBytes: gb === undefined ? flat(0, 0) : flat(gb * GIB) } };
  }
  return out;
}

/** A bucket with no lifecycle rule, `gb` in Standard and `objects` objects. */
export const bareBucket = (gb: number, objects: number, o: Partial<S3Bucket> = {}): S3Bucket =>
  bucket({
    lifecycle: [],
    tiersObjects: false,
    storage: storage({ StandardStorage: gb }),
    metrics: { NumberOfObjects: flat(objects) },
    ...o,
  });

export const repository = (o: Partial<EcrRepository> = {}): EcrRepository => ({
  accountId: '111111111111',
  region: 'us-east-1',
  tags: { owner: 'alice' },
  id: 'erp/api',
  arn: 'arn:aws:ecr:us-east-1:111111111111:repository/erp/api',
  createdAt: '2025-01-10T00:00:00.000Z',
  hasLifecyclePolicy: true,
  images: { total: 10, bytes: 10 * GIB, olderThan: [] },
  ...o,
});

const DAY = 86_400;
const MIB = 1024 ** 2;

/** A volume's AWS/EBS counts from daily rates: operations per second and MiB per second, read and written. */
export const volumeIo = (readOps: number, writeOps: number, readMiBps = 1, writeMiBps = 1) => ({
  VolumeReadOps: readOps ? flat(readOps * DAY) : flat(0, 0),
  VolumeWriteOps: writeOps ? flat(writeOps * DAY) : flat(0, 0),
  VolumeReadBytes: flat(readMiBps * MIB * DAY),
  VolumeWriteBytes: flat(writeMiBps * MIB * DAY),
});
