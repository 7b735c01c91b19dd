/** EC2: instances, volumes, snapshots, AMIs, Elastic IPs, NAT gateways and Reserved Instances of one region. */
import {
  DescribeAddressesCommand,
  DescribeReservedInstancesCommand,
  EC2Client,
  paginateDescribeImages,
  paginateDescribeInstances,
  paginateDescribeNatGateways,
  paginateDescribeSnapshots,
  paginateDescribeVolumes,
} from '@aws-sdk/client-ec2';
import type { Ec2Instance, NatGateway, ResourceInventory } from '../../domain/resources';
import { guard } from '../guard';
import { iso, type RegionContext, tagRecord } from './context';
import { wantVolumeMetrics } from './ebs-metrics';
import { readSpotPrices } from './spot';

const GIB = 1024 ** 3;

/** "User initiated (2026-10-01 10:00:00 GMT)" → the ISO time it stopped. */
export function stoppedSince(reason: string | undefined): string | undefined {
  const m = reason?.match(/\((\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) GMT\)/);
  return m ? `${m[1]}T${m[2]}Z` : undefined;
}

/** Read EC2 in one region. Each list is read once with all its pages; a failed list is a note. */
export async function collectEc2(ctx: RegionContext): Promise<Partial<ResourceInventory>> {
  const { aws, region, accountId, notes } = ctx;
  const client = aws.client(EC2Client, region);
  const where = (op: string) => ({ source: `ec2:${op}`, region, accountId });
  const out: Partial<ResourceInventory> = {};
  await guard(notes, where('DescribeInstances'), async () => {
    out.instances = await readInstances(client, ctx);
  });
  const spotTypes = (out.instances ?? []).filter(spotPriced).map((i) => i.instanceType);
  if (spotTypes.length) {
    await guard(notes, where('DescribeSpotPriceHistory'), async () => {
      out.spotPrices = await readSpotPrices(client, ctx, spotTypes);
    });
  }
  await guard(notes, where('DescribeVolumes'), async () => {
    out.volumes = await readVolumes(client, ctx);
  });
  await guard(notes, where('DescribeSnapshots'), async () => {
    out.snapshots = await readSnapshots(client, ctx);
  });
  await guard(notes, where('DescribeImages'), async () => {
    out.images = await readImages(client, ctx);
  });
  await guard(notes, where('DescribeAddresses'), async () => {
    out.addresses = await readAddresses(client, ctx);
  });
  await guard(notes, where('DescribeNatGateways'), async () => {
    out.natGateways = await readNatGateways(client, ctx);
  });
  await guard(notes, where('DescribeReservedInstances'), async () => {
    out.reservedInstances = await readReservedInstances(client, ctx);
  });
  return out;
}

/** Running On-Demand Linux instances outside Auto Scaling groups: the ones ec2-spot-candidate prices at Spot. */
const spotPriced = (i: Ec2Instance): boolean =>
  i.state === 'running' &&
  i.lifecycle === 'on-demand' &&
  i.platform === 'linux' &&
  i.tags['aws:autoscaling:groupName'] === undefined;

/** Instances not terminated, each running one with its CPU metric asked for (and T types their surplus credits). */
async function readInstances(client: EC2Client, ctx: RegionContext): Promise<ResourceInventory['instances']> {
  const { region, accountId } = ctx;
  const instances: ResourceInventory['instances'] = [];
  for await (const page of paginateDescribeInstances({ client }, {})) {
    for (const r of page.Reservations ?? []) {
      for (const i of r.Instances ?? []) {
        if (!i.InstanceId || i.State?.Name === 'terminated') continue;
        const owner = r.OwnerId ?? accountId;
        const instance: Ec2Instance = {
          accountId: owner,
          region,
          id: i.InstanceId,
          arn: `arn:aws:ec2:${region}:${owner}:instance/${i.InstanceId}`,
          tags: tagRecord(i.Tags),
          instanceType: i.InstanceType ?? 'unknown',
          imageId: i.ImageId,
          state: i.State?.Name ?? 'unknown',
          launchTime: iso(i.LaunchTime),
          stoppedSince: i.State?.Name === 'stopped' ? stoppedSince(i.StateTransitionReason) : undefined,
          platform: i.Platform?.toLowerCase() === 'windows' ? 'windows' : 'linux',
          architecture: i.Architecture,
          lifecycle: i.InstanceLifecycle ?? 'on-demand',
          volumeIds: (i.BlockDeviceMappings ?? []).flatMap((b) => (b.Ebs?.VolumeId ? [b.Ebs.VolumeId] : [])),
          publicIp: i.PublicIpAddress,
          monitoring: i.Monitoring?.State,
        };
        instances.push(instance);
        if (instance.state === 'running') {
          ctx.metrics.want(instance, 'AWS/EC2', 'CPUUtilization', { InstanceId: instance.id }, 'gauge');
          if (/^t\d/.test(instance.instanceType)) {
            ctx.metrics.want(instance, 'AWS/EC2', 'CPUSurplusCreditsCharged', { InstanceId: instance.id }, 'count');
          }
        }
      }
    }
  }
  return instances;
}

