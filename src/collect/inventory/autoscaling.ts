/** EC2 Auto Scaling groups of one region, with their scheduled actions and the Spot prices of their types. */
import {
  AutoScalingClient,
  paginateDescribeAutoScalingGroups,
  paginateDescribeScheduledActions,
  type AutoScalingGroup as SdkGroup,
} from '@aws-sdk/client-auto-scaling';
import { EC2Client } from '@aws-sdk/client-ec2';
import type { ResourceInventory } from '../../domain/resources';
import type { AutoScalingGroup } from '../../domain/resources-compute';
import { guard } from '../guard';
import { arnAccount, iso, type RegionContext, tagRecord } from './context';
import { readSpotPrices } from './spot';

/** One group as the rules see it. */
function toGroup(g: SdkGroup, ctx: RegionContext): AutoScalingGroup | undefined {
  if (!g.AutoScalingGroupName) return undefined;
  const dist = g.MixedInstancesPolicy?.InstancesDistribution;
  return {
    accountId: arnAccount(g.AutoScalingGroupARN, ctx.accountId),
    region: ctx.region,
    id: g.AutoScalingGroupName,
    arn: g.AutoScalingGroupARN,
    tags: tagRecord(g.Tags),
    desired: g.DesiredCapacity ?? 0,
    min: g.MinSize ?? 0,
    max: g.MaxSize ?? 0,
    createdTime: iso(g.CreatedTime),
    instances: (g.Instances ?? []).flatMap((i) =>
      i.InstanceId && i.InstanceType
        ? [{ id: i.InstanceId, instanceType: i.InstanceType, lifecycleState: i.LifecycleState ?? 'unknown' }]
        : [],
    ),
    // Without a mixed instances policy a group launches On-Demand only (a launch template asking for Spot aside).
    onDemandPercentAboveBase: g.MixedInstancesPolicy ? (dist?.OnDemandPercentageAboveBaseCapacity ?? 100) : 100,
    onDemandBase: dist?.OnDemandBaseCapacity ?? 0,
  };
}

/** Read the Auto Scaling groups of one region; then which have scheduled actions, and their types' Spot prices. */
export async function collectAutoScalingGroups(ctx: RegionContext): Promise<Partial<ResourceInventory>> {
  const { aws, region, accountId, notes } = ctx;
  const client = aws.client(AutoScalingClient, region);
  const where = (op: string) => ({ source: `autoscaling:${op}`, region, accountId });
  const groups = await guard(notes, where('DescribeAutoScalingGroups'), async () => {
    const list: AutoScalingGroup[] = [];
    for await (const page of paginateDescribeAutoScalingGroups({ client }, {})) {
      for (const g of page.AutoScalingGroups ?? []) {
        const group = toGroup(g, ctx);
        if (group) list.push(group);
      }
    }
    return list;
  });
  if (!groups?.length) return groups ? { autoScalingGroups: groups } : {};
  await guard(notes, where('DescribeScheduledActions'), async () => {
    const scheduled = new Set<string>();
    for await (const page of paginateDescribeScheduledActions({ client }, {})) {
      for (const a of page.ScheduledUpdateGroupActions ?? []) {
        if (a.AutoScalingGroupName) scheduled.add(a.AutoScalingGroupName);
      }
    }
    for (const g of groups) g.scheduled = scheduled.has(g.id);
  });
  const types = groups.flatMap((g) => (g.onDemandPercentAboveBase > 0 ? g.instances.map((i) => i.instanceType) : []));
  const out: Partial<ResourceInventory> = { autoScalingGroups: groups };
  if (types.length) {
    const ec2 = aws.client(EC2Client, region);
    await guard(notes, { source: 'ec2:DescribeSpotPriceHistory', region, accountId }, async () => {
      out.spotPrices = await readSpotPrices(ec2, ctx, types);
    });
  }
  return out;
}
