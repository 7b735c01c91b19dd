/** The storage reads: S3 storage by class and incomplete uploads, and the storage fields of other collectors. */

import { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import { CloudWatchClient, GetMetricDataCommand, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  ListTagsOfResourceCommand,
} from '@aws-sdk/client-dynamodb';
import { DescribeVolumesCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  DescribeImagesCommand,
  DescribeRepositoriesCommand,
  ECRClient,
  GetLifecyclePolicyCommand,
} from '@aws-sdk/client-ecr';
import { DescribeFileSystemsCommand, DescribeLifecycleConfigurationCommand, EFSClient } from '@aws-sdk/client-efs';
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
import { collectTables } from '../../../src/collect/inventory/dynamodb';
import { collectEc2 } from '../../../src/collect/inventory/ec2';
import { collectRepositories } from '../../../src/collect/inventory/ecr';
import { collectFileSystems } from '../../../src/collect/inventory/efs';
import { collectLogGroups } from '../../../src/collect/inventory/logs';
import { MetricRequests } from '../../../src/collect/inventory/metrics';
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

const ecr = mockClient(ECRClient);
const efs = mockClient(EFSClient);
const logs = mockClient(CloudWatchLogsClient);
const dynamodb = mockClient(DynamoDBClient);
const autoscaling = mockClient(ApplicationAutoScalingClient);
const ec2 = mockClient(EC2Client);
afterEach(() => {
  for (const m of [ecr, efs, logs, dynamodb, autoscaling, ec2]) m.reset();
});

const context = (notes: Note[] = []) => ({
  aws: live(),
  region: 'us-east-1',
  accountId: '111111111111',
  asOf: '2026-11-20',
  notes,
  metrics: new MetricRequests(),
});
const daysBefore = (n: number) => new Date(Date.parse('2026-11-20T00:00:00Z') - n * 86_400_000);

describe('collectRepositories', () => {
  it('reads every page of repositories and images, and sums image sizes by days since last push or pull', async () => {
    ecr
      .on(DescribeRepositoriesCommand)
      .resolvesOnce({
        repositories: [{ repositoryName: 'a', repositoryArn: 'arn:aws:ecr:us-east-1:111111111111:repository/a' }],
        nextToken: 't',
      })
      .resolves({ repositories: [{ repositoryName: 'kept' }, { repositoryName: 'denied' }] });
    ecr
      .on(GetLifecyclePolicyCommand, { repositoryName: 'a' })
      .rejects(awsError('LifecyclePolicyNotFoundException', 'none'));
    ecr.on(GetLifecyclePolicyCommand, { repositoryName: 'kept' }).resolves({ lifecyclePolicyText: '{}' });
    ecr.on(GetLifecyclePolicyCommand, { repositoryName: 'denied' }).rejects(awsError('AccessDeniedException', 'no'));
    ecr
      .on(DescribeImagesCommand)
      .resolvesOnce({
        imageDetails: [
          // Pushed 400 days ago, pulled 100 days ago: idle 100 days.
          { imageSizeInBytes: 2 * GIB, imagePushedAt: daysBefore(400), lastRecordedPullTime: daysBefore(100) },
          { imageSizeInBytes: GIB, imagePushedAt: daysBefore(40) },
        ],
        nextToken: 'i2',
      })
      .resolves({ imageDetails: [{ imageSizeInBytes: GIB, imagePushedAt: daysBefore(2) }] });
    const notes: Note[] = [];
    const { repositories } = await collectRepositories(context(notes));
    expect(repositories?.map((r) => [r.id, r.hasLifecyclePolicy])).toEqual([
      ['a', false],
      ['kept', true],
      ['denied', undefined],
    ]);
    expect(repositories?.[0]?.images).toEqual({
      total: 3,
      bytes: 4 * GIB,
      olderThan: [
        { days: 30, images: 2, bytes: 3 * GIB },
        { days: 90, images: 1, bytes: 2 * GIB },
        { days: 180, images: 0, bytes: 0 },
        { days: 365, images: 0, bytes: 0 },
      ],
    });
    // Images are read only where no policy expires them, every page (the paginator reuses its input object).
    const reads = ecr.commandCalls(DescribeImagesCommand).map((c) => c.args[0].input.repositoryName);
    expect(reads).toEqual(['a', 'a']);
    expect(notes.map((n) => [n.kind, n.source])).toEqual([['denied', 'ecr:GetLifecyclePolicy']]);
  });
});

/** A file system as DescribeFileSystems gives it. */
const fileSystem = (id: string, size: { Value: number; ValueInStandard?: number }) => ({
  FileSystemId: id,
  OwnerId: '111111111111',
  CreationToken: id,
  CreationTime: daysBefore(100),
  LifeCycleState: 'available' as const,
  NumberOfMountTargets: 1,
  SizeInBytes: size,
  PerformanceMode: 'generalPurpose' as const,
  Tags: [],
});

describe('storage fields of the EFS, Logs, DynamoDB and EC2 collectors', () => {
  it('reads EFS Standard bytes and each file system lifecycle, a refused one left unread', async () => {
    efs.on(DescribeFileSystemsCommand).resolves({
      FileSystems: [
        fileSystem('fs-1', { Value: 3 * GIB, ValueInStandard: 2 * GIB }),
        fileSystem('fs-2', { Value: GIB }),
        fileSystem('fs-3', { Value: GIB }),
      ],
    });
    efs.on(DescribeLifecycleConfigurationCommand, { FileSystemId: 'fs-1' }).resolves({
      LifecyclePolicies: [{ TransitionToIA: 'AFTER_30_DAYS' }, { TransitionToPrimaryStorageClass: 'AFTER_1_ACCESS' }],
    });
    efs.on(DescribeLifecycleConfigurationCommand, { FileSystemId: 'fs-2' }).resolves({ LifecyclePolicies: [] });
    efs.on(DescribeLifecycleConfigurationCommand, { FileSystemId: 'fs-3' }).rejects(awsError('AccessDenied', 'no'));
    const notes: Note[] = [];
    const { fileSystems } = await collectFileSystems(context(notes));
    expect(fileSystems?.map((f) => [f.id, f.standardBytes, f.lifecycle])).toEqual([
      ['fs-1', 2 * GIB, { transitionToIa: 'AFTER_30_DAYS' }],
      ['fs-2', undefined, {}],
      ['fs-3', undefined, undefined],
    ]);
    expect(notes.map((n) => n.source)).toEqual(['elasticfilesystem:DescribeLifecycleConfiguration']);
  });

  it('reads log group class and metric filters, and asks ingestion for groups not already Infrequent Access', async () => {
    logs.on(DescribeLogGroupsCommand).resolves({
      logGroups: [
        { logGroupName: '/a', logGroupClass: 'STANDARD', metricFilterCount: 0, storedBytes: 1 },
        { logGroupName: '/b', logGroupClass: 'INFREQUENT_ACCESS', metricFilterCount: 0 },
      ],
    });
    const ctx = context();
    const { logGroups } = await collectLogGroups(ctx);
    expect(logGroups?.map((g) => [g.id, g.logGroupClass, g.metricFilterCount])).toEqual([
      ['/a', 'STANDARD', 0],
      ['/b', 'INFREQUENT_ACCESS', 0],
    ]);
    expect(ctx.metrics.wants.map((w) => [w.namespace, w.metricName, w.dimensions, w.kind])).toEqual([
      ['AWS/Logs', 'IncomingBytes', { LogGroupName: '/a' }, 'count'],
    ]);
  });

  it('reads DynamoDB table size and class, Standard when DescribeTable leaves the class out', async () => {
    dynamodb.on(ListTablesCommand).resolves({ TableNames: ['t1', 't2'] });
    dynamodb
      .on(DescribeTableCommand, { TableName: 't1' })
      .resolves({ Table: { TableName: 't1', TableSizeBytes: 5 * GIB } });
    dynamodb.on(DescribeTableCommand, { TableName: 't2' }).resolves({
      Table: { TableName: 't2', TableSizeBytes: 7, TableClassSummary: { TableClass: 'STANDARD_INFREQUENT_ACCESS' } },
    });
    dynamodb.on(ListTagsOfResourceCommand).resolves({ Tags: [] });
    autoscaling.onAnyCommand().resolves({});
    const { tables } = await collectTables(context());
    expect(tables?.map((t) => [t.id, t.tableSizeBytes, t.tableClass])).toEqual([
      ['t1', 5 * GIB, 'STANDARD'],
      ['t2', 7, 'STANDARD_INFREQUENT_ACCESS'],
    ]);
  });

  it('asks the I/O of attached volumes only', async () => {
    ec2.onAnyCommand().resolves({});
    ec2.on(DescribeVolumesCommand).resolves({
      Volumes: [
        { VolumeId: 'vol-in', State: 'in-use', VolumeType: 'gp3', Size: 10 },
        { VolumeId: 'vol-free', State: 'available', VolumeType: 'gp3', Size: 10 },
      ],
    });
    const ctx = context();
    await collectEc2(ctx);
    const volumeWants = ctx.metrics.wants.filter((w) => w.namespace === 'AWS/EBS');
    expect(volumeWants.map((w) => [w.metricName, w.dimensions.VolumeId, w.kind])).toEqual([
      ['VolumeReadOps', 'vol-in', 'count'],
      ['VolumeWriteOps', 'vol-in', 'count'],
      ['VolumeReadBytes', 'vol-in', 'count'],
      ['VolumeWriteBytes', 'vol-in', 'count'],
    ]);
  });
});

describe('metric query ids and account ids in dimension values', () => {
  const sentIds = async (buckets: string[]) => {
    cw.reset();
    metricsBy((q) => (dims(q).BucketName?.startsWith('logs-2') ? 2 : 1));
    const requests = new MetricRequests();
    const targets = buckets.map(() => ({}) as { metrics?: Record<string, { average: number }> });
    for (const [n, b] of buckets.entries()) {
      requests.want(
        targets[n] as object,
        'AWS/S3',
        'NumberOfObjects',
        { BucketName: b, StorageType: 'AllStorageTypes' },
        'gauge',
      );
    }
    await requests.fetch(live(), 'us-east-1', WINDOW, []);
    const ids = cw
      .commandCalls(GetMetricDataCommand)
      .flatMap((c) => c.args[0].input.MetricDataQueries?.map((q) => q.Id));
    return { ids, averages: targets.map((t) => t.metrics?.NumberOfObjects?.average) };
  };

  it('are the same once a cassette scrubbed the account ids, and still tell apart names differing only by one', async () => {
    const real = await sentIds(['logs-111111111111']);
    const scrubbed = await sentIds(['logs-100000000001']);
    expect(scrubbed.ids).toEqual(real.ids);
    const twins = await sentIds(['logs-111111111111', 'logs-222222222222']);
    expect(new Set(twins.ids).size).toBe(4);
    expect(twins.averages).toEqual([1, 2]);
  });
});
