import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import { CloudWatchClient, DescribeAlarmsCommand, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeAddressesCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeNatGatewaysCommand,
  DescribeRegionsCommand,
  DescribeReservedInstancesCommand,
  DescribeSnapshotsCommand,
  DescribeSpotPriceHistoryCommand,
  DescribeTransitGatewayAttachmentsCommand,
  DescribeVolumesCommand,
  DescribeVpcEndpointsCommand,
  EC2Client,
  type Instance,
} from '@aws-sdk/client-ec2';
import { ECRClient } from '@aws-sdk/client-ecr';
import { ECSClient } from '@aws-sdk/client-ecs';
import { DescribeFileSystemsCommand, EFSClient } from '@aws-sdk/client-efs';
import { EKSClient } from '@aws-sdk/client-eks';
import { ElasticLoadBalancingClient } from '@aws-sdk/client-elastic-load-balancing';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { KinesisClient } from '@aws-sdk/client-kinesis';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { OpenSearchClient } from '@aws-sdk/client-opensearch';
import { GetProductsCommand, PricingClient } from '@aws-sdk/client-pricing';
import { DescribeDBInstancesCommand, RDSClient } from '@aws-sdk/client-rds';
import { RedshiftClient } from '@aws-sdk/client-redshift';
import { Route53Client } from '@aws-sdk/client-route-53';
import {
  GetBucketLifecycleConfigurationCommand,
  GetBucketLocationCommand,
  GetBucketTaggingCommand,
  ListBucketsCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { type AwsStub, mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAws } from '../../src/aws';
import { awsError } from '../../src/aws/replay';
import { collectResources, mapBounded } from '../../src/collect/inventory';
import { stoppedSince } from '../../src/collect/inventory/ec2';
import { MAX_QUERIES_PER_CALL } from '../../src/collect/inventory/metrics';
import type { Note } from '../../src/domain/note';

const AS_OF = '2026-11-20';
const ec2 = mockClient(EC2Client);
const cw = mockClient(CloudWatchClient);
const rds = mockClient(RDSClient);
const s3 = mockClient(S3Client);
const pricing = mockClient(PricingClient);
const efs = mockClient(EFSClient);
/** Services these tests do not look at: they answer empty. */
const others = [
  mockClient(ElasticLoadBalancingV2Client),
  mockClient(ElasticLoadBalancingClient),
  mockClient(CloudWatchLogsClient),
  mockClient(LambdaClient),
  mockClient(DynamoDBClient),
  mockClient(ApplicationAutoScalingClient),
  mockClient(ElastiCacheClient),
  mockClient(Route53Client),
  mockClient(AutoScalingClient),
  mockClient(EKSClient),
  mockClient(ECSClient),
  mockClient(APIGatewayClient),
  mockClient(RedshiftClient),
  mockClient(KinesisClient),
  mockClient(ECRClient),
  mockClient(SageMakerClient),
  mockClient(OpenSearchClient),
] as unknown as AwsStub<object, { $metadata: object }, object>[];
const all = [ec2, cw, rds, s3, pricing, efs, ...others];

/** An instance as DescribeInstances gives it. */
const instance = (n: number): Instance => ({
  InstanceId: `i-${String(n).padStart(17, '0')}`,
  InstanceType: 'm5.large',
  State: { Code: 16, Name: 'running' },
  LaunchTime: new Date('2026-10-01T00:00:00Z'),
  Tags: [{ Key: 'owner', Value: 'alice' }],
});

beforeEach(() => {
  // Every service answers empty unless a test says otherwise.
  for (const m of others) m.onAnyCommand().resolves({});
  for (const c of [DescribeVolumesCommand, DescribeSnapshotsCommand, DescribeImagesCommand, DescribeAddressesCommand]) {
    ec2.on(c).resolves({});
  }
  ec2.on(DescribeNatGatewaysCommand).resolves({});
  ec2.on(DescribeReservedInstancesCommand).resolves({});
  ec2.on(DescribeInstancesCommand).resolves({});
  ec2.on(DescribeVpcEndpointsCommand).resolves({});
  ec2.on(DescribeTransitGatewayAttachmentsCommand).resolves({});
  cw.on(DescribeAlarmsCommand).resolves({});
  ec2.on(DescribeSpotPriceHistoryCommand).resolves({});
  rds.onAnyCommand().resolves({});
  efs.onAnyCommand().resolves({});
  s3.on(ListBucketsCommand).resolves({ Buckets: [] });
  cw.on(GetMetricDataCommand).callsFake((input) => ({
    MetricDataResults: input.MetricDataQueries.map((q: { Id: string }) => ({
      Id: q.Id,
      Values: [5, 7],
      Timestamps: [],
    })),
  }));
});
afterEach(() => {
  for (const m of all) m.reset();
});

const live = () => createAws({ mode: 'live', homeRegion: 'us-east-1' });

describe('collectResources', () => {
  it('reads every page of instances and asks CloudWatch in batches of at most 500 queries', async () => {
    const many = Array.from({ length: 300 }, (_, i) => instance(i));
    ec2
      .on(DescribeInstancesCommand)
      .resolvesOnce({ Reservations: [{ OwnerId: '111111111111', Instances: many.slice(0, 200) }], NextToken: 'p2' })
      .resolvesOnce({ Reservations: [{ OwnerId: '111111111111', Instances: many.slice(200) }] });
    const notes: Note[] = [];
    const inv = await collectResources(live(), { regions: ['us-east-1'] }, notes, {
      asOf: AS_OF,
      accountId: '111111111111',
    });
    expect(inv.instances).toHaveLength(300);
    expect(ec2.commandCalls(DescribeInstancesCommand)[1]?.args[0].input).toMatchObject({ NextToken: 'p2' });
    // 300 instances × (Average + Maximum) = 600 queries: two calls.
    const calls = cw.commandCalls(GetMetricDataCommand);
    expect(calls.map((c) => c.args[0].input.MetricDataQueries?.length)).toEqual([MAX_QUERIES_PER_CALL, 100]);
    expect(calls[0]?.args[0].input).toMatchObject({
      StartTime: new Date('2026-11-06T00:00:00Z'),
      EndTime: new Date('2026-11-20T00:00:00Z'),
    });
    expect(inv.instances[299]?.metrics?.CPUUtilization).toEqual({
      average: 6,
      maximum: 7,
      maxDailyAverage: 7,
      sum: 12,
      datapoints: 2,
    });
    expect(inv.metricWindow).toEqual({ days: 14, start: '2026-11-06', end: AS_OF });
    expect(notes).toEqual([]);
  });

  it('reads every page of EFS file systems with their metered size, tags and ClientConnections', async () => {
    const fs = (n: number) => ({
      FileSystemId: `fs-${n}`,
      FileSystemArn: `arn:aws:elasticfilesystem:us-east-1:222222222222:file-system/fs-${n}`,
      OwnerId: '222222222222',
      CreationToken: `t${n}`,
      CreationTime: new Date('2026-01-01T00:00:00Z'),
      LifeCycleState: 'available' as const,
      NumberOfMountTargets: 1,
      SizeInBytes: { Value: n * 1024 ** 3 },
      PerformanceMode: 'generalPurpose' as const,
      Tags: [{ Key: 'team', Value: 'erp' }],
    });
    efs.on(DescribeFileSystemsCommand).resolves({ FileSystems: [fs(1)], NextMarker: 'p2' });
    efs.on(DescribeFileSystemsCommand, { Marker: 'p2' }).resolves({ FileSystems: [fs(2)] });
    const notes: Note[] = [];
    const inv = await collectResources(live(), { regions: ['us-east-1'] }, notes, { asOf: AS_OF, accountId: '1' });
    expect(notes).toEqual([]);
    expect(inv.fileSystems.map((f) => [f.id, f.accountId, f.sizeBytes, f.tags.team])).toEqual([
      ['fs-1', '222222222222', 1024 ** 3, 'erp'],
      ['fs-2', '222222222222', 2 * 1024 ** 3, 'erp'],
    ]);
    expect(inv.fileSystems[0]?.metrics?.ClientConnections?.sum).toBe(12);
  });

  it('leaves metrics undefined, never zero, when CloudWatch is denied, and says so', async () => {
    ec2.on(DescribeInstancesCommand).resolves({ Reservations: [{ Instances: [instance(1)] }] });
    cw.on(GetMetricDataCommand).rejects(awsError('AccessDenied', 'not allowed: cloudwatch:GetMetricData'));
    const notes: Note[] = [];
    const inv = await collectResources(live(), { regions: ['us-east-1'] }, notes, { asOf: AS_OF, accountId: '1' });
    expect(inv.instances[0]?.metrics).toBeUndefined();
    expect(notes).toEqual([expect.objectContaining({ kind: 'denied', source: 'cloudwatch:GetMetricData' })]);
  });

  it('turns a denied service into a note and reads the others', async () => {
    ec2.on(DescribeInstancesCommand).resolves({ Reservations: [{ Instances: [instance(1)] }] });
    rds.on(DescribeDBInstancesCommand).rejects(awsError('AccessDenied', 'rds:DescribeDBInstances denied'));
    const notes: Note[] = [];
    const inv = await collectResources(live(), { regions: ['us-east-1'] }, notes, { asOf: AS_OF, accountId: '1' });
    expect(inv.instances).toHaveLength(1);
    expect(inv.dbInstances).toEqual([]);
    expect(notes).toEqual([
      expect.objectContaining({ kind: 'denied', source: 'rds:DescribeDBInstances', region: 'us-east-1' }),
    ]);
  });

  it('discovers enabled regions and makes a denied one a single note', async () => {
    ec2.on(DescribeRegionsCommand).resolves({
      Regions: [
        { RegionName: 'us-east-1', OptInStatus: 'opt-in-not-required' },
        { RegionName: 'me-south-1', OptInStatus: 'not-opted-in' },
        { RegionName: 'eu-south-1', OptInStatus: 'opted-in' },
      ],
    });
    ec2.on(DescribeInstancesCommand).callsFake(async (_input, getClient) => {
      if ((await getClient().config.region()) === 'eu-south-1') throw awsError('AuthFailure', 'region is disabled');
      return { Reservations: [{ Instances: [instance(1)] }] };
    });
    for (const c of [
      DescribeVolumesCommand,
      DescribeSnapshotsCommand,
      DescribeImagesCommand,
      DescribeAddressesCommand,
      DescribeNatGatewaysCommand,
      DescribeReservedInstancesCommand,
    ]) {
      ec2.on(c).callsFake(async (_input, getClient) => {
        if ((await getClient().config.region()) === 'eu-south-1') throw awsError('AuthFailure', 'region is disabled');
        return {};
      });
    }
    const notes: Note[] = [];
    const inv = await collectResources(live(), {}, notes, { asOf: AS_OF, accountId: '1' });
    expect(inv.regions).toEqual(['us-east-1']);
    expect(notes).toEqual([
      expect.objectContaining({
        kind: 'denied',
        source: 'inventory',
        region: 'eu-south-1',
        message: expect.stringContaining('region eu-south-1 not read'),
      }),
    ]);
    expect(rds.calls()).toHaveLength(3); // instances, snapshots and clusters, us-east-1 only
  });

  it('reads regional EC2 prices from the Price List API only when asked, for the other regions', async () => {
    ec2.on(DescribeInstancesCommand).callsFake(async (_input, getClient) => ({
      Reservations: [{ Instances: [instance((await getClient().config.region()) === 'eu-west-1' ? 2 : 1)] }],
    }));
    pricing.on(GetProductsCommand).resolves({ PriceList: [] });
    const config = { regions: ['us-east-1', 'eu-west-1'] };
    await collectResources(live(), config, [], { asOf: AS_OF, accountId: '1' });
    expect(pricing.calls()).toHaveLength(0);
    const inv = await collectResources(live(), { ...config, priceRefresh: true }, [], { asOf: AS_OF, accountId: '1' });
    // m5.large in eu-west-1: itself and its Graviton twin (no smaller m5 size is listed).
    const asked = pricing
      .commandCalls(GetProductsCommand)
      .map((c) => c.args[0].input.Filters?.map((f) => f.Value).slice(0, 2));
    expect(asked).toEqual([
      ['eu-west-1', 'm5.large'],
      ['eu-west-1', 'm6g.large'],
    ]);
    expect(inv.ec2Prices).toEqual({});
  });

  it('reads bucket lifecycle rules, and a bucket without any as an empty list, not a note', async () => {
    s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'a' }, { Name: 'b' }, { Name: 'far' }] });
    s3.on(GetBucketLocationCommand).resolves({});
    s3.on(GetBucketLocationCommand, { Bucket: 'far' }).resolves({ LocationConstraint: 'ap-south-1' });
    s3.on(GetBucketTaggingCommand).rejects(awsError('NoSuchTagSet', 'The TagSet does not exist'));
    s3.on(GetBucketLifecycleConfigurationCommand, { Bucket: 'a' }).rejects(
      awsError('NoSuchLifecycleConfiguration', 'none'),
    );
    s3.on(GetBucketLifecycleConfigurationCommand, { Bucket: 'b' }).resolves({
      Rules: [{ Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 } }],
    });
    const notes: Note[] = [];
    const inv = await collectResources(live(), { regions: ['us-east-1'] }, notes, { asOf: AS_OF, accountId: '1' });
    expect(inv.buckets.map((b) => [b.id, b.region, b.lifecycle])).toEqual([
      ['a', 'us-east-1', []],
      ['b', 'us-east-1', [{ enabled: true, hasTransitionOrExpiration: false, abortsIncompleteUploads: true }]],
    ]);
    expect(notes).toEqual([]);
  });
});

describe('collector helpers', () => {
  it('reads when an instance stopped from its state transition reason', () => {
    expect(stoppedSince('User initiated (2026-10-01 10:00:00 GMT)')).toBe('2026-10-01T10:00:00Z');
    expect(stoppedSince('')).toBeUndefined();
  });

  it('runs at most `limit` tasks at once and keeps the order of results', async () => {
    let running = 0;
    let peak = 0;
    const out = await mapBounded([5, 1, 3, 2, 4, 0], 2, async (n) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, n));
      running--;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 30, 20, 40, 0]);
    expect(peak).toBe(2);
  });
});
