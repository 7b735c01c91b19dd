/** OpenSearch Service domains of one region with their search and indexing rates. */
import {
  DescribeDomainsCommand,
  type DomainStatus,
  ListDomainNamesCommand,
  ListTagsCommand,
  OpenSearchClient,
} from '@aws-sdk/client-opensearch';
import type { ResourceInventory } from '../../domain/resources';
import type { SearchDomain } from '../../domain/resources-managed';
import { guard } from '../guard';
import { arnAccount, type RegionContext, tagRecord } from './context';

/** DescribeDomains takes at most five domain names a call. */
export const DOMAINS_PER_CALL = 5;

const domainOf = (d: DomainStatus, ctx: RegionContext): SearchDomain => {
  const c = d.ClusterConfig ?? {};
  const ebs = d.EBSOptions;
  return {
    accountId: arnAccount(d.ARN, ctx.accountId),
    region: ctx.region,
    id: d.DomainName ?? '',
    arn: d.ARN,
    tags: {},
    engineVersion: d.EngineVersion,
    deleted: Boolean(d.Deleted),
    instanceType: c.InstanceType ?? 'unknown',
    instanceCount: c.InstanceCount ?? 1,
    ...(c.DedicatedMasterEnabled && c.DedicatedMasterType
      ? { master: { instanceType: c.DedicatedMasterType, count: c.DedicatedMasterCount ?? 0 } }
      : {}),
    ...(c.WarmEnabled && c.WarmType ? { warm: { instanceType: c.WarmType, count: c.WarmCount ?? 0 } } : {}),
    ...(ebs?.EBSEnabled && ebs.VolumeType
      ? { ebs: { volumeType: ebs.VolumeType, sizeGb: ebs.VolumeSize ?? 0, iops: ebs.Iops } }
      : {}),
  };
};

/** Read the domains of one region (names, then DescribeDomains five at a time, then each domain's tags). */
export async function collectSearchDomains(ctx: RegionContext): Promise<Partial<ResourceInventory>> {
  const { aws, region, accountId, notes } = ctx;
  const client = aws.client(OpenSearchClient, region);
  const names = await guard(notes, { source: 'es:ListDomainNames', region, accountId }, async () =>
    ((await client.send(new ListDomainNamesCommand({}))).DomainNames ?? [])
      .map((n) => n.DomainName)
      .filter((n): n is string => Boolean(n)),
  );
  if (!names) return {};
  const domains: SearchDomain[] = [];
  for (let at = 0; at < names.length; at += DOMAINS_PER_CALL) {
    const batch = names.slice(at, at + DOMAINS_PER_CALL);
    const page = await guard(notes, { source: 'es:DescribeDomains', region, accountId }, () =>
      client.send(new DescribeDomainsCommand({ DomainNames: batch })),
    );
    domains.push(...(page?.DomainStatusList ?? []).filter((d) => d.DomainName).map((d) => domainOf(d, ctx)));
  }
  for (const d of domains) {
    const arn = d.arn;
    if (arn) {
      const tags = await guard(
        notes,
        { source: 'es:ListTags', region, accountId },
        async () => (await client.send(new ListTagsCommand({ ARN: arn }))).TagList,
      );
      d.tags = tagRecord(tags);
    }
    for (const name of ['SearchRate', 'IndexingRate'] as const) {
      ctx.metrics.want(d, 'AWS/ES', name, { DomainName: d.id, ClientId: d.accountId }, 'gauge');
    }
  }
  return { searchDomains: domains };
}
