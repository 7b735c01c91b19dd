import { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import { DescribeTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamSummaryCommand,
  KinesisClient,
  ListStreamsCommand,
  ListTagsForStreamCommand,
} from '@aws-sdk/client-kinesis';
import { DescribeDBClustersCommand, DescribeDBInstancesCommand, RDSClient } from '@aws-sdk/client-rds';
import { DescribeClustersCommand, RedshiftClient } from '@aws-sdk/client-redshift';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { createAws } from '../../src/aws';
import { awsError } from '../../src/aws/replay';
import type { RegionContext } from '../../src/collect/inventory/context';
import { collectDatabaseServices } from '../../src/collect/inventory/database';
import { collectTables } from '../../src/collect/inventory/dynamodb';
import { collectStreams } from '../../src/collect/inventory/kinesis';
import { MetricRequests } from '../../src/collect/inventory/metrics';
import { collectRds } from '../../src/collect/inventory/rds';
import { collectDbClusters } from '../../src/collect/inventory/rds-clusters';
import { collectRedshiftClusters } from '../../src/collect/inventory/redshift';

const rds = mockClient(RDSClient);
const redshift = mockClient(RedshiftClient);
const kinesis = mockClient(KinesisClient);
const dynamodb = mockClient(DynamoDBClient);
const autoscaling = mockClient(ApplicationAutoScalingClient);
afterEach(() => {
  for (const m of [rds, redshift, kinesis, dynamodb, autoscaling]) m.reset();
});

const context = (): RegionContext => ({
  aws: createAws({ mode: 'live', homeRegion: 'us-east-1' }),
  region: 'us-east-1',
  accountId: '111111111111',
  asOf: '2026-11-20',
  notes: [],
  metrics: new MetricRequests(),
});
const wanted = (ctx: RegionContext) => ctx.metrics.wants.map((w) => `${w.namespace}|${w.metricName}|${w.kind}`);

describe('collectDbClusters', () => {
  it('reads every page of Aurora clusters with their members and asks for I/O and volume metrics', async () => {
    const cluster = (id: string, engine = 'aurora-mysql') => ({
      DBClusterIdentifier: id,
      DBClusterArn: `arn:aws:rds:us-east-1:222222222222:cluster:${id}`,
      Engine: engine,
      EngineVersion: '8.0.mysql_aurora.3.08.0',
      Status: 'available',
      StorageType: 'aurora',
      DBClusterMembers: [{ DBInstanceIdentifier: `${id}-1`, IsClusterWriter: true }, { IsClusterWriter: false }],
      TagList: [{ Key: 'team', Value: 'erp' }],
    });
    rds.on(DescribeDBClustersCommand).resolves({ DBClusters: [cluster('a')], Marker: 'p2' });
    // A Multi-AZ DB cluster (RDS for MySQL) is not Aurora: left out.
    rds.on(DescribeDBClustersCommand, { Marker: 'p2' }).resolves({ DBClusters: [cluster('b'), cluster('c', 'mysql')] });
    const ctx = context();
    const { dbClusters } = await collectDbClusters(ctx);
    expect(ctx.notes).toEqual([]);
    expect(dbClusters?.map((c) => [c.id, c.accountId, c.storageType, c.memberIds, c.tags.team])).toEqual([
      ['a', '222222222222', 'aurora', ['a-1'], 'erp'],
      ['b', '222222222222', 'aurora', ['b-1'], 'erp'],
    ]);
    expect(wanted(ctx)).toEqual([
      'AWS/RDS|VolumeReadIOPs|count',
      'AWS/RDS|VolumeWriteIOPs|count',
      'AWS/RDS|VolumeBytesUsed|gauge',
      'AWS/RDS|VolumeReadIOPs|count',
      'AWS/RDS|VolumeWriteIOPs|count',
      'AWS/RDS|VolumeBytesUsed|gauge',
    ]);
    expect(ctx.metrics.wants[0]?.dimensions).toEqual({ DBClusterIdentifier: 'a' });
  });

  it('makes a denied DescribeDBClusters a note, not a crash', async () => {
    rds.on(DescribeDBClustersCommand).rejects(awsError('AccessDenied', 'rds:DescribeDBClusters denied'));
    const ctx = context();
    expect(await collectDbClusters(ctx)).toEqual({});
    expect(ctx.notes).toEqual([expect.objectContaining({ kind: 'denied', source: 'rds:DescribeDBClusters' })]);
  });
});

describe('collectRedshiftClusters', () => {
  it('reads every page of clusters with nodes and tags, and asks for connections and CPU', async () => {
    const cluster = (id: string) => ({
      ClusterIdentifier: id,
      NodeType: 'dc2.large',
      NumberOfNodes: 2,
      ClusterStatus: 'available',
      ClusterCreateTime: new Date('2026-01-22T21:59:29.559Z'),
      Tags: [{ Key: 'owner', Value: 'erin' }],
    });
    redshift.on(DescribeClustersCommand).resolves({ Clusters: [cluster('a')], Marker: 'p2' });
    redshift.on(DescribeClustersCommand, { Marker: 'p2' }).resolves({ Clusters: [cluster('b')] });
    const ctx = context();
    const { redshiftClusters } = await collectRedshiftClusters(ctx);
    expect(
      redshiftClusters?.map((c) => [c.id, c.arn, c.nodeType, c.nodes, c.status, c.createTime, c.tags.owner]),
    ).toEqual([
      [
        'a',
        'arn:aws:redshift:us-east-1:111111111111:cluster:a',
        'dc2.large',
        2,
        'available',
        '2026-01-22T21:59:29.559Z',
        'erin',
      ],
      [
        'b',
        'arn:aws:redshift:us-east-1:111111111111:cluster:b',
        'dc2.large',
        2,
        'available',
        '2026-01-22T21:59:29.559Z',
        'erin',
      ],
    ]);
    expect(wanted(ctx).slice(0, 2)).toEqual([
      'AWS/Redshift|DatabaseConnections|gauge',
      'AWS/Redshift|CPUUtilization|gauge',
    ]);
    expect(ctx.metrics.wants[0]?.dimensions).toEqual({ ClusterIdentifier: 'a' });
  });
});

describe('collectStreams', () => {
  it('lists every page of streams, describes each with its tags, and asks for traffic counts', async () => {
    kinesis.on(ListStreamsCommand).resolves({ StreamNames: ['a'], HasMoreStreams: true, NextToken: 't2' });
    kinesis.on(ListStreamsCommand, { NextToken: 't2' }).resolves({ StreamNames: ['b'], HasMoreStreams: false });
    kinesis.on(DescribeStreamSummaryCommand).callsFake((input: { StreamName: string }) => ({
      StreamDescriptionSummary: {
        StreamName: input.StreamName,
        StreamARN: `arn:aws:kinesis:us-east-1:222222222222:stream/${input.StreamName}`,
        StreamStatus: 'ACTIVE',
        StreamModeDetails: { StreamMode: 'PROVISIONED' },
        RetentionPeriodHours: 48,
        StreamCreationTimestamp: new Date('2026-10-01T00:00:00Z'),
        OpenShardCount: 3,
        EnhancedMonitoring: [{ ShardLevelMetrics: [] }],
      },
    }));
    kinesis.on(ListTagsForStreamCommand).resolves({ Tags: [{ Key: 'team', Value: 'erp' }], HasMoreTags: false });
    const ctx = context();
    const { streams } = await collectStreams(ctx);
    expect(ctx.notes).toEqual([]);
    expect(streams?.map((s) => [s.id, s.accountId, s.mode, s.shards, s.retentionHours, s.tags.team])).toEqual([
      ['a', '222222222222', 'PROVISIONED', 3, 48, 'erp'],
      ['b', '222222222222', 'PROVISIONED', 3, 48, 'erp'],
    ]);
    expect(wanted(ctx).slice(0, 3)).toEqual([
      'AWS/Kinesis|IncomingBytes|count',
      'AWS/Kinesis|IncomingRecords|count',
      'AWS/Kinesis|GetRecords.Bytes|count',
    ]);
  });

  it('keeps a stream whose tags are denied, with a note', async () => {
    kinesis.on(ListStreamsCommand).resolves({ StreamNames: ['a'], HasMoreStreams: false });
    kinesis.on(DescribeStreamSummaryCommand).resolves({
      StreamDescriptionSummary: {
        StreamName: 'a',
        StreamARN: 'arn:aws:kinesis:us-east-1:111111111111:stream/a',
        StreamStatus: 'ACTIVE',
        RetentionPeriodHours: 24,
        StreamCreationTimestamp: new Date('2026-10-01T00:00:00Z'),
        OpenShardCount: 1,
        EnhancedMonitoring: [],
      },
    });
    kinesis.on(ListTagsForStreamCommand).rejects(awsError('AccessDeniedException', 'kinesis:ListTagsForStream denied'));
    const ctx = context();
    const { streams } = await collectStreams(ctx);
    expect(streams?.map((s) => [s.id, s.tags])).toEqual([['a', {}]]);
    expect(ctx.notes).toEqual([expect.objectContaining({ kind: 'denied', source: 'kinesis:ListTagsForStream' })]);
  });
});

describe('the database fields of RDS instances and DynamoDB tables', () => {
  it('reads provisioned IOPS and asks for FreeStorageSpace (not on Aurora) and gp3 IOPS', async () => {
    const instance = (id: string, engine: string, storage: string, iops?: number) => ({
      DBInstanceIdentifier: id,
      DBInstanceArn: `arn:aws:rds:us-east-1:111111111111:db:${id}`,
      DBInstanceClass: 'db.t3.large',
      Engine: engine,
      StorageType: storage,
      AllocatedStorage: 500,
      ...(iops ? { Iops: iops } : {}),
    });
    // DescribeDBSnapshots answers empty.
    rds.onAnyCommand().resolves({});
    rds.on(DescribeDBInstancesCommand).resolves({
      DBInstances: [
        instance('io', 'mysql', 'io1', 1000),
        instance('g3', 'postgres', 'gp3', 20_000),
        instance('au', 'aurora-mysql', 'aurora'),
      ],
    });
    const ctx = context();
    const { dbInstances } = await collectRds(ctx);
    expect(dbInstances?.map((d) => [d.id, d.iops])).toEqual([
      ['io', 1000],
      ['g3', 20_000],
      ['au', undefined],
    ]);
    const byTarget = (id: string) =>
      ctx.metrics.wants.filter((w) => w.dimensions.DBInstanceIdentifier === id).map((w) => w.metricName);
    expect(byTarget('io')).toEqual(['DatabaseConnections', 'CPUUtilization', 'FreeStorageSpace']);
    expect(byTarget('g3')).toEqual([
      'DatabaseConnections',
      'CPUUtilization',
      'FreeStorageSpace',
      'ReadIOPS',
      'WriteIOPS',
    ]);
    expect(byTarget('au')).toEqual(['DatabaseConnections', 'CPUUtilization']);
  });

  it("reads a table's size", async () => {
    dynamodb.on(ListTablesCommand).resolves({ TableNames: ['t'] });
    dynamodb.on(DescribeTableCommand).resolves({
      Table: {
        TableName: 't',
        TableArn: 'arn:aws:dynamodb:us-east-1:111111111111:table/t',
        TableSizeBytes: 48_000_000,
      },
    });
    autoscaling.onAnyCommand().resolves({});
    const ctx = context();
    const { tables } = await collectTables(ctx);
    expect(tables?.[0]?.sizeBytes).toBe(48_000_000);
  });

  it('reads Aurora, Redshift and Kinesis together, each denial its own note', async () => {
    rds.on(DescribeDBClustersCommand).resolves({ DBClusters: [] });
    redshift.on(DescribeClustersCommand).rejects(awsError('AccessDenied', 'redshift:DescribeClusters denied'));
    kinesis.on(ListStreamsCommand).resolves({ StreamNames: [], HasMoreStreams: false });
    const ctx = context();
    expect(await collectDatabaseServices(ctx)).toEqual({ dbClusters: [], streams: [] });
    expect(ctx.notes).toEqual([expect.objectContaining({ kind: 'denied', source: 'redshift:DescribeClusters' })]);
  });
});
