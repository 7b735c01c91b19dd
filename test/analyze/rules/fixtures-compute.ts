/** Builders for the compute, container and serverless kinds, beside fixtures.ts's. */
import type {
  AutoScalingGroup,
  EcsService,
  EksCluster,
  ProvisionedConcurrency,
  RestApi,
  SpotPrice,
} from '../../../src/domain/resources-compute';
import { daysAgo, flat } from './fixtures';

const base = { accountId: '111111111111', region: 'us-east-1', tags: { owner: 'alice', environment: 'staging' } };

export const spotPrice = (o: Partial<SpotPrice> = {}): SpotPrice => ({
  accountId: '111111111111',
  region: 'us-east-1',
  availabilityZone: 'us-east-1a',
  instanceType: 'm5.large',
  usdPerHour: 0.04,
  timestamp: daysAgo(1),
  ...o,
});

export const group = (o: Partial<AutoScalingGroup> = {}): AutoScalingGroup => ({
  ...base,
  id: 'staging-workers',
  arn: 'arn:aws:autoscaling:us-east-1:111111111111:autoScalingGroup:1a2b:autoScalingGroupName/staging-workers',
  desired: 2,
  min: 2,
  max: 4,
  createdTime: daysAgo(90),
  instances: [
    { id: 'i-a1', instanceType: 'm5.large', lifecycleState: 'InService' },
    { id: 'i-a2', instanceType: 'm5.large', lifecycleState: 'InService' },
  ],
  onDemandPercentAboveBase: 100,
  onDemandBase: 0,
  scheduled: false,
  ...o,
});

export const cluster = (o: Partial<EksCluster> = {}): EksCluster => ({
  ...base,
  id: 'erp-eks',
  arn: 'arn:aws:eks:us-east-1:111111111111:cluster/erp-eks',
  version: '1.33',
  status: 'ACTIVE',
  createdAt: daysAgo(400),
  supportType: 'EXTENDED',
  versionStatus: 'STANDARD_SUPPORT',
  endOfStandardSupport: '2026-07-29',
  nodegroups: 1,
  fargateProfiles: 0,
  ...o,
});

export const ecsService = (o: Partial<EcsService> = {}): EcsService => ({
  ...base,
  id: 'erp/erp-worker',
  arn: 'arn:aws:ecs:us-east-1:111111111111:service/erp/erp-worker',
  clusterName: 'erp',
  serviceName: 'erp-worker',
  launchType: 'FARGATE',
  desiredCount: 2,
  runningCount: 2,
  vcpu: 1,
  memoryGb: 2,
  cpuArchitecture: 'X86_64',
  createdAt: daysAgo(120),
  scheduled: false,
  metrics: { CPUUtilization: flat(35), MemoryUtilization: flat(50) },
  ...o,
});

export const concurrency = (o: Partial<ProvisionedConcurrency> = {}): ProvisionedConcurrency => ({
  ...base,
  id: 'erp-api:live',
  arn: 'arn:aws:lambda:us-east-1:111111111111:function:erp-api:live',
  functionName: 'erp-api',
  qualifier: 'live',
  allocated: 10,
  status: 'READY',
  memoryMb: 1024,
  architecture: 'arm64',
  metrics: { ProvisionedConcurrencyUtilization: flat(0.8) },
  ...o,
});

export const restApi = (o: Partial<RestApi> = {}): RestApi => ({
  ...base,
  id: 'a1b2c3d4e5',
  arn: 'arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5',
  name: 'erp-public',
  endpointTypes: ['REGIONAL'],
  createdDate: daysAgo(300),
  restOnly: [],
  metrics: { Count: flat(1_000_000) },
  ...o,
});
