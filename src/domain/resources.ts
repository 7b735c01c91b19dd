/**
 * The resources the rules judge, as the inventory collectors read them: one typed shape per service, each with its
 * account, region, tags and (where a rule needs them) CloudWatch statistics over a stated window. A metric that could
 * not be read is absent (`undefined`), never 0: rules must tell "no traffic" from "no data".
 */
import type { MetricSummary, ResourceBase } from './resource-base';

export type { MetricSummary, ResourceBase, Tags } from './resource-base';

import {
  type AutoScalingGroup,
  COMPUTE_METRIC_NAMES,
  type EcsService,
  type EksCluster,
  type ProvisionedConcurrency,
  type RestApi,
  type SpotPrice,
} from './resources-compute';
import {
  type AuroraCluster,
  DATABASE_METRIC_NAMES,
  type KinesisStream,
  type RedshiftCluster,
} from './resources-database';
import {
  MANAGED_METRIC_NAMES,
  type NotebookInstance,
  type SageMakerEndpoint,
  type SearchDomain,
} from './resources-managed';
import type {
  CommitmentCover,
  DataTransferUsage,
  HealthCheck,
  ListRead,
  MetricAlarm,
  TransitGatewayAttachment,
  VpcEndpoint,
} from './resources-network';

import {
  type EcrRepositoryFields,
  type EfsLifecycle,
  type IncompleteUploads,
  type S3StorageByType,
  STORAGE_METRIC_NAMES,
} from './resources-storage';

/** On-Demand Linux hourly prices by region and instance type, from the Price List API where it was read. */
export type RegionalEc2Prices = Record<string, Record<string, number>>;

/**
 * The CloudWatch metrics the collectors read and the rules judge: one closed list, so a name misspelt on either
 * side fails the typecheck instead of reading as "no data".
 */
export const METRIC_NAMES = [
  'CPUUtilization',
  'DatabaseConnections',
  'CurrConnections',
  'ClientConnections',
  'Duration',
  'Invocations',
  'used_memory_max',
  'RequestCount',
  'NewFlowCount',
  'BytesInFromDestination',
  'BytesOutToDestination',
  'ConsumedReadCapacityUnits',
  'ConsumedWriteCapacityUnits',
  'BytesProcessed',
  'BytesIn',
  'BytesOut',
  'HealthCheckStatus',
  ...COMPUTE_METRIC_NAMES,
  ...DATABASE_METRIC_NAMES,
  ...STORAGE_METRIC_NAMES,
  ...MANAGED_METRIC_NAMES,
] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

/** Metric name → summary; a name that is absent was not available. */
export type Metrics = Partial<Record<MetricName, MetricSummary>>;

export interface EbsVolume extends ResourceBase {
  type: string;
  sizeGb: number;
  iops?: number;
  throughputMBps?: number;
  /** available, in-use, ... */
  state: string;
  attachedInstanceIds: string[];
  createTime?: string;
  /** AWS/EBS VolumeReadOps, VolumeWriteOps, VolumeReadBytes, VolumeWriteBytes (counts: daily Sums). */
  metrics?: Metrics;
}

export interface EbsSnapshot extends ResourceBase {
  volumeId?: string;
  /** The source volume's size; the billed (incremental) size is smaller, see fullSizeGb. */
  volumeSizeGb: number;
  /** FullSnapshotSizeInBytes when EC2 reports it. */
  fullSizeGb?: number;
  startTime: string;
  /** standard or archive. */
  storageTier: string;
  description?: string;
}

export interface Ami extends ResourceBase {
  name?: string;
  creationDate?: string;
  snapshotIds: string[];
  state: string;
}

export interface Ec2Instance extends ResourceBase {
  instanceType: string;
  imageId?: string;
  /** pending, running, stopping, stopped, ... */
  state: string;
  launchTime?: string;
  /** When it last stopped, read from StateTransitionReason ("User initiated (2026-10-01 10:00:00 GMT)"). */
  stoppedSince?: string;
  /** linux or windows (EC2 only reports Platform for Windows). */
  platform: string;
  architecture?: string;
  /** spot, scheduled or on-demand. */
  lifecycle: string;
  volumeIds: string[];
  publicIp?: string;
  /** Monitoring.State: enabled means detailed (1-minute) monitoring. */
  monitoring?: string;
  metrics?: Metrics;
}

