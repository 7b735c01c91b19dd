/** Route 53 health checks (a global service, read with the us-east-1 slice) with their status over the window. */
import { ListTagsForResourcesCommand, paginateListHealthChecks, Route53Client } from '@aws-sdk/client-route-53';
import type { ResourceInventory } from '../../domain/resources';
import { guard } from '../guard';
import { type RegionContext, tagRecord } from './context';

/** Route 53 is global and publishes HealthCheckStatus in us-east-1 only: the account's us-east-1 read takes it. */
export const HEALTH_CHECK_REGION = 'us-east-1';

/** ListTagsForResources accepts at most ten resource ids. */
const TAGS_PER_CALL = 10;

/** Types whose status comes from other checks or a CloudWatch alarm, not from probing an endpoint. */
const DERIVED = new Set(['CALCULATED', 'CLOUDWATCH_METRIC', 'RECOVERY_CONTROL']);

/** Read the account's health checks once (in us-east-1), each with its HealthCheckStatus asked for. */
export async function collectHealthChecks(ctx: RegionContext): Promise<Partial<ResourceInventory>> {
  const { aws, region, accountId, notes } = ctx;
  if (region !== HEALTH_CHECK_REGION) return {};
  const client = aws.client(Route53Client, HEALTH_CHECK_REGION);
  const healthChecks = await guard(notes, { source: 'route53:ListHealthChecks', region, accountId }, async () => {
    const list: ResourceInventory['healthChecks'] = [];
    for await (const page of paginateListHealthChecks({ client }, {})) {
      for (const h of page.HealthChecks ?? []) {
        if (!h.Id) continue;
        const type = h.HealthCheckConfig?.Type ?? 'unknown';
        list.push({
          accountId,
          region: HEALTH_CHECK_REGION,
          id: h.Id,
          arn: `arn:aws:route53:::healthcheck/${h.Id}`,
          tags: {},
          type,
          ipAddress: h.HealthCheckConfig?.IPAddress,
          domainName: h.HealthCheckConfig?.FullyQualifiedDomainName,
          derived: DERIVED.has(type),
        });
      }
    }
    return list;
  });
  // Route 53 keeps tags apart: ListTagsForResources takes ten checks a call. Without them a check has no owner.
  const checks = healthChecks ?? [];
  for (let at = 0; at < checks.length; at += TAGS_PER_CALL) {
    const batch = checks.slice(at, at + TAGS_PER_CALL);
    await guard(notes, { source: 'route53:ListTagsForResources', region, accountId }, async () => {
      const r = await client.send(
        new ListTagsForResourcesCommand({ ResourceType: 'healthcheck', ResourceIds: batch.map((h) => h.id) }),
      );
      for (const set of r.ResourceTagSets ?? []) {
        const h = batch.find((c) => c.id === set.ResourceId);
        if (h) h.tags = tagRecord(set.Tags);
      }
    });
  }
  for (const h of healthChecks ?? []) {
    if (!h.derived) ctx.metrics.want(h, 'AWS/Route53', 'HealthCheckStatus', { HealthCheckId: h.id }, 'gauge');
  }
  return healthChecks ? { healthChecks } : {};
}
