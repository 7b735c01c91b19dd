/** CloudWatch metric alarms of one region: state, since when, and how many metrics each is billed for. */
import { CloudWatchClient, paginateDescribeAlarms, type MetricAlarm as SdkAlarm } from '@aws-sdk/client-cloudwatch';
import type { ResourceInventory } from '../../domain/resources';
import type { MetricAlarm } from '../../domain/resources-network';
import { guard } from '../guard';
import { arnAccount, iso, type RegionContext } from './context';

/** Read the region's metric alarms (composite alarms are left out: they are billed and judged differently). */
export async function collectMetricAlarms(ctx: RegionContext): Promise<Partial<ResourceInventory>> {
  const { aws, region, accountId, notes } = ctx;
  const client = aws.client(CloudWatchClient, region);
  const metricAlarms = await guard(notes, { source: 'cloudwatch:DescribeAlarms', region, accountId }, async () => {
    const list: MetricAlarm[] = [];
    for await (const page of paginateDescribeAlarms({ client }, { AlarmTypes: ['MetricAlarm'] })) {
      for (const a of page.MetricAlarms ?? []) if (a.AlarmName) list.push(alarmOf(a, region, accountId));
    }
    return list;
  });
  return metricAlarms ? { metricAlarms } : {};
}

/** One alarm as the rules see it. Tags are not read (ListTagsForResource is one call an alarm). */
export function alarmOf(a: SdkAlarm, region: string, accountId: string): MetricAlarm {
  const queries = a.Metrics ?? [];
  const stats = queries.filter((q) => q.MetricStat);
  const single = a.MetricName ? [{ Dimensions: a.Dimensions, Namespace: a.Namespace, Period: a.Period }] : [];
  const periods = [a.Period, ...queries.map((q) => q.MetricStat?.Period ?? q.Period)].filter(
    (p): p is number => typeof p === 'number',
  );
  const dims = a.Dimensions ?? stats[0]?.MetricStat?.Metric?.Dimensions ?? [];
  return {
    accountId: arnAccount(a.AlarmArn, accountId),
    region,
    id: a.AlarmName ?? '',
    arn: a.AlarmArn,
    tags: {},
    name: a.AlarmName ?? '',
    state: a.StateValue ?? 'unknown',
    // The last change of state (StateUpdatedTimestamp also moves when only the reason is updated).
    stateSince: iso(a.StateTransitionedTimestamp ?? a.StateUpdatedTimestamp),
    namespace: a.Namespace ?? stats[0]?.MetricStat?.Metric?.Namespace,
    metricName: a.MetricName ?? stats[0]?.MetricStat?.Metric?.MetricName,
    dimensions: Object.fromEntries(dims.filter((d) => d.Name).map((d) => [d.Name as string, d.Value ?? ''])),
    metricCount: single.length + stats.length,
    ...(periods.length ? { periodSeconds: Math.min(...periods) } : {}),
    anomalyDetection: a.ThresholdMetricId !== undefined,
  };
}