export interface ElasticIp extends ResourceBase {
  publicIp: string;
  associationId?: string;
  instanceId?: string;
  networkInterfaceId?: string;
}

export interface NatGateway extends ResourceBase {
  state: string;
  vpcId?: string;
  createTime?: string;
  metrics?: Metrics;
}

export const LOAD_BALANCER_TYPES = ['application', 'network', 'gateway', 'classic'] as const;
export type LoadBalancerType = (typeof LOAD_BALANCER_TYPES)[number];

/** The CloudWatch metric that counts a load balancer's traffic, by type. */
export const LB_TRAFFIC_METRIC: Record<LoadBalancerType, MetricName> = {
  application: 'RequestCount',
  classic: 'RequestCount',
  network: 'NewFlowCount',
  gateway: 'NewFlowCount',
};

export interface LoadBalancer extends ResourceBase {
  name: string;
  type: LoadBalancerType;
  createdTime?: string;
  /** Registered targets across its target groups (instances for a classic LB); undefined when not read. */
  targetCount?: number;
  metrics?: Metrics;
}

export interface ReservedInstance extends ResourceBase {
  instanceType: string;
  count: number;
  state: string;
  end?: string;
}

export interface RdsInstance extends ResourceBase {
  instanceClass: string;
  engine: string;
  engineVersion: string;
  multiAz: boolean;
  status: string;
  storageType?: string;
  allocatedStorageGb?: number;
  createTime?: string;
  /** EngineLifecycleSupport as RDS reports it (open-source-rds-extended-support or ...-disabled). */
  lifecycleSupport?: string;
  /** Provisioned IOPS (io1, and gp3 above its baseline). */
  iops?: number;
  metrics?: Metrics;
}

export interface RdsSnapshot extends ResourceBase {
  instanceId: string;
  /** manual or automated. */
  snapshotType: string;
  allocatedStorageGb: number;
  createTime?: string;
  engine?: string;
}

export interface LogGroup extends ResourceBase {
  retentionDays?: number;
  storedBytes: number;
  creationTime?: string;
  /** STANDARD or INFREQUENT_ACCESS (logGroupClass). */
  logGroupClass?: string;
  /** Metric filters on the group (Infrequent Access supports none). */
  metricFilterCount?: number;
  /** AWS/Logs IncomingBytes (a count). */
  metrics?: Metrics;
}

export interface S3Bucket extends ResourceBase {
  creationDate?: string;
  /** Lifecycle rules read from the bucket; [] means none; undefined means they could not be read. */
  lifecycle?: { enabled: boolean; hasTransitionOrExpiration: boolean; abortsIncompleteUploads: boolean }[];
  /** Whether an enabled lifecycle rule moves current objects to another storage class; undefined when not read. */
  tiersObjects?: boolean;
  /** AWS/S3 BucketSizeBytes by storage type; undefined when not read. */
  storage?: S3StorageByType<Metrics>;
  /** AWS/S3 NumberOfObjects (StorageType AllStorageTypes, a daily gauge). */
  metrics?: Metrics;
  /** Incomplete multipart uploads, read where no lifecycle rule aborts them; undefined when not read. */
  incompleteUploads?: IncompleteUploads;
}

export interface LambdaFunction extends ResourceBase {
  runtime?: string;
  memoryMb: number;
  /** x86_64 or arm64. */
  architecture: string;
  packageType?: string;
  /** Lambda metrics (Invocations, Duration); Lambda Insights memory (used_memory_max) when enabled. */
  metrics?: Metrics;
}

export interface DynamoTable extends ResourceBase {
  /** PROVISIONED or PAY_PER_REQUEST. */
  billingMode: string;
  readCapacityUnits: number;
  writeCapacityUnits: number;
  /** Whether Application Auto Scaling manages read / write capacity; undefined when it could not be read. */
  autoScaling?: { read: boolean; write: boolean };
  /** TableSizeBytes as DescribeTable reports it (updated about every six hours). */
  sizeBytes?: number;
  metrics?: Metrics;
  /** TableSizeBytes as DescribeTable reports it (updated about every six hours). */
  tableSizeBytes?: number;
  /** STANDARD or STANDARD_INFREQUENT_ACCESS (TableClassSummary; absent means STANDARD). */
  tableClass?: string;
}

