/**
 * The storage side of the bench's generated inventory: S3 storage by class and uploads on its buckets, I/O on its
 * volumes, ingestion and class on its log groups, size and class on its tables, and the storage kinds the generator
 * does not make otherwise (EFS file systems, ECR repositories), a small share each.
 */
import type { MetricSummary, ResourceBase, ResourceInventory } from '../src/domain/resources';
import { ECR_AGE_THRESHOLDS, S3_STORAGE_TYPES } from '../src/domain/resources-storage';

const GIB = 1024 ** 3;
const DAY = 86_400;

/** Shares of the total for the kinds added here. */
export const STORAGE_SHARE = { fileSystems: 0.005, repositories: 0.01 };

interface Generator {
  total: number;
  r: () => number;
  base: (i: number, kind: string) => ResourceBase;
  metric: (level: number) => MetricSummary | undefined;
  ago: (days: number) => string;
}

/** Fill the storage fields of the generated resources and add the storage kinds; ids continue from `next`. */
export function addStorage(inv: ResourceInventory, g: Generator, next: number): void {
  const { r, metric } = g;
  for (const b of inv.buckets) {
    b.tiersObjects = r() < 0.4;
    b.storage = Object.fromEntries(
      S3_STORAGE_TYPES.map((t) => [
        t,
        {
          metrics: {
            BucketSizeBytes: metric(t === 'StandardStorage' ? r() * 5000 * GIB : r() < 0.2 ? r() * 1000 * GIB : 0),
          },
        },
      ]),
    );
    b.metrics = { NumberOfObjects: metric(r() * 1e7) };
    b.incompleteUploads = {
      uploads: Array.from({ length: Math.floor(r() * 3) }, () => ({
        initiated: g.ago(r() * 60),
        storageClass: 'STANDARD',
        bytes: r() * 10 * GIB,
      })),
      truncated: false,
    };
  }
  for (const v of inv.volumes) {
    if (v.state !== 'in-use') continue;
    // The generator's volumes are gp2/gp3 roots: a few become magnetic, st1, or io1 above what gp3 provides.
    const kind = r();
    if (kind < 0.01) v.type = 'standard';
    else if (kind < 0.03) Object.assign(v, { type: 'st1', sizeGb: 500 + Math.floor(r() * 2000) });
    else if (kind < 0.05) Object.assign(v, { type: 'io1', iops: 16_000 + Math.floor(r() * 20_000) });
    if (v.type === 'gp3' && r() < 0.2) {
      v.iops = 3000 + Math.floor(r() * 9000);
      v.throughputMBps = 125 + Math.floor(r() * 500);
    }
    const ops = r() < 0.05 ? 0 : r() * 500;
    v.metrics = {
      VolumeReadOps: metric(ops * DAY),
      VolumeWriteOps: metric(ops * DAY),
      VolumeReadBytes: metric(r() * 20 * 1024 ** 2 * DAY),
      VolumeWriteBytes: metric(r() * 20 * 1024 ** 2 * DAY),
    };
  }
  for (const lg of inv.logGroups) {
    lg.logGroupClass = r() < 0.9 ? 'STANDARD' : 'INFREQUENT_ACCESS';
    lg.metricFilterCount = r() < 0.3 ? 1 : 0;
    lg.metrics = { IncomingBytes: metric(r() * 5 * GIB) };
    if (lg.retentionDays !== undefined && r() < 0.3) lg.retentionDays = 3653;
  }
  for (const t of inv.tables) {
    t.tableSizeBytes = r() * 2000 * GIB;
    t.tableClass = r() < 0.9 ? 'STANDARD' : 'STANDARD_INFREQUENT_ACCESS';
  }
  let i = next;
  for (let n = Math.round(g.total * STORAGE_SHARE.fileSystems); n > 0; n--, i++) {
    const sizeBytes = r() * 2000 * GIB;
    inv.fileSystems.push({
      ...g.base(i, 'fs'),
      lifeCycleState: 'available',
      sizeBytes,
      standardBytes: sizeBytes,
      lifecycle: r() < 0.5 ? {} : { transitionToIa: 'AFTER_30_DAYS' },
      metrics: { ClientConnections: metric(r() < 0.1 ? 0 : r() * 50) },
    });
  }
  for (let n = Math.round(g.total * STORAGE_SHARE.repositories); n > 0; n--, i++) {
    const images = Math.floor(r() * 300);
    inv.repositories.push({
      ...g.base(i, 'repo'),
      hasLifecyclePolicy: r() < 0.5,
      images: {
        total: images,
        bytes: images * 0.5 * GIB,
        olderThan: ECR_AGE_THRESHOLDS.map((days, k) => ({
          days,
          images: images >> (k + 1),
          bytes: (images >> (k + 1)) * 0.5 * GIB,
        })),
      },
    });
  }
}
