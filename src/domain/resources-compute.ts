/**
 * Compute, container and serverless resources beside EC2 instances: Auto Scaling groups, EKS clusters, ECS services,
 * Lambda provisioned concurrency, API Gateway REST APIs and the Spot prices EC2 reports.
 */
import type { MetricSummary, ResourceBase } from './resource-base';

/** CloudWatch metrics read for these kinds besides resources.ts's own (spread into its METRIC_NAMES). */
export const COMPUTE_METRIC_NAMES = [
  'CPUSurplusCreditsCharged',
  'ProvisionedConcurrencyUtilization',
  'MemoryUtilization',
  'Count',
] as const;

type ComputeMetrics = Partial<Record<'CPUUtilization' | (typeof COMPUTE_METRIC_NAMES)[number], MetricSummary>>;

/** The latest Linux/UNIX Spot price of an instance type in one Availability Zone (DescribeSpotPriceHistory). */
export interface SpotPrice {
  accountId: string;
  region: string;
  availabilityZone: string;
  instanceType: string;
  usdPerHour: number;
  timestamp?: string;
}

export interface AutoScalingGroup extends ResourceBase {
  desired: number;
  min: number;
  max: number;
  createdTime?: string;
  /** In-service instances with their types, as DescribeAutoScalingGroups lists them. */
  instances: { id: string; instanceType: string; lifecycleState: string }[];
  /** MixedInstancesPolicy's InstancesDistribution; 100 and 0 when the group has no mixed instances policy. */
  onDemandPercentAboveBase: number;
  onDemandBase: number;
  /** Whether the group has scheduled actions (DescribeScheduledActions); undefined when they could not be read. */
  scheduled?: boolean;
}

export interface EksCluster extends ResourceBase {
  version: string;
  status: string;
  createdAt?: string;
  /** upgradePolicy.supportType: EXTENDED (the default) keeps billing extended support; STANDARD auto-upgrades. */
  supportType?: string;
  /** The version's support status as DescribeClusterVersions reports it; undefined when it could not be read. */
  versionStatus?: string;
  endOfStandardSupport?: string;
  /** Managed node groups and Fargate profiles (ListNodegroups, ListFargateProfiles); undefined when not read. */
  nodegroups?: number;
  fargateProfiles?: number;
}

export interface EcsService extends ResourceBase {
  clusterName: string;
  serviceName: string;
  /** FARGATE, EC2, EXTERNAL, or the capacity providers joined (FARGATE_SPOT, ...) when a strategy is used. */
  launchType: string;
  desiredCount: number;
  runningCount: number;
  /** The task definition's size; undefined when it could not be read. */
  vcpu?: number;
  memoryGb?: number;
  /** runtimePlatform.cpuArchitecture (X86_64 unless ARM64). */
  cpuArchitecture: string;
  createdAt?: string;
  /** Whether Application Auto Scaling has scheduled actions for it; undefined when they could not be read. */
  scheduled?: boolean;
  metrics?: ComputeMetrics;
}

export interface ProvisionedConcurrency extends ResourceBase {
  functionName: string;
  /** The alias or version the configuration is on. */
  qualifier: string;
  allocated: number;
  status: string;
  memoryMb: number;
  architecture: string;
  metrics?: ComputeMetrics;
}

export interface RestApi extends ResourceBase {
  name: string;
  /** EDGE, REGIONAL or PRIVATE. */
  endpointTypes: string[];
  createdDate?: string;
  /** Features an HTTP API lacks, as far as GetRestApis shows them (resource policy, private or edge endpoint, ...). */
  restOnly: string[];
  metrics?: ComputeMetrics;
}
