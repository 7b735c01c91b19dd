/** The compute area's collectors against SDK mocks: pages read, fields mapped, denied calls turned into notes. */
import { APIGatewayClient, GetRestApisCommand } from '@aws-sdk/client-api-gateway';
import {
  DescribeScheduledActionsCommand as AppDescribeScheduledActionsCommand,
  ApplicationAutoScalingClient,
} from '@aws-sdk/client-application-auto-scaling';
import {
  AutoScalingClient,
  DescribeAutoScalingGroupsCommand,
  DescribeScheduledActionsCommand,
} from '@aws-sdk/client-auto-scaling';
import { DescribeSpotPriceHistoryCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ECSClient,
  ListClustersCommand as EcsListClustersCommand,
  ListServicesCommand,
} from '@aws-sdk/client-ecs';
import {
  DescribeClusterCommand,
  DescribeClusterVersionsCommand,
  EKSClient,
  ListClustersCommand,
  ListFargateProfilesCommand,
  ListNodegroupsCommand,
} from '@aws-sdk/client-eks';
import {
  LambdaClient,
  ListFunctionsCommand,
  ListProvisionedConcurrencyConfigsCommand,
  ListTagsCommand,
} from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { createAws } from '../../../src/aws';
import { awsError } from '../../../src/aws/replay';
import { collectRestApis } from '../../../src/collect/inventory/apigateway';
import { collectAutoScalingGroups } from '../../../src/collect/inventory/autoscaling';
import type { RegionContext } from '../../../src/collect/inventory/context';
import { collectEcsServices } from '../../../src/collect/inventory/ecs';
import { collectEksClusters } from '../../../src/collect/inventory/eks';
import { collectFunctions } from '../../../src/collect/inventory/lambda';
import { MetricRequests } from '../../../src/collect/inventory/metrics';
import { MAX_SPOT_TYPES, readSpotPrices } from '../../../src/collect/inventory/spot';

const ACCOUNT = '222222222222';
const mocks = {
  asg: mockClient(AutoScalingClient),
  ec2: mockClient(EC2Client),
  eks: mockClient(EKSClient),
  ecs: mockClient(ECSClient),
  scaling: mockClient(ApplicationAutoScalingClient),
  lambda: mockClient(LambdaClient),
  apigw: mockClient(APIGatewayClient),
};
afterEach(() => {
  for (const m of Object.values(mocks)) m.reset();
});

const context = (): RegionContext => ({
  aws: createAws({ mode: 'live', homeRegion: 'us-east-1' }),
  region: 'us-east-1',
  accountId: ACCOUNT,
  asOf: '2026-11-20',
  notes: [],
  metrics: new MetricRequests(),
});

