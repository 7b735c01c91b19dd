/** VPC endpoints and Transit Gateway attachments of one region, with the traffic each carried. */
import {
  EC2Client,
  paginateDescribeTransitGatewayAttachments,
  paginateDescribeVpcEndpoints,
} from '@aws-sdk/client-ec2';
import type { ResourceInventory } from '../../domain/resources';
import type { TransitGatewayAttachment, VpcEndpoint } from '../../domain/resources-network';
import { guard } from '../guard';
import { iso, type RegionContext, tagRecord } from './context';

/** States that no longer bill (or never did). */
const GONE = new Set(['deleted', 'deleting', 'rejected', 'failed', 'expired']);

/** Read the region's VPC endpoints (each interface endpoint with its BytesProcessed) and TGW attachments. */
export async function collectVpcNetwork(ctx: RegionContext): Promise<Partial<ResourceInventory>> {
  const { aws, region, accountId, notes } = ctx;
  const client = aws.client(EC2Client, region);
  const out: Partial<ResourceInventory> = {};
  const endpoints = await guard(notes, { source: 'ec2:DescribeVpcEndpoints', region, accountId }, () =>
    readEndpoints(client, ctx),
  );
  if (endpoints) {
    out.vpcEndpoints = endpoints;
    const source = 'ec2:DescribeVpcEndpoints';
    out.listsRead = [{ accountId, region, id: `${source}@${accountId}/${region}`, tags: {}, source }];
  }
  const attachments = await guard(notes, { source: 'ec2:DescribeTransitGatewayAttachments', region, accountId }, () =>
    readAttachments(client, ctx),
  );
  if (attachments) out.transitGatewayAttachments = attachments;
  return out;
}

async function readEndpoints(client: EC2Client, ctx: RegionContext): Promise<ResourceInventory['vpcEndpoints']> {
  const { region, accountId } = ctx;
  const list: ResourceInventory['vpcEndpoints'] = [];
  for await (const page of paginateDescribeVpcEndpoints({ client }, {})) {
    for (const e of page.VpcEndpoints ?? []) {
      const state = (e.State ?? 'unknown').toLowerCase();
      if (!e.VpcEndpointId || GONE.has(state)) continue;
      const owner = e.OwnerId ?? accountId;
      const endpoint: VpcEndpoint = {
        accountId: owner,
        region,
        id: e.VpcEndpointId,
        arn: `arn:aws:ec2:${region}:${owner}:vpc-endpoint/${e.VpcEndpointId}`,
        tags: tagRecord(e.Tags),
        endpointType: e.VpcEndpointType ?? 'unknown',
        serviceName: e.ServiceName ?? '',
        vpcId: e.VpcId ?? '',
        state,
        subnetIds: e.SubnetIds ?? [],
        createTime: iso(e.CreationTimestamp),
      };
      list.push(endpoint);
      if (endpoint.endpointType === 'Interface') {
        // PrivateLink publishes per-endpoint metrics under all four dimensions; the query must name each.
        const dimensions = {
          'VPC Endpoint Id': endpoint.id,
          'Endpoint Type': 'Interface',
          'Service Name': endpoint.serviceName,
          'VPC Id': endpoint.vpcId,
        };
        ctx.metrics.want(endpoint, 'AWS/PrivateLinkEndpoints', 'BytesProcessed', dimensions, 'count');
      }
    }
  }
  return list;
}

async function readAttachments(
  client: EC2Client,
  ctx: RegionContext,
): Promise<ResourceInventory['transitGatewayAttachments']> {
  const { region, accountId } = ctx;
  const list: ResourceInventory['transitGatewayAttachments'] = [];
  for await (const page of paginateDescribeTransitGatewayAttachments({ client }, {})) {
    for (const a of page.TransitGatewayAttachments ?? []) {
      const state = a.State ?? 'unknown';
      if (!a.TransitGatewayAttachmentId || !a.TransitGatewayId || GONE.has(state)) continue;
      // A shared transit gateway's attachments are listed in its owner's account and in each VPC owner's: read them
      // once, where the gateway's metrics are, and bill them to the attached resource's owner, who pays the hours.
      if (a.TransitGatewayOwnerId && a.TransitGatewayOwnerId !== accountId) continue;
      const owner = a.ResourceOwnerId ?? accountId;
      const attachment: TransitGatewayAttachment = {
        accountId: owner,
        region,
        id: a.TransitGatewayAttachmentId,
        arn: `arn:aws:ec2:${region}:${owner}:transit-gateway-attachment/${a.TransitGatewayAttachmentId}`,
        tags: tagRecord(a.Tags),
        transitGatewayId: a.TransitGatewayId,
        resourceType: a.ResourceType ?? 'unknown',
        resourceId: a.ResourceId,
        resourceOwnerId: a.ResourceOwnerId,
        state,
        createTime: iso(a.CreationTime),
      };
      list.push(attachment);
      const dimensions = { TransitGatewayAttachment: attachment.id, TransitGateway: attachment.transitGatewayId };
      for (const name of ['BytesIn', 'BytesOut'] as const) {
        ctx.metrics.want(attachment, 'AWS/TransitGateway', name, dimensions, 'count');
      }
    }
  }
  return list;
}
