/** CloudWatch log groups of one region: retention and stored bytes (tags are not read: one call per group). */
import { CloudWatchLogsClient, paginateDescribeLogGroups } from '@aws-sdk/client-cloudwatch-logs';
import type { ResourceInventory } from '../../domain/resources';
import { guard } from '../guard';
import { arnAccount, iso, type RegionContext } from './context';

/** Read the log groups of one region. */
export async function collectLogGroups(ctx: RegionContext): Promise<Partial<ResourceInventory>> {
  const { aws, region, accountId, notes } = ctx;
  const client = aws.client(CloudWatchLogsClient, region);
  const logGroups = await guard(notes, { source: 'logs:DescribeLogGroups', region, accountId }, async () => {
    const groups: ResourceInventory['logGroups'] = [];
    for await (const page of paginateDescribeLogGroups({ client }, {})) {
      for (const g of page.logGroups ?? []) {
        if (!g.logGroupName) continue;
        groups.push({
          accountId: arnAccount(g.arn, accountId),
          region,
          id: g.logGroupName,
          arn: g.arn,
          tags: {},
          retentionDays: g.retentionInDays,
          storedBytes: g.storedBytes ?? 0,
          creationTime: iso(g.creationTime),
          logGroupClass: g.logGroupClass,
          metricFilterCount: g.metricFilterCount,
        });
      }
    }
    return groups;
  });
  // Ingestion, for the groups whose class could be cheaper (logs-infrequent-access-candidate).
  for (const g of logGroups ?? []) {
    if (g.logGroupClass !== 'INFREQUENT_ACCESS')
      ctx.metrics.want(g, 'AWS/Logs', 'IncomingBytes', { LogGroupName: g.id }, 'count');
  }
  return logGroups ? { logGroups } : {};
}
