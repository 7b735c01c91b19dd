/**
 * Storage kinds and the storage fields of existing kinds (S3 storage by class, incomplete multipart uploads, EFS
 * lifecycle, ECR repositories): the types the storage rules judge. A field that could not be read is undefined,
 * never 0 or [], so rules tell "nothing there" from "not read".
 */

/** The CloudWatch metrics the storage collectors read (S3 storage, EBS volume I/O, log ingestion). */
export const STORAGE_METRIC_NAMES = [
  'BucketSizeBytes',
  'NumberOfObjects',
  'VolumeReadOps',
  'VolumeWriteOps',
  'VolumeReadBytes',
  'VolumeWriteBytes',
  'IncomingBytes',
] as const;

/** The `StorageType` dimensions of AWS/S3 BucketSizeBytes the S3 collector reads. */
export const S3_STORAGE_TYPES = [
  'StandardStorage',
  'StandardIAStorage',
  'OneZoneIAStorage',
  'IntelligentTieringFAStorage',
  'IntelligentTieringIAStorage',
  'GlacierInstantRetrievalStorage',
  'GlacierStorage',
  'DeepArchiveStorage',
] as const;
export type S3StorageType = (typeof S3_STORAGE_TYPES)[number];

/** A bucket's AWS/S3 BucketSizeBytes by storage type (a daily gauge: S3 publishes no datapoint for an empty class). */
export type S3StorageByType<M> = Partial<Record<S3StorageType, { metrics?: M }>>;

/** An incomplete multipart upload of a bucket, as ListMultipartUploads and ListParts report it. */
export interface IncompleteUpload {
  initiated: string;
  /** STANDARD, STANDARD_IA, ...: the class its parts are billed at. */
  storageClass: string;
  /** Sum of its parts' sizes (ListParts); undefined when its parts were not listed (over the cap, or denied). */
  bytes?: number;
}

/** A bucket's incomplete multipart uploads, read only where no lifecycle rule aborts them. */
export interface IncompleteUploads {
  uploads: IncompleteUpload[];
  /** More uploads exist than were listed (the listing is capped per bucket). */
  truncated: boolean;
}

/** EFS lifecycle policies (DescribeLifecycleConfiguration): the transition to Infrequent Access, if any. */
export interface EfsLifecycle {
  /** TransitionToIA, e.g. AFTER_30_DAYS; undefined when no policy moves files to IA. */
  transitionToIa?: string;
}

/** ECR images pushed more than `days` ago (cumulative: each threshold counts every image older than it). */
export interface EcrImageAge {
  days: number;
  images: number;
  bytes: number;
}

/** The age thresholds the ECR collector sums image sizes over. */
export const ECR_AGE_THRESHOLDS = [30, 90, 180, 365] as const;

/** An ECR repository's own fields (resources.ts adds ResourceBase: the repository name is its id). */
export interface EcrRepositoryFields {
  createdAt?: string;
  /** Whether a lifecycle policy is set (GetLifecyclePolicy); undefined when it could not be read. */
  hasLifecyclePolicy?: boolean;
  /** Images and bytes (DescribeImages imageSizeInBytes) by age; undefined when the images could not be listed. */
  images?: { total: number; bytes: number; olderThan: EcrImageAge[] };
}