describe('collectAutoScalingGroups', () => {
  it('reads every page of groups, their Spot share, scheduled actions and their types’ Spot prices', async () => {
    const arn = `arn:aws:autoscaling:us-east-1:${ACCOUNT}:autoScalingGroup:1a:autoScalingGroupName/workers`;
    mocks.asg
      .on(DescribeAutoScalingGroupsCommand)
      .resolvesOnce({
        AutoScalingGroups: [
          {
            AutoScalingGroupName: 'workers',
            AutoScalingGroupARN: arn,
            MinSize: 2,
            MaxSize: 4,
            DesiredCapacity: 2,
            DefaultCooldown: 300,
            AvailabilityZones: ['us-east-1a'],
            HealthCheckType: 'EC2',
            CreatedTime: new Date('2026-05-01T00:00:00Z'),
            Instances: [
              {
                InstanceId: 'i-1',
                InstanceType: 'm5.large',
                AvailabilityZone: 'us-east-1a',
                LifecycleState: 'InService',
                HealthStatus: 'Healthy',
                ProtectedFromScaleIn: false,
              },
            ],
            Tags: [{ Key: 'environment', Value: 'staging', ResourceId: 'workers', PropagateAtLaunch: true }],
          },
        ],
        NextToken: 'page-2',
      })
      .resolvesOnce({
        AutoScalingGroups: [
          {
            AutoScalingGroupName: 'spot-runners',
            MinSize: 0,
            MaxSize: 4,
            DesiredCapacity: 1,
            DefaultCooldown: 300,
            AvailabilityZones: ['us-east-1a'],
            HealthCheckType: 'EC2',
            CreatedTime: new Date('2026-05-01T00:00:00Z'),
            MixedInstancesPolicy: {
              InstancesDistribution: { OnDemandBaseCapacity: 0, OnDemandPercentageAboveBaseCapacity: 0 },
            },
          },
        ],
      });
    mocks.asg.on(DescribeScheduledActionsCommand).resolves({
      ScheduledUpdateGroupActions: [{ AutoScalingGroupName: 'spot-runners', ScheduledActionName: 'night' }],
    });
    mocks.ec2.on(DescribeSpotPriceHistoryCommand).resolves({
      SpotPriceHistory: [
        {
          AvailabilityZone: 'us-east-1a',
          InstanceType: 'm5.large',
          SpotPrice: '0.035000',
          Timestamp: new Date('2026-11-19T06:00:00Z'),
        },
        {
          AvailabilityZone: 'us-east-1a',
          InstanceType: 'm5.large',
          SpotPrice: '0.050000',
          Timestamp: new Date('2026-11-01T06:00:00Z'),
        },
      ],
    });
    const ctx = context();
    const out = await collectAutoScalingGroups(ctx);
    expect(ctx.notes).toEqual([]);
    expect(out.autoScalingGroups).toEqual([
      expect.objectContaining({
        id: 'workers',
        accountId: ACCOUNT,
        desired: 2,
        onDemandPercentAboveBase: 100,
        scheduled: false,
        instances: [{ id: 'i-1', instanceType: 'm5.large', lifecycleState: 'InService' }],
        tags: { environment: 'staging' },
      }),
      expect.objectContaining({ id: 'spot-runners', onDemandPercentAboveBase: 0, scheduled: true }),
    ]);
    // The latest price per type and zone; only the On-Demand group's types are asked for.
    expect(out.spotPrices).toEqual([expect.objectContaining({ instanceType: 'm5.large', usdPerHour: 0.035 })]);
    const asked = mocks.ec2.commandCalls(DescribeSpotPriceHistoryCommand)[0]?.args[0].input;
    expect(asked).toMatchObject({ InstanceTypes: ['m5.large'], ProductDescriptions: ['Linux/UNIX'] });
  });

  it('turns a denied call into a note and reads nothing more', async () => {
    mocks.asg.on(DescribeAutoScalingGroupsCommand).rejects(awsError('AccessDenied', 'not authorized'));
    const ctx = context();
    expect(await collectAutoScalingGroups(ctx)).toEqual({});
    expect(ctx.notes).toEqual([
      expect.objectContaining({ kind: 'denied', source: 'autoscaling:DescribeAutoScalingGroups' }),
    ]);
  });
});

describe('readSpotPrices', () => {
  it('asks for the most common types only, up to the cap, twenty a call', async () => {
    mocks.ec2.on(DescribeSpotPriceHistoryCommand).resolves({ SpotPriceHistory: [] });
    const types = Array.from({ length: 50 }, (_, n) => `m5.${n}xlarge`);
    const ctx = context();
    await readSpotPrices(ctx.aws.client(EC2Client, 'us-east-1'), ctx, [...types, 'c5.large', 'c5.large']);
    const asked = mocks.ec2
      .commandCalls(DescribeSpotPriceHistoryCommand)
      .map((c) => c.args[0].input.InstanceTypes ?? []);
    expect(asked.map((t) => t.length)).toEqual([20, 20]);
    expect(asked.flat()).toHaveLength(MAX_SPOT_TYPES);
    expect(asked[0]?.[0]).toBe('c5.large');
  });
});

