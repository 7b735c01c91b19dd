/**
 * ECS services of one region with their task size (the task definition's cpu and memory), scheduled actions
 * (Application Auto Scaling) and CPU and memory utilization.
 */
import {
  ApplicationAutoScalingClient,
  paginateDescribeScheduledActions,
} from '@aws-sdk/client-application-auto-scaling';
import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ECSClient,
  paginateListClusters,
  paginateListServices,
  type Service,
} from '@aws-sdk/client-ecs';
import type { ResourceInventory } from '../../domain/resources';
import type { EcsService } from '../../domain/resources-compute';
import { guard } from '../guard';
import { arnAccount, iso, type RegionContext } from './context';

/** DescribeServices takes at most 10 services a call. */
const SERVICES_PER_CALL = 10;

/** `arn:aws:ecs:region:account:cluster/name` → name. */
const lastPart = (arn: string): string => arn.slice(arn.lastIndexOf('/') + 1);

/** A service with the task definition it runs, whose size is read afterwards. */
interface Read {
  service: EcsService;
  taskDefinition?: string;
}

function toService(s: Service, clusterName: string, ctx: RegionContext): Read | undefined {
  if (!s.serviceName || s.status !== 'ACTIVE') return undefined;
  const providers = (s.capacityProviderStrategy ?? []).map((p) => p.capacityProvider ?? '').filter(Boolean);
  const service: EcsService = {
    accountId: arnAccount(s.serviceArn, ctx.accountId),
    region: ctx.region,
    id: `${clusterName}/${s.serviceName}`,
    arn: s.serviceArn,
    tags: Object.fromEntries((s.tags ?? []).filter((t) => t.key).map((t) => [t.key as string, t.value ?? ''])),
    clusterName,
    serviceName: s.serviceName,
    launchType: s.launchType ?? (providers.join(',') || 'unknown'),
    desiredCount: s.desiredCount ?? 0,
    runningCount: s.runningCount ?? 0,
    cpuArchitecture: 'X86_64',
    createdAt: iso(s.createdAt),
  };
  return { service, taskDefinition: s.taskDefinition };
}

/** The services of one cluster, described ten at a time with their tags. */
async function readCluster(client: ECSClient, clusterArn: string, ctx: RegionContext): Promise<Read[]> {
  const arns: string[] = [];
  for await (const page of paginateListServices({ client }, { cluster: clusterArn }))
    arns.push(...(page.serviceArns ?? []));
  const services: Read[] = [];
  for (let i = 0; i < arns.length; i += SERVICES_PER_CALL) {
    const page = await client.send(
      new DescribeServicesCommand({
        cluster: clusterArn,
        services: arns.slice(i, i + SERVICES_PER_CALL),
        include: ['TAGS'],
      }),
    );
    for (const s of page.services ?? []) {
      const service = toService(s, lastPart(clusterArn), ctx);
      if (service) services.push(service);
    }
  }
  return services;
}

/** Each task definition once: its size (vCPU, GB) and CPU architecture onto the services that run it. */
async function readTaskSizes(client: ECSClient, reads: Read[], ctx: RegionContext): Promise<void> {
  const byDefinition = new Map<string, EcsService[]>();
  for (const { service, taskDefinition: arn } of reads) {
    if (arn) byDefinition.set(arn, [...(byDefinition.get(arn) ?? []), service]);
  }
  for (const [arn, users] of byDefinition) {
    await guard(
      ctx.notes,
      { source: 'ecs:DescribeTaskDefinition', region: ctx.region, accountId: ctx.accountId },
      async () => {
        const td = (await client.send(new DescribeTaskDefinitionCommand({ taskDefinition: arn }))).taskDefinition;
        for (const s of users) {
          if (td?.cpu) s.vcpu = Number(td.cpu) / 1024;
          if (td?.memory) s.memoryGb = Number(td.memory) / 1024;
          s.cpuArchitecture = td?.runtimePlatform?.cpuArchitecture ?? 'X86_64';
        }
      },
    );
  }
}

/** Read the ECS services of one region. */
export async function collectEcsServices(ctx: RegionContext): Promise<Partial<ResourceInventory>> {
  const { aws, region, accountId, notes } = ctx;
  const client = aws.client(ECSClient, region);
  const where = (op: string) => ({ source: `ecs:${op}`, region, accountId });
  const clusters = await guard(notes, where('ListClusters'), async () => {
    const list: string[] = [];
    for await (const page of paginateListClusters({ client }, {})) list.push(...(page.clusterArns ?? []));
    return list;
  });
  if (!clusters) return {};
  const reads: Read[] = [];
  for (const arn of clusters) {
    reads.push(...((await guard(notes, where('DescribeServices'), () => readCluster(client, arn, ctx))) ?? []));
  }
  const services = reads.map((r) => r.service);
  if (services.length === 0) return { ecsServices: services };
  await readTaskSizes(client, reads, ctx);
  const scaling = aws.client(ApplicationAutoScalingClient, region);
  await guard(notes, { source: 'application-autoscaling:DescribeScheduledActions', region, accountId }, async () => {
    const scheduled = new Set<string>();
    for await (const page of paginateDescribeScheduledActions({ client: scaling }, { ServiceNamespace: 'ecs' })) {
      for (const a of page.ScheduledActions ?? []) if (a.ResourceId) scheduled.add(a.ResourceId);
    }
    for (const s of services) s.scheduled = scheduled.has(`service/${s.clusterName}/${s.serviceName}`);
  });
  for (const s of services) {
    const dims = { ServiceName: s.serviceName, ClusterName: s.clusterName };
    ctx.metrics.want(s, 'AWS/ECS', 'CPUUtilization', dims, 'gauge');
    ctx.metrics.want(s, 'AWS/ECS', 'MemoryUtilization', dims, 'gauge');
  }
  return { ecsServices: services };
}
