/**
 * Network and commitment resources the rules judge: VPC endpoints, Transit Gateway attachments, Route 53 health
 * checks, CloudWatch alarms, and the Savings Plans cover of the organization (what Cost Explorer and the Savings Plans
 * API said about commitments, carried to the rules). Metrics follow resources.ts: absent means not read, never 0.
 */
import type { MetricSummary, ResourceBase } from './resource-base';

type Metrics = Partial<Record<'BytesProcessed' | 'BytesIn' | 'BytesOut' | 'HealthCheckStatus', MetricSummary>>;

export interface VpcEndpoint extends ResourceBase {
  /** Gateway, Interface, GatewayLoadBalancer, Resource or ServiceNetwork, as EC2 spells it. */
  endpointType: string;
  /** com.amazonaws.us-east-1.s3, com.amazonaws.us-east-1.ssm, ... */
  serviceName: string;
  vpcId: string;
  /** pendingAcceptance, pending, available, deleting, deleted, rejected, failed, expired. */
  state: string;
  /** Subnets of an interface endpoint: one billed endpoint-hour per subnet (Availability Zone) an hour. */
  subnetIds: string[];
  createTime?: string;
  /** AWS/PrivateLinkEndpoints BytesProcessed (a count: Sum over the window). */
  metrics?: Metrics;
}

export interface TransitGatewayAttachment extends ResourceBase {
  transitGatewayId: string;
  /** vpc, vpn, direct-connect-gateway, connect, peering, tgw-peering, network-function. */
  resourceType: string;
  resourceId?: string;
  /** Owner of the attached resource (a VPC in another account is billed to that account). */
  resourceOwnerId?: string;
  /** available, pending, deleting, ... */
  state: string;
  createTime?: string;
  /** AWS/TransitGateway BytesIn and BytesOut of the attachment (counts). */
  metrics?: Metrics;
}

export interface HealthCheck extends ResourceBase {
  /** HTTP, HTTPS, HTTP_STR_MATCH, HTTPS_STR_MATCH, TCP, CALCULATED, CLOUDWATCH_METRIC, RECOVERY_CONTROL. */
  type: string;
  ipAddress?: string;
  domainName?: string;
  /** Whether Route 53 reads the check's status from elsewhere (calculated, CloudWatch alarm): no endpoint probed. */
  derived: boolean;
  /** AWS/Route53 HealthCheckStatus (a gauge: 1 healthy, 0 unhealthy). */
  metrics?: Metrics;
}

export interface MetricAlarm extends ResourceBase {
  name: string;
  /** OK, ALARM or INSUFFICIENT_DATA. */
  state: string;
  /** When the alarm last changed state. */
  stateSince?: string;
  namespace?: string;
  metricName?: string;
  dimensions: Record<string, string>;
  /** Metrics the alarm evaluates (1 for a single-metric alarm; the metric queries of a metric-math alarm). */
  metricCount: number;
  /** The smallest period in seconds: under 60 is a high-resolution alarm, billed at a higher rate. */
  periodSeconds?: number;
  /** Whether it is an anomaly-detection alarm (billed as three metrics). */
  anomalyDetection: boolean;
}

/** A Savings Plan as the Savings Plans API gives it. */
export interface PlanCover {
  id: string;
  /** Compute, EC2Instance, SageMaker, ... */
  type: string;
  family?: string;
  region?: string;
  hourlyUsd?: number;
}

/** Savings Plans coverage of one instance family in one region over Cost Explorer's coverage window. */
export interface FamilyCover {
  instanceFamily: string;
  region: string;
  coveredUsd: number;
  onDemandUsd: number;
  totalUsd: number;
}

/** An active RDS, ElastiCache or Redshift reservation: its exact type and count (RDS: engine and Multi-AZ too). */
export interface ReservationCover {
  service: 'rds' | 'elasticache' | 'redshift';
  region: string;
  instanceType: string;
  count: number;
  engine?: string;
  multiAz?: boolean;
}

/**
 * What the run knows of the organization's commitments: at most one per inventory (id `savings-plans`). A field
 * left out was not read; an empty list was read and holds nothing.
 */
export interface CommitmentCover extends ResourceBase {
  /** Active plans (savingsplans:DescribeSavingsPlans). */
  plans?: PlanCover[];
  /** Coverage by family and region (ce:GetSavingsPlansCoverage), and the day it was read. */
  familyCoverage?: FamilyCover[];
  coverageReadOn?: string;
  /** Active reservations of the regions read, and which `service@region` lists were read whole. */
  reservations?: ReservationCover[];
  reservationsRead?: string[];
}

/**
 * A list the inventory read completely in one account and region (id: the call, e.g. `ec2:DescribeVpcEndpoints`):
 * a rule that flags the absence of something (no gateway endpoint) judges only where the list was read, since an
 * empty kind cannot tell "none" from "refused".
 */
export interface ListRead extends ResourceBase {
  source: string;
}

/** What a data-transfer usage type bills: traffic between Availability Zones, between regions, or out to the internet. */
export const TRANSFER_KINDS = ['cross-az', 'inter-region', 'internet'] as const;
export type TransferKind = (typeof TRANSFER_KINDS)[number];

/**
 * One data-transfer usage type on one account's bill over a settled month, as Cost Explorer groups it (linked account
 * x usage type, every service together): id is the usage type as billed (`USE1-DataTransfer-Regional-Bytes`), region
 * the one it is billed in (where the data leaves).
 */
export interface DataTransferUsage extends ResourceBase {
  kind: TransferKind;
  /** Where an inter-region transfer goes. */
  toRegion?: string;
  /** The month the figures cover, YYYY-MM. */
  month: string;
  /** UsageQuantity in GB as billed: cross-AZ bills each direction, so a GB between two of the account's instances is 2. */
  gb: number;
  /** What the bill charged for it that month, in the run's cost metric. */
  usd: number;
}