describe('collectEksClusters', () => {
  it('reads clusters with their version’s support status from DescribeClusterVersions', async () => {
    mocks.eks
      .on(ListClustersCommand)
      .resolvesOnce({ clusters: ['a'], nextToken: 't' })
      .resolvesOnce({ clusters: ['b'] });
    mocks.eks.on(DescribeClusterCommand).callsFake((input: { name: string }) => ({
      cluster: {
        name: input.name,
        arn: `arn:aws:eks:us-east-1:${ACCOUNT}:cluster/${input.name}`,
        version: input.name === 'a' ? '1.32' : '1.34',
        status: 'ACTIVE',
        tags: { team: 'platform' },
        upgradePolicy: { supportType: 'EXTENDED' },
      },
    }));
    mocks.eks.on(DescribeClusterVersionsCommand).resolves({
      clusterVersions: [
        {
          clusterVersion: '1.32',
          versionStatus: 'EXTENDED_SUPPORT',
          endOfStandardSupportDate: new Date('2026-03-23T00:00:00Z'),
        },
        {
          clusterVersion: '1.34',
          versionStatus: 'STANDARD_SUPPORT',
          endOfStandardSupportDate: new Date('2026-12-02T00:00:00Z'),
        },
      ],
    });
    mocks.eks.on(ListNodegroupsCommand).callsFake((input: { clusterName: string }) => ({
      nodegroups: input.clusterName === 'a' ? ['ng-1', 'ng-2'] : [],
    }));
    mocks.eks.on(ListFargateProfilesCommand).resolves({ fargateProfileNames: ['fp'] });
    const ctx = context();
    const out = await collectEksClusters(ctx);
    expect(ctx.notes).toEqual([]);
    expect(out.eksClusters?.map((c) => [c.id, c.nodegroups, c.fargateProfiles])).toEqual([
      ['a', 2, 1],
      ['b', 0, 1],
    ]);
    expect(out.eksClusters).toEqual([
      expect.objectContaining({
        id: 'a',
        version: '1.32',
        versionStatus: 'EXTENDED_SUPPORT',
        supportType: 'EXTENDED',
        endOfStandardSupport: '2026-03-23T00:00:00.000Z',
      }),
      expect.objectContaining({
        id: 'b',
        version: '1.34',
        versionStatus: 'STANDARD_SUPPORT',
        tags: { team: 'platform' },
      }),
    ]);
    expect(mocks.eks.commandCalls(DescribeClusterVersionsCommand)[0]?.args[0].input).toEqual({ includeAll: true });
  });

  it('leaves the support status unknown, with a note, when DescribeClusterVersions is denied', async () => {
    mocks.eks.on(ListClustersCommand).resolves({ clusters: ['a'] });
    mocks.eks.on(DescribeClusterCommand).resolves({ cluster: { name: 'a', version: '1.32', status: 'ACTIVE' } });
    mocks.eks.on(DescribeClusterVersionsCommand).rejects(awsError('AccessDeniedException', 'no'));
    mocks.eks.on(ListNodegroupsCommand).resolves({ nodegroups: [] });
    mocks.eks.on(ListFargateProfilesCommand).resolves({});
    const ctx = context();
    const out = await collectEksClusters(ctx);
    expect(out.eksClusters?.[0]?.versionStatus).toBeUndefined();
    expect(ctx.notes).toEqual([expect.objectContaining({ kind: 'denied', source: 'eks:DescribeClusterVersions' })]);
  });
});