export interface CacheCluster extends ResourceBase {
  engine: string;
  nodeType: string;
  nodes: number;
  status: string;
  createTime?: string;
  metrics?: Metrics;
}

export interface EfsFileSystem extends ResourceBase {
  name?: string;
  /** creating, available, updating, deleting, deleted, error. */
  lifeCycleState: string;
  /** SizeInBytes.Value: the metered size EFS last reported. */
  sizeBytes: number;
  creationTime?: string;
  /** AWS/EFS ClientConnections (a count: Sum over the window). */
  metrics?: Metrics;
  /** SizeInBytes.ValueInStandard: bytes in the Standard class. */
  standardBytes?: number;
  /** Its lifecycle policies; undefined when they could not be read. */
  lifecycle?: EfsLifecycle;
}

export type EcrRepository = ResourceBase & EcrRepositoryFields;

/** Everything the inventory collectors read in one run, by kind. */
export interface ResourceInventory {
  /** The CloudWatch window every `metrics` field covers. */
  metricWindow: { days: number; start: string; end: string };
  /** Regions that were read. */
  regions: string[];
  volumes: EbsVolume[];
  snapshots: EbsSnapshot[];
  images: Ami[];
  instances: Ec2Instance[];
  addresses: ElasticIp[];
  natGateways: NatGateway[];
  loadBalancers: LoadBalancer[];
  reservedInstances: ReservedInstance[];
  dbInstances: RdsInstance[];
  dbSnapshots: RdsSnapshot[];
  logGroups: LogGroup[];
  buckets: S3Bucket[];
  functions: LambdaFunction[];
  tables: DynamoTable[];
  cacheClusters: CacheCluster[];
  fileSystems: EfsFileSystem[];
  vpcEndpoints: VpcEndpoint[];
  transitGatewayAttachments: TransitGatewayAttachment[];
  healthChecks: HealthCheck[];
  metricAlarms: MetricAlarm[];
  commitmentCover: CommitmentCover[];
  listsRead: ListRead[];
  spotPrices: SpotPrice[];
  autoScalingGroups: AutoScalingGroup[];
  eksClusters: EksCluster[];
  ecsServices: EcsService[];
  provisionedConcurrency: ProvisionedConcurrency[];
  restApis: RestApi[];
  dbClusters: AuroraCluster[];
  redshiftClusters: RedshiftCluster[];
  streams: KinesisStream[];
  repositories: EcrRepository[];
  endpoints: SageMakerEndpoint[];
  notebooks: NotebookInstance[];
  searchDomains: SearchDomain[];
  /** Data transfer by account and usage type from the bill (Cost Explorer, read in the payer; src/collect/transfer.ts). */
  dataTransfer: DataTransferUsage[];
  /** EC2 prices of the inventory's other regions read from the Price List API (DURION_PRICE_REFRESH). */
  ec2Prices?: RegionalEc2Prices;
}

export type ResourceKind = Exclude<keyof ResourceInventory, 'metricWindow' | 'regions' | 'ec2Prices'>;

/** An inventory with nothing in it, for a window. */
export const emptyResources = (metricWindow: ResourceInventory['metricWindow']): ResourceInventory => ({
  metricWindow,
  regions: [],
  volumes: [],
  snapshots: [],
  images: [],
  instances: [],
  addresses: [],
  natGateways: [],
  loadBalancers: [],
  reservedInstances: [],
  dbInstances: [],
  dbSnapshots: [],
  logGroups: [],
  buckets: [],
  functions: [],
  tables: [],
  cacheClusters: [],
  fileSystems: [],
  vpcEndpoints: [],
  transitGatewayAttachments: [],
  healthChecks: [],
  metricAlarms: [],
  commitmentCover: [],
  listsRead: [],
  spotPrices: [],
  autoScalingGroups: [],
  eksClusters: [],
  ecsServices: [],
  provisionedConcurrency: [],
  restApis: [],
  dbClusters: [],
  redshiftClusters: [],
  streams: [],
  repositories: [],
  endpoints: [],
  notebooks: [],
  searchDomains: [],
  dataTransfer: [],
});
