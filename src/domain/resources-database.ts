/**
 * The database and streaming kinds (Aurora clusters, Redshift clusters, Kinesis data streams) and the CloudWatch
 * metrics their rules read, beside the RDS and DynamoDB kinds of resources.ts.
 */

import type { MetricSummary, ResourceBase } from './resource-base';

type Metrics = Partial<Record<string, MetricSummary>>;

/** CloudWatch metrics of the database and streaming rules (appended to METRIC_NAMES). */
export const DATABASE_METRIC_NAMES = [
  'FreeStorageSpace',
  'ReadIOPS',
  'WriteIOPS',
  'VolumeReadIOPs',
  'VolumeWriteIOPs',
  'VolumeBytesUsed',
  'IncomingBytes',
  'IncomingRecords',
  'GetRecords.Bytes',
] as const;

/** An Aurora DB cluster (DescribeDBClusters): its storage configuration and member instances. */
export interface AuroraCluster extends ResourceBase {
  /** aurora-mysql or aurora-postgresql. */
  engine: string;
  engineVersion: string;
  status: string;
  /** aurora (Standard: I/O billed per request) or aurora-iopt1 (I/O-Optimized). */
  storageType: string;
  /** DBInstanceIdentifier of each member (writer and readers), priced from dbInstances. */
  memberIds: string[];
  /** VolumeReadIOPs / VolumeWriteIOPs (counts of billed I/Os, Sum), VolumeBytesUsed (gauge). */
  metrics?: Metrics;
}

/** A provisioned Redshift cluster (DescribeClusters). */
export interface RedshiftCluster extends ResourceBase {
  /** dc2.large, ra3.xlplus, ... */
  nodeType: string;
  nodes: number;
  /** available, paused, ... */
  status: string;
  createTime?: string;
  /** DatabaseConnections and CPUUtilization (gauges, AWS/Redshift by ClusterIdentifier). */
  metrics?: Metrics;
}

/** A Kinesis data stream (ListStreams + DescribeStreamSummary). */
export interface KinesisStream extends ResourceBase {
  /** PROVISIONED or ON_DEMAND. */
  mode: string;
  /** OpenShardCount: the shards billed by the hour in provisioned mode. */
  shards: number;
  /** ACTIVE, CREATING, UPDATING, DELETING. */
  status: string;
  retentionHours?: number;
  createTime?: string;
  /** IncomingBytes, IncomingRecords and GetRecords.Bytes (counts, AWS/Kinesis by StreamName). */
  metrics?: Metrics;
}