describe('collectEcsServices', () => {
  it('reads services ten at a time with tags, task size, scheduled actions and asks for CPU and memory', async () => {
    const cluster = `arn:aws:ecs:us-east-1:${ACCOUNT}:cluster/erp`;
    const arns = Array.from({ length: 11 }, (_, n) => `arn:aws:ecs:us-east-1:${ACCOUNT}:service/erp/svc-${n}`);
    mocks.ecs.on(EcsListClustersCommand).resolves({ clusterArns: [cluster] });
    mocks.ecs
      .on(ListServicesCommand)
      .resolvesOnce({ serviceArns: arns.slice(0, 6), nextToken: 'n' })
      .resolvesOnce({ serviceArns: arns.slice(6) });
    mocks.ecs.on(DescribeServicesCommand).callsFake((input: { services: string[] }) => ({
      services: input.services.map((arn) => ({
        serviceArn: arn,
        serviceName: arn.split('/').pop(),
        clusterArn: cluster,
        status: 'ACTIVE',
        desiredCount: 2,
        runningCount: 2,
        launchType: 'FARGATE',
        taskDefinition: `arn:aws:ecs:us-east-1:${ACCOUNT}:task-definition/web:3`,
        createdAt: new Date('2026-01-01T00:00:00Z'),
        tags: [{ key: 'environment', value: 'staging' }],
      })),
    }));
    mocks.ecs.on(DescribeTaskDefinitionCommand).resolves({
      taskDefinition: { cpu: '512', memory: '1024', runtimePlatform: { cpuArchitecture: 'ARM64' } },
    });
    mocks.scaling.on(AppDescribeScheduledActionsCommand).resolves({
      ScheduledActions: [
        {
          ScheduledActionName: 'night',
          ScheduledActionARN: 'arn:x',
          ServiceNamespace: 'ecs',
          Schedule: 'cron(0 19 ? * MON-FRI *)',
          ResourceId: 'service/erp/svc-0',
          CreationTime: new Date('2026-01-01T00:00:00Z'),
        },
      ],
    });
    const ctx = context();
    const out = await collectEcsServices(ctx);
    expect(ctx.notes).toEqual([]);
    expect(out.ecsServices).toHaveLength(11);
    expect(mocks.ecs.commandCalls(DescribeServicesCommand).map((c) => c.args[0].input.services?.length)).toEqual([
      10, 1,
    ]);
    expect(mocks.ecs.commandCalls(DescribeServicesCommand)[0]?.args[0].input.include).toEqual(['TAGS']);
    // One task definition, read once.
    expect(mocks.ecs.commandCalls(DescribeTaskDefinitionCommand)).toHaveLength(1);
    expect(out.ecsServices?.[0]).toMatchObject({
      id: 'erp/svc-0',
      clusterName: 'erp',
      vcpu: 0.5,
      memoryGb: 1,
      cpuArchitecture: 'ARM64',
      scheduled: true,
      tags: { environment: 'staging' },
    });
    expect(out.ecsServices?.[1]?.scheduled).toBe(false);
    expect(ctx.metrics.wants.filter((w) => w.namespace === 'AWS/ECS')).toHaveLength(22);
  });
});

describe('collectFunctions: provisioned concurrency', () => {
  it('reads each function’s configurations and asks for their utilization', async () => {
    const fnArn = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:api`;
    mocks.lambda.on(ListFunctionsCommand).resolves({
      Functions: [{ FunctionName: 'api', FunctionArn: fnArn, MemorySize: 1024, Architectures: ['arm64'] }],
    });
    mocks.lambda.on(ListTagsCommand).resolves({ Tags: { team: 'web' } });
    mocks.lambda.on(ListProvisionedConcurrencyConfigsCommand).resolves({
      ProvisionedConcurrencyConfigs: [
        {
          FunctionArn: `${fnArn}:live`,
          RequestedProvisionedConcurrentExecutions: 10,
          AllocatedProvisionedConcurrentExecutions: 10,
          Status: 'READY',
        },
      ],
    });
    const ctx = context();
    const out = await collectFunctions(ctx);
    expect(ctx.notes).toEqual([]);
    expect(out.provisionedConcurrency).toEqual([
      expect.objectContaining({
        id: 'api:live',
        qualifier: 'live',
        allocated: 10,
        memoryMb: 1024,
        architecture: 'arm64',
        tags: { team: 'web' },
      }),
    ]);
    expect(ctx.metrics.wants.find((w) => w.metricName === 'ProvisionedConcurrencyUtilization')?.dimensions).toEqual({
      FunctionName: 'api',
      Resource: 'api:live',
    });
  });
});

describe('collectRestApis', () => {
  it('reads every page of REST APIs, what marks them REST-only, and asks for their request count', async () => {
    mocks.apigw
      .on(GetRestApisCommand)
      .resolvesOnce({
        items: [{ id: 'a1', name: 'plain', endpointConfiguration: { types: ['REGIONAL'] }, tags: { team: 'web' } }],
        position: 'p2',
      })
      .resolvesOnce({
        items: [{ id: 'b2', name: 'private', endpointConfiguration: { types: ['PRIVATE'] }, policy: '{}' }],
      });
    const ctx = context();
    const out = await collectRestApis(ctx);
    expect(ctx.notes).toEqual([]);
    expect(out.restApis).toEqual([
      expect.objectContaining({ id: 'a1', restOnly: [], tags: { team: 'web' }, endpointTypes: ['REGIONAL'] }),
      expect.objectContaining({ id: 'b2', restOnly: ['private endpoint', 'resource policy'] }),
    ]);
    expect(ctx.metrics.wants.map((w) => [w.metricName, w.dimensions])).toEqual([
      ['Count', { ApiName: 'plain' }],
      ['Count', { ApiName: 'private' }],
    ]);
  });
});
