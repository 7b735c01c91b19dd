/**
 * What S3 holds in a bucket: its size by storage class and object count (AWS/S3 storage metrics, read through the
 * region's metric batches), and its incomplete multipart uploads where no lifecycle rule aborts them (ListMultipartUploads,
 * then ListParts for the oldest few, so a bucket with thousands of uploads costs a bounded number of calls).
 */
import { ListMultipartUploadsCommand, paginateListParts, type S3Client } from '@aws-sdk/client-s3';
import type { Note } from '../../domain/note';
import type { S3Bucket } from '../../domain/resources';
import { type IncompleteUpload, type IncompleteUploads, S3_STORAGE_TYPES } from '../../domain/resources-storage';
import { guard } from '../guard';
import type { MetricRequests } from './metrics';

/** Uploads listed per bucket (one ListMultipartUploads page). */
export const MAX_UPLOADS_LISTED = 1000;
/** Uploads whose parts are listed and summed per bucket, oldest first; the others are counted, not sized. */
export const MAX_UPLOADS_SIZED = 20;

/** Ask for a bucket's BucketSizeBytes by storage type and its NumberOfObjects (daily storage metrics). */
export function wantBucketStorage(requests: MetricRequests, bucket: S3Bucket): void {
  bucket.storage = {};
  for (const type of S3_STORAGE_TYPES) {
    const target = {};
    bucket.storage[type] = target;
    requests.want(target, 'AWS/S3', 'BucketSizeBytes', { BucketName: bucket.id, StorageType: type }, 'gauge');
  }
  requests.want(
    bucket,
    'AWS/S3',
    'NumberOfObjects',
    { BucketName: bucket.id, StorageType: 'AllStorageTypes' },
    'gauge',
  );
}

/** The incomplete multipart uploads of a bucket, the oldest MAX_UPLOADS_SIZED sized from their parts. */
export async function readIncompleteUploads(
  client: S3Client,
  bucket: string,
  where: { region: string; accountId: string },
  notes: Note[],
): Promise<IncompleteUploads | undefined> {
  const listed = await guard(notes, { source: 's3:ListMultipartUploads', ...where }, () =>
    client.send(new ListMultipartUploadsCommand({ Bucket: bucket, MaxUploads: MAX_UPLOADS_LISTED })),
  );
  if (!listed) return undefined;
  const raw = (listed.Uploads ?? [])
    .filter((u) => u.Key && u.UploadId && u.Initiated)
    .sort((a, b) => (a.Initiated?.getTime() ?? 0) - (b.Initiated?.getTime() ?? 0));
  const uploads: IncompleteUpload[] = [];
  for (const [n, u] of raw.entries()) {
    const upload: IncompleteUpload = {
      initiated: u.Initiated?.toISOString() ?? '',
      storageClass: u.StorageClass ?? 'STANDARD',
    };
    if (n < MAX_UPLOADS_SIZED) {
      const bytes = await guard(notes, { source: 's3:ListParts', ...where }, async () => {
        let total = 0;
        for await (const page of paginateListParts({ client }, { Bucket: bucket, Key: u.Key, UploadId: u.UploadId })) {
          for (const p of page.Parts ?? []) total += p.Size ?? 0;
        }
        return total;
      });
      if (bytes !== undefined) upload.bytes = bytes;
    }
    uploads.push(upload);
  }
  return { uploads, truncated: listed.IsTruncated === true };
}
