/** What the storage rules read alike: sizes in GB from bytes and S3 storage metrics, and their wording. */
import { DAY_SECONDS } from '../domain/dates';
import type { MetricSummary, S3Bucket } from '../domain/resources';
import { S3_STORAGE_TYPES, type S3StorageType } from '../domain/resources-storage';
import { type Estimate, saving } from '../pricing';

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
export const fmt = (n: number): string =>
  (Math.round(n * 100) / 100).toString().replace(/^(\d+)/, (d) => d.replace(/\B(?=(\d{3})+(?!\d))/g, ','));

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
export function onStoppedInstances(
  volume: { accountId: string; attachedInstanceIds: string[] },
  states: Map<string, string>,
): boolean {
  if (volume.attachedInstanceIds.length === 0) return false;
  for (const id of volume.attachedInstanceIds) {
    const s = states.get(`${volume.accountId}/${id}`);
    if (s !== 'stopped' && s !== 'stopping') return false;
  }
  return true;
}

type Instances = readonly { accountId: string; id: string; state: string }[];
/** Built once per inventory's instance list: five storage rules ask for it. */
const statesOf = new WeakMap<Instances, Map<string, string>>();

/** Instance states by `account/id`, for onStoppedInstances. */
export function instanceStates(instances: Instances): Map<string, string> {
  let states = statesOf.get(instances);
  if (!states) {
    states = new Map(instances.map((i) => [`${i.accountId}/${i.id}`, i.state]));
    statesOf.set(instances, states);
  }
  return states;
}

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
