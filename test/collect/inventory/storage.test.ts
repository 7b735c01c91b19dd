/** The storage reads: S3 storage by class and incomplete uploads, and the storage fields of other collectors. */
import { CloudWatchClient, GetMetricDataCommand, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import {
  GetBucketLifecycleConfigurationCommand,
  GetBucketLocationCommand,
  GetBucketTaggingCommand,
  ListBucketsCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { createAws } from '../../../src/aws';
import { awsError } from '../../../src/aws/replay';
import { collectBuckets } from '../../../src/collect/inventory/s3';
import { MAX_UPLOADS_SIZED } from '../../../src/collect/inventory/s3-storage';
import type { Note } from '../../../src/domain/note';

const s3 = mockClient(S3Client);
const cw = mockClient(CloudWatchClient);
const WINDOW = { days: 14, start: '2026-11-06', end: '2026-11-20' };
const GIB = 1024 ** 3;
const live = () => createAws({ mode: 'live', homeRegion: 'us-east-1' });

afterEach(() => {
  s3.reset();
  cw.reset();
});

/** CloudWatch answering each query with a level picked from its metric and dimensions. */
function metricsBy(level: (q: MetricDataQuery) => number | undefined) {
  cw.on(GetMetricDataCommand).callsFake((input) => ({
    MetricDataResults: input.MetricDataQueries.map((q: MetricDataQuery) => {
      const v = level(q);
      return { Id: q.Id, Values: v === undefined ? [] : [v, v], Timestamps: [] };
    }),
  }));
}
const dims = (q: MetricDataQuery) =>
  Object.fromEntries((q.MetricStat?.Metric?.Dimensions ?? []).map((d) => [d.Name, d.Value]));

describe('collectBuckets (storage)', () => {
  it('reads storage by class, object counts and, where nothing aborts them, incomplete uploads with their parts', async () => {
    s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'bare' }, { Name: 'tidy' }] });
    s3.on(GetBucketLocationCommand).resolves({ LocationConstraint: 'eu-west-1' });
    s3.on(GetBucketTaggingCommand).rejects(awsError('NoSuchTagSet', 'The TagSet does not exist'));
    s3.on(GetBucketLifecycleConfigurationCommand, { Bucket: 'bare' }).rejects(
      awsError('NoSuchLifecycleConfiguration', 'none'),
    );
    s3.on(GetBucketLifecycleConfigurationCommand, { Bucket: 'tidy' }).resolves({
      Rules: [
        {
          Status: 'Enabled',
          Transitions: [{ Days: 30, StorageClass: 'STANDARD_IA' }],
          AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
        },
      ],
    });
    const uploads = Array.from({ length: MAX_UPLOADS_SIZED + 5 }, (_, n) => ({
      Key: `k${n}`,
      UploadId: `u${n}`,
      // Newest first, so the collector must sort to size the oldest.
      Initiated: new Date(Date.parse('2026-11-01T00:00:00Z') - n * 86_400_000),
      StorageClass: 'STANDARD' as const,
    }));
    s3.on(ListMultipartUploadsCommand).resolves({ Uploads: uploads, IsTruncated: true });
    s3.on(ListPartsCommand)
      .resolvesOnce({ Parts: [{ PartNumber: 1, Size: GIB }], IsTruncated: true, NextPartNumberMarker: '1' })
      .resolves({ Parts: [{ PartNumber: 2, Size: 2 * GIB }], IsTruncated: false });
    metricsBy((q) => {
      const d = dims(q);
      if (q.MetricStat?.Metric?.MetricName === 'NumberOfObjects') return 1000;
      return d.StorageType === 'StandardStorage' ? 100 * GIB : undefined;
    });
    const notes: Note[] = [];
    const buckets = await collectBuckets(live(), 'us-east-1', '1', ['eu-west-1'], notes, WINDOW);
    expect(notes).toEqual([]);
    const [bare, tidy] = buckets ?? [];
    expect(bare?.storage?.StandardStorage?.metrics?.BucketSizeBytes).toMatchObject({
      average: 100 * GIB,
      datapoints: 2,
    });
    expect(bare?.storage?.GlacierStorage?.metrics?.BucketSizeBytes).toMatchObject({ datapoints: 0 });
    expect(bare?.metrics?.NumberOfObjects?.average).toBe(1000);
    expect(bare?.tiersObjects).toBe(false);
    expect(tidy?.tiersObjects).toBe(true);
    // Only the bucket with no abort rule is listed; its oldest MAX_UPLOADS_SIZED uploads are sized, every page.
    expect(s3.commandCalls(ListMultipartUploadsCommand).map((c) => c.args[0].input.Bucket)).toEqual(['bare']);
    expect(tidy?.incompleteUploads).toBeUndefined();
    const listed = bare?.incompleteUploads;
    expect(listed?.truncated).toBe(true);
    expect(listed?.uploads).toHaveLength(MAX_UPLOADS_SIZED + 5);
    expect(listed?.uploads[0]).toEqual({
      initiated: '2026-10-08T00:00:00.000Z',
      storageClass: 'STANDARD',
      bytes: 3 * GIB,
    });
    expect(listed?.uploads.filter((u) => u.bytes !== undefined)).toHaveLength(MAX_UPLOADS_SIZED);
    expect(s3.commandCalls(ListPartsCommand)[1]?.args[0].input).toMatchObject({ PartNumberMarker: '1' });
    // Both buckets in one region: one metrics pass, 9 queries each (8 storage types and the object count).
    const calls = cw.commandCalls(GetMetricDataCommand);
    expect(calls.map((c) => c.args[0].input.MetricDataQueries?.length)).toEqual([36]);
  });

  it('leaves storage and uploads unread, with notes, when they are denied', async () => {
    s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'bare' }] });
    s3.on(GetBucketLocationCommand).resolves({});
    s3.on(GetBucketTaggingCommand).resolves({ TagSet: [] });
    s3.on(GetBucketLifecycleConfigurationCommand).resolves({ Rules: [] });
    s3.on(ListMultipartUploadsCommand).rejects(awsError('AccessDenied', 'Access Denied'));
    cw.on(GetMetricDataCommand).rejects(awsError('AccessDenied', 'not authorized'));
    const notes: Note[] = [];
    const [bare] = (await collectBuckets(live(), 'us-east-1', '1', ['us-east-1'], notes, WINDOW)) ?? [];
    expect(bare?.incompleteUploads).toBeUndefined();
    expect(bare?.storage?.StandardStorage?.metrics).toBeUndefined();
    expect(notes.map((n) => [n.kind, n.source])).toEqual([
      ['denied', 's3:ListMultipartUploads'],
      ['denied', 'cloudwatch:GetMetricData'],
    ]);
  });
});
