/** S3 buckets (a global list) with their region, tags and lifecycle rules. */
import {
  GetBucketLifecycleConfigurationCommand,
  GetBucketLocationCommand,
  GetBucketTaggingCommand,
  paginateListBuckets,
  S3Client,
} from '@aws-sdk/client-s3';
import type { Aws } from '../../aws';
import type { Note } from '../../domain/note';
import type { ResourceInventory, S3Bucket } from '../../domain/resources';
import { guard } from '../guard';
import { MetricRequests } from './metrics';
import { readIncompleteUploads, wantBucketStorage } from './s3-storage';

/** S3 answers these when a bucket simply has no such configuration: not an error, an empty answer. */
const ABSENT = new Set(['NoSuchLifecycleConfiguration', 'NoSuchTagSet']);

async function orAbsent<T>(read: () => Promise<T>, absent: T): Promise<T> {
  try {
    return await read();
  } catch (err) {
    if (err instanceof Error && ABSENT.has(err.name)) return absent;
    throw err;
  }
}

/**
 * Read every bucket of the account whose region is one of `regions`; with a metric window, also its storage by class
 * (one metrics pass per region holding buckets) and, where no lifecycle rule aborts them, its incomplete uploads.
 */
export async function collectBuckets(
  aws: Aws,
  homeRegion: string,
  accountId: string,
  regions: string[],
  notes: Note[],
  window?: ResourceInventory['metricWindow'],
): Promise<S3Bucket[] | undefined> {
  const home = aws.client(S3Client, homeRegion);
  const listed = await guard(notes, { source: 's3:ListBuckets', accountId }, async () => {
    const all: { name: string; created?: string }[] = [];
    for await (const page of paginateListBuckets({ client: home }, {})) {
      for (const b of page.Buckets ?? [])
        if (b.Name) all.push({ name: b.Name, created: b.CreationDate?.toISOString() });
    }
    return all;
  });
  if (!listed) return undefined;
  const buckets: S3Bucket[] = [];
  const metrics = new Map<string, MetricRequests>();
  for (const b of listed) {
    const location = await guard(notes, { source: 's3:GetBucketLocation', accountId }, () =>
      home.send(new GetBucketLocationCommand({ Bucket: b.name })),
    );
    if (!location) continue;
    // An empty LocationConstraint is us-east-1; "EU" is the legacy name of eu-west-1.
    const raw = location.LocationConstraint as string | undefined;
    const region = !raw ? 'us-east-1' : raw === 'EU' ? 'eu-west-1' : raw;
    if (!regions.includes(region)) continue;
    const client = aws.client(S3Client, region);
    const where = (op: string) => ({ source: `s3:${op}`, region, accountId });
    const tags = await guard(notes, where('GetBucketTagging'), () =>
      orAbsent(async () => (await client.send(new GetBucketTaggingCommand({ Bucket: b.name }))).TagSet ?? [], []),
    );
    const rules = await guard(notes, where('GetBucketLifecycleConfiguration'), () =>
      orAbsent(
        async () => (await client.send(new GetBucketLifecycleConfigurationCommand({ Bucket: b.name }))).Rules ?? [],
        [],
      ),
    );
    const bucket: S3Bucket = {
      accountId,
      region,
      id: b.name,
      arn: `arn:aws:s3:::${b.name}`,
      tags: Object.fromEntries((tags ?? []).map((t) => [t.Key ?? '', t.Value ?? ''])),
      creationDate: b.created,
      lifecycle: rules?.map((r) => ({
        enabled: r.Status === 'Enabled',
        hasTransitionOrExpiration: Boolean(
          r.Expiration ||
            r.Transitions?.length ||
            r.NoncurrentVersionExpiration ||
            r.NoncurrentVersionTransitions?.length,
        ),
        abortsIncompleteUploads: r.AbortIncompleteMultipartUpload?.DaysAfterInitiation !== undefined,
      })),
      tiersObjects: rules?.some((r) => r.Status === 'Enabled' && Boolean(r.Transitions?.length)),
    };
    if (window) {
      if (!metrics.has(region)) metrics.set(region, new MetricRequests());
      wantBucketStorage(metrics.get(region) as MetricRequests, bucket);
    }
    if (bucket.lifecycle && !bucket.lifecycle.some((r) => r.enabled && r.abortsIncompleteUploads)) {
      bucket.incompleteUploads = await readIncompleteUploads(client, b.name, { region, accountId }, notes);
    }
    buckets.push(bucket);
  }
  if (window) for (const [region, wanted] of metrics) await wanted.fetch(aws, region, window, notes);
  return buckets;
}
