/** Load balancers of one region: ALB, NLB and GWLB (elbv2) with their registered targets, and Classic (elb). */
import {
  DescribeLoadBalancersCommand as DescribeClassicCommand,
  DescribeTagsCommand as DescribeClassicTagsCommand,
  ElasticLoadBalancingClient,
} from '@aws-sdk/client-elastic-load-balancing';
import {
  DescribeTagsCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
  paginateDescribeLoadBalancers,
  paginateDescribeTargetGroups,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  LB_TRAFFIC_METRIC,
  type LoadBalancer,
  type LoadBalancerType,
  type ResourceInventory,
} from '../../domain/resources';
import { guard } from '../guard';
import { arnAccount, iso, type RegionContext, tagRecord } from './context';

/** DescribeTags takes at most 20 load balancers a call. */
const TAGS_PER_CALL = 20;

const chunks = <T>(items: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, i * size + size));

const NAMESPACE: Record<LoadBalancerType, string> = {
  application: 'AWS/ApplicationELB',
  network: 'AWS/NetworkELB',
  gateway: 'AWS/GatewayELB',
  classic: 'AWS/ELB',
};

/** Where a note about one call of this collector comes from. */
const where = ({ region, accountId }: RegionContext, op: string) => ({ source: op, region, accountId });

/** Read the load balancers of one region with their targets and traffic metrics. */
export async function collectLoadBalancers(ctx: RegionContext): Promise<Partial<ResourceInventory>> {
  const { aws, region, notes } = ctx;
  const v2 = aws.client(ElasticLoadBalancingV2Client, region);
  const classic = aws.client(ElasticLoadBalancingClient, region);
  const found: LoadBalancer[] = [];

  const modern = await guard(notes, where(ctx, 'elbv2:DescribeLoadBalancers'), () => readModern(v2, ctx));
  if (modern?.length) {
    const targets = await guard(notes, where(ctx, 'elbv2:DescribeTargetGroups'), () => countTargets(v2));
    for (const lb of modern) if (targets) lb.targetCount = targets.get(lb.arn ?? '') ?? 0;
    await tagModern(v2, ctx, modern);
    found.push(...modern);
  }

  const old = await guard(notes, where(ctx, 'elb:DescribeLoadBalancers'), () => readClassic(classic, ctx));
  if (old?.length) {
    await tagClassic(classic, ctx, old);
    found.push(...old);
  }

  for (const lb of found) {
    const dimension: Record<string, string> =
      lb.type === 'classic' ? { LoadBalancerName: lb.name } : { LoadBalancer: lb.id };
    ctx.metrics.want(lb, NAMESPACE[lb.type], LB_TRAFFIC_METRIC[lb.type], dimension, 'count');
  }
  return { loadBalancers: found };
}

/** ALBs, NLBs and GWLBs (elbv2), untagged: tags come from DescribeTags. */
async function readModern(
  v2: ElasticLoadBalancingV2Client,
  { region, accountId }: RegionContext,
): Promise<LoadBalancer[]> {
  const lbs: LoadBalancer[] = [];
  for await (const page of paginateDescribeLoadBalancers({ client: v2 }, {})) {
    for (const lb of page.LoadBalancers ?? []) {
      if (!lb.LoadBalancerArn || !lb.LoadBalancerName) continue;
      lbs.push({
        accountId: arnAccount(lb.LoadBalancerArn, accountId),
        region,
        // The ARN's tail (app/name/id) is also CloudWatch's LoadBalancer dimension.
        id: lb.LoadBalancerArn.split(':loadbalancer/')[1] ?? lb.LoadBalancerName,
        arn: lb.LoadBalancerArn,
        tags: {},
        name: lb.LoadBalancerName,
        type: (lb.Type ?? 'application') as LoadBalancerType,
        createdTime: iso(lb.CreatedTime),
      });
    }
  }
  return lbs;
}

/** Registered targets per load balancer ARN, summed over every target group that forwards to it. */
async function countTargets(v2: ElasticLoadBalancingV2Client): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for await (const page of paginateDescribeTargetGroups({ client: v2 }, {})) {
    for (const tg of page.TargetGroups ?? []) {
      const health = await v2.send(new DescribeTargetHealthCommand({ TargetGroupArn: tg.TargetGroupArn }));
      const n = health.TargetHealthDescriptions?.length ?? 0;
      for (const arn of tg.LoadBalancerArns ?? []) counts.set(arn, (counts.get(arn) ?? 0) + n);
    }
  }
  return counts;
}

/** Tag the elbv2 load balancers in place, a call per group; a failed group stays untagged and is a note. */
async function tagModern(v2: ElasticLoadBalancingV2Client, ctx: RegionContext, lbs: LoadBalancer[]): Promise<void> {
  const byArn = new Map(lbs.map((lb) => [lb.arn, lb]));
  for (const group of chunks(
    [...byArn.keys()].filter((a): a is string => a !== undefined),
    TAGS_PER_CALL,
  )) {
    await guard(ctx.notes, where(ctx, 'elbv2:DescribeTags'), async () => {
      const page = await v2.send(new DescribeTagsCommand({ ResourceArns: group }));
      for (const d of page.TagDescriptions ?? []) {
        const lb = byArn.get(d.ResourceArn);
        if (lb) lb.tags = tagRecord(d.Tags);
      }
    });
  }
}

/** Classic load balancers (Marker-paged), untagged, with their registered instances as targets. */
async function readClassic(
  classic: ElasticLoadBalancingClient,
  { region, accountId }: RegionContext,
): Promise<LoadBalancer[]> {
  const lbs: LoadBalancer[] = [];
  let marker: string | undefined;
  do {
    const page = await classic.send(new DescribeClassicCommand({ Marker: marker }));
    for (const lb of page.LoadBalancerDescriptions ?? []) {
      if (!lb.LoadBalancerName) continue;
      lbs.push({
        accountId,
        region,
        id: lb.LoadBalancerName,
        arn: `arn:aws:elasticloadbalancing:${region}:${accountId}:loadbalancer/${lb.LoadBalancerName}`,
        tags: {},
        name: lb.LoadBalancerName,
        type: 'classic',
        createdTime: iso(lb.CreatedTime),
        targetCount: lb.Instances?.length ?? 0,
      });
    }
    marker = page.NextMarker;
  } while (marker);
  return lbs;
}

/** Tag the classic load balancers in place, a call per group; a failed group stays untagged and is a note. */
async function tagClassic(classic: ElasticLoadBalancingClient, ctx: RegionContext, lbs: LoadBalancer[]): Promise<void> {
  const byName = new Map(lbs.map((lb) => [lb.name, lb]));
  for (const group of chunks([...byName.keys()], TAGS_PER_CALL)) {
    await guard(ctx.notes, where(ctx, 'elb:DescribeTags'), async () => {
      const page = await classic.send(new DescribeClassicTagsCommand({ LoadBalancerNames: group }));
      for (const d of page.TagDescriptions ?? []) {
        const lb = byName.get(d.LoadBalancerName ?? '');
        if (lb) lb.tags = tagRecord(d.Tags);
      }
    });
  }
}