/** EBS volumes with the instances they are attached to. */
async function readVolumes(
  client: EC2Client,
  { region, accountId, metrics }: RegionContext,
): Promise<ResourceInventory['volumes']> {
  const volumes: ResourceInventory['volumes'] = [];
  for await (const page of paginateDescribeVolumes({ client }, {})) {
    for (const v of page.Volumes ?? []) {
      if (!v.VolumeId) continue;
      volumes.push({
        accountId,
        region,
        id: v.VolumeId,
        arn: `arn:aws:ec2:${region}:${accountId}:volume/${v.VolumeId}`,
        tags: tagRecord(v.Tags),
        type: v.VolumeType ?? 'unknown',
        sizeGb: v.Size ?? 0,
        iops: v.Iops,
        throughputMBps: v.Throughput,
        state: v.State ?? 'unknown',
        attachedInstanceIds: (v.Attachments ?? []).flatMap((a) => (a.InstanceId ? [a.InstanceId] : [])),
        createTime: iso(v.CreateTime),
      });
    }
  }
  for (const v of volumes) wantVolumeMetrics(metrics, v);
  return volumes;
}

/** EBS snapshots the account owns. */
async function readSnapshots(
  client: EC2Client,
  { region, accountId }: RegionContext,
): Promise<ResourceInventory['snapshots']> {
  const snapshots: ResourceInventory['snapshots'] = [];
  for await (const page of paginateDescribeSnapshots({ client }, { OwnerIds: ['self'] })) {
    for (const s of page.Snapshots ?? []) {
      if (!s.SnapshotId) continue;
      const owner = s.OwnerId ?? accountId;
      snapshots.push({
        accountId: owner,
        region,
        id: s.SnapshotId,
        arn: `arn:aws:ec2:${region}::snapshot/${s.SnapshotId}`,
        tags: tagRecord(s.Tags),
        // vol-ffffffff is what EC2 shows for snapshots copied or made from an AMI: no source volume.
        volumeId: s.VolumeId && s.VolumeId !== 'vol-ffffffff' ? s.VolumeId : undefined,
        volumeSizeGb: s.VolumeSize ?? 0,
        fullSizeGb: s.FullSnapshotSizeInBytes === undefined ? undefined : s.FullSnapshotSizeInBytes / GIB,
        startTime: iso(s.StartTime) ?? '',
        storageTier: s.StorageTier ?? 'standard',
        description: s.Description,
      });
    }
  }
  return snapshots;
}

/** AMIs the account owns, with the snapshots behind them. */
async function readImages(
  client: EC2Client,
  { region, accountId }: RegionContext,
): Promise<ResourceInventory['images']> {
  const images: ResourceInventory['images'] = [];
  for await (const page of paginateDescribeImages({ client }, { Owners: ['self'] })) {
    for (const img of page.Images ?? []) {
      if (!img.ImageId) continue;
      images.push({
        accountId: img.OwnerId ?? accountId,
        region,
        id: img.ImageId,
        arn: `arn:aws:ec2:${region}::image/${img.ImageId}`,
        tags: tagRecord(img.Tags),
        name: img.Name,
        creationDate: img.CreationDate,
        snapshotIds: (img.BlockDeviceMappings ?? []).flatMap((b) => (b.Ebs?.SnapshotId ? [b.Ebs.SnapshotId] : [])),
        state: img.State ?? 'unknown',
      });
    }
  }
  return images;
}

/** Elastic IPs (one unpaged call) and what each is associated with. */
async function readAddresses(
  client: EC2Client,
  { region, accountId }: RegionContext,
): Promise<ResourceInventory['addresses']> {
  const page = await client.send(new DescribeAddressesCommand({}));
  return (page.Addresses ?? []).flatMap((a) =>
    a.AllocationId && a.PublicIp
      ? [
          {
            accountId,
            region,
            id: a.AllocationId,
            arn: `arn:aws:ec2:${region}:${accountId}:elastic-ip/${a.AllocationId}`,
            tags: tagRecord(a.Tags),
            publicIp: a.PublicIp,
            associationId: a.AssociationId,
            instanceId: a.InstanceId,
            networkInterfaceId: a.NetworkInterfaceId,
          },
        ]
      : [],
  );
}

/** NAT gateways not deleted, each with its traffic metrics asked for. */
async function readNatGateways(client: EC2Client, ctx: RegionContext): Promise<ResourceInventory['natGateways']> {
  const { region, accountId } = ctx;
  const natGateways: ResourceInventory['natGateways'] = [];
  for await (const page of paginateDescribeNatGateways({ client }, {})) {
    for (const n of page.NatGateways ?? []) {
      if (!n.NatGatewayId || n.State === 'deleted') continue;
      const nat: NatGateway = {
        accountId,
        region,
        id: n.NatGatewayId,
        arn: `arn:aws:ec2:${region}:${accountId}:natgateway/${n.NatGatewayId}`,
        tags: tagRecord(n.Tags),
        state: n.State ?? 'unknown',
        createTime: iso(n.CreateTime),
        vpcId: n.VpcId,
      };
      natGateways.push(nat);
      for (const name of ['BytesOutToDestination', 'BytesInFromDestination'] as const) {
        ctx.metrics.want(nat, 'AWS/NATGateway', name, { NatGatewayId: nat.id }, 'count');
      }
    }
  }
  return natGateways;
}

/** Active EC2 Reserved Instances (one unpaged call). */
async function readReservedInstances(
  client: EC2Client,
  { region, accountId }: RegionContext,
): Promise<ResourceInventory['reservedInstances']> {
  const page = await client.send(
    new DescribeReservedInstancesCommand({ Filters: [{ Name: 'state', Values: ['active'] }] }),
  );
  return (page.ReservedInstances ?? []).map((ri) => ({
    accountId,
    region,
    id: ri.ReservedInstancesId ?? 'unknown',
    tags: tagRecord(ri.Tags),
    instanceType: ri.InstanceType ?? 'unknown',
    count: ri.InstanceCount ?? 0,
    state: ri.State ?? 'unknown',
    end: iso(ri.End),
  }));
}
