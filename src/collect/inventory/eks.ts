/**
 * EKS clusters of one region, with the support status of their Kubernetes versions. Which versions are in extended
 * support is read from EKS itself (DescribeClusterVersions, every version), not from a bundled calendar.
 */
import {
  DescribeClusterCommand,
  EKSClient,
  paginateDescribeClusterVersions,
  paginateListClusters,
  paginateListFargateProfiles,
  paginateListNodegroups,
} from '@aws-sdk/client-eks';
import type { ResourceInventory } from '../../domain/resources';
import type { EksCluster } from '../../domain/resources-compute';
import { guard } from '../guard';
import { arnAccount, iso, type RegionContext } from './context';

/** How many managed node groups and Fargate profiles a cluster has (each left undefined when its call fails). */
async function countCompute(client: EKSClient, c: EksCluster, ctx: RegionContext): Promise<void> {
  const where = (op: string) => ({ source: `eks:${op}`, region: ctx.region, accountId: ctx.accountId });
  await guard(ctx.notes, where('ListNodegroups'), async () => {
    let n = 0;
    for await (const page of paginateListNodegroups({ client }, { clusterName: c.id }))
      n += page.nodegroups?.length ?? 0;
    c.nodegroups = n;
  });
  await guard(ctx.notes, where('ListFargateProfiles'), async () => {
    let n = 0;
    for await (const page of paginateListFargateProfiles({ client }, { clusterName: c.id })) {
      n += page.fargateProfileNames?.length ?? 0;
    }
    c.fargateProfiles = n;
  });
}

/** Read the clusters of one region (one DescribeCluster each: tags and version come with it). */
export async function collectEksClusters(ctx: RegionContext): Promise<Partial<ResourceInventory>> {
  const { aws, region, accountId, notes } = ctx;
  const client = aws.client(EKSClient, region);
  const where = (op: string) => ({ source: `eks:${op}`, region, accountId });
  const names = await guard(notes, where('ListClusters'), async () => {
    const list: string[] = [];
    for await (const page of paginateListClusters({ client }, {})) list.push(...(page.clusters ?? []));
    return list;
  });
  if (!names) return {};
  const clusters: EksCluster[] = [];
  for (const name of names) {
    await guard(notes, where('DescribeCluster'), async () => {
      const c = (await client.send(new DescribeClusterCommand({ name }))).cluster;
      if (!c?.name) return;
      clusters.push({
        accountId: arnAccount(c.arn, accountId),
        region,
        id: c.name,
        arn: c.arn,
        tags: c.tags ?? {},
        version: c.version ?? 'unknown',
        status: c.status ?? 'unknown',
        createdAt: iso(c.createdAt),
        supportType: c.upgradePolicy?.supportType,
      });
    });
  }
  if (clusters.length === 0) return { eksClusters: clusters };
  for (const c of clusters) await countCompute(client, c, ctx);
  await guard(notes, where('DescribeClusterVersions'), async () => {
    const versions = new Map<string, { status?: string; end?: string }>();
    for await (const page of paginateDescribeClusterVersions({ client }, { includeAll: true })) {
      for (const v of page.clusterVersions ?? []) {
        if (v.clusterVersion) {
          versions.set(v.clusterVersion, { status: v.versionStatus, end: iso(v.endOfStandardSupportDate) });
        }
      }
    }
    for (const c of clusters) {
      const v = versions.get(c.version);
      c.versionStatus = v?.status;
      c.endOfStandardSupport = v?.end;
    }
  });
  return { eksClusters: clusters };
}
