/** What the storage rules read alike: sizes in GB from bytes and S3 storage metrics, and their wording. */
import { DAY_SECONDS } from '../domain/dates';
import { groupThousands } from '../domain/money';
import type { Ami, EbsSnapshot, EbsVolume, MetricSummary, ResourceInventory, S3Bucket } from '../domain/resources';
import { S3_STORAGE_TYPES, type S3StorageType } from '../domain/resources-storage';
import { type Estimate, saving } from '../pricing';
import { type ByAccount, byAccount, perList } from './rules/define-rule';

/** AWS bills storage in GB of 2^30 bytes. */
export const GIB = 1024 ** 3;

/** Bytes as GB, to the cent of a GB (so bases and reasons quote what was priced). */
export const toGb = (bytes: number): number => Math.round((bytes / GIB) * 100) / 100;

/**
 * A bucket's GB in one storage type, averaged over the window: undefined when the metric was not read, 0 when it was
 * read with no datapoint (S3 publishes none for a class that holds nothing).
 */
export function bucketGb(bucket: S3Bucket, type: S3StorageType): number | undefined {
  const m = bucket.storage?.[type]?.metrics?.BucketSizeBytes;
  if (!m) return undefined;
  return m.datapoints > 0 ? toGb(m.average) : 0;
}

/** A bucket's GB over every storage type read (undefined when none was read). */
export function bucketTotalGb(bucket: S3Bucket): number | undefined {
  const each = S3_STORAGE_TYPES.map((t) => bucketGb(bucket, t)).filter((g): g is number => g !== undefined);
  return each.length ? each.reduce((a, b) => a + b, 0) : undefined;
}

/** Standard-IA bills every object as at least 128 KB: smaller objects can cost more there than in Standard. */
export const IA_MIN_OBJECT_KB = 128;

/** A bucket's mean object size in KB, when both its size and its object count (NumberOfObjects) were read. */
export function meanObjectKb(bucket: S3Bucket, objects: MetricSummary | undefined): number | undefined {
  const total = bucketTotalGb(bucket);
  if (total === undefined || !objects || objects.datapoints === 0 || objects.average <= 0) return undefined;
  return (total * 1024 * 1024) / objects.average;
}

/** A number with thousands separators and at most two decimals (reasons). */
export const fmt = (n: number): string => groupThousands((Math.round(n * 100) / 100).toString());

export const MIB = 1024 ** 2;

/**
 * The busiest day's average rate of two daily counts added (reads and writes), per second: an upper bound of that
 * day's mean, since the two maxima may fall on different days. Undefined when either was not read.
 */
export function busiestDayPerSecond(a: MetricSummary | undefined, b: MetricSummary | undefined): number | undefined {
  if (!a || !b) return undefined;
  return (a.maximum + b.maximum) / DAY_SECONDS;
}

/** Whether every instance a volume is attached to is known and stopped (ebs-volume-on-stopped-instance's case). */
function onStoppedInstances(volume: EbsVolume, instances: ByAccount<{ state: string }>): boolean {
  if (volume.attachedInstanceIds.length === 0) return false;
  const inAccount = instances.get(volume.accountId);
  for (const id of volume.attachedInstanceIds) {
    const s = inAccount?.get(id)?.state;
    if (s !== 'stopped' && s !== 'stopping') return false;
  }
  return true;
}

const onStoppedOf = (resources: ResourceInventory): Set<EbsVolume> => {
  const instances = byAccount(resources.instances);
  return new Set(resources.volumes.filter((v) => onStoppedInstances(v, instances)));
};

/**
 * The volumes attached only to known, stopped instances, worked out once per inventory: the storage rules leave those
 * to ebs-volume-on-stopped-instance, and each of them asks for every volume.
 */
export const volumesOnStoppedInstances = (resources: ResourceInventory): Set<EbsVolume> =>
  perList(resources, onStoppedOf);

const withVolumeOf = (resources: ResourceInventory): Set<EbsSnapshot> => {
  const volumes = new Set(resources.volumes.map((v) => `${v.accountId}/${v.region}/${v.id}`));
  return new Set(
    resources.snapshots.filter((s) => s.volumeId && volumes.has(`${s.accountId}/${s.region}/${s.volumeId}`)),
  );
};

/** The snapshots whose volume the inventory still holds (same account and region), once per inventory. */
export const snapshotsWithVolume = (resources: ResourceInventory): Set<EbsSnapshot> => perList(resources, withVolumeOf);

const snapshotIdsOf = (images: readonly Ami[]): Set<string> => new Set(images.flatMap((i) => i.snapshotIds));

/** The snapshots the AMIs are made of, built once per inventory (the snapshot rules leave those to the AMIs). */
export const imageSnapshotIds = (images: readonly Ami[]): Set<string> => perList(images, snapshotIdsOf);

/** An estimate whose quantity rests on an assumption: the basis names it. */
export const assumed = (e: Estimate, why: string): Estimate => ({
  ...e,
  basis: `${e.basis}, the quantity being ${why}`,
});

/** A saving less a cost it brings (a monitoring fee, dearer requests), never below zero; the basis shows both. */
export function less(gross: Estimate, cost: Estimate): Estimate {
  const net = saving(gross, cost);
  return {
    ...net,
    basis: `(${gross.basis}) = $${gross.monthlyUsd.toFixed(2)}, less (${cost.basis}) = $${cost.monthlyUsd.toFixed(2)}`,
  };
}
