/**
 * The resource inventory: every region read concurrently (a few at a time), each service once with all its pages,
 * then the region's CloudWatch metrics in batches. A region that cannot be read is one note, never a crash.
 */
import { DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import type { Aws } from '../../aws';
import type { Config } from '../../config';
import { addDays } from '../../domain/dates';
import type { Note } from '../../domain/note';
import { emptyResources, type ResourceInventory, type ResourceKind } from '../../domain/resources';
import { TABLE_REGION } from '../../pricing';
import { typesToPrice } from '../../pricing/ec2-types';
import { guard } from '../guard';
import { fetchEc2Prices } from '../prices';
import type { RegionContext } from './context';
import { collectTables } from './dynamodb';
import { collectEc2 } from './ec2';
import { collectFileSystems } from './efs';
import { collectCacheClusters } from './elasticache';
import { collectLoadBalancers } from './elb';
import { collectFunctions } from './lambda';
import { collectLogGroups } from './logs';
import { MetricRequests } from './metrics';
import { collectRds } from './rds';
import { collectBuckets } from './s3';

/** Days of CloudWatch statistics the rules judge on (Compute Optimizer's default lookback is 14 days too). */
export const METRIC_WINDOW_DAYS = 14;
/** Regions read at once: enough to hide latency, few enough to stay clear of API rate limits. */
export const REGION_CONCURRENCY = 4;

export { COLLECTOR_IAM_ACTIONS } from './iam';

/** The service collectors of one region; EC2 first, as the probe of whether the region can be read at all. */
const SERVICES = [
  collectLoadBalancers,
  collectRds,
  collectLogGroups,
  collectFunctions,
  collectTables,
  collectCacheClusters,
  collectFileSystems,
];

/** Run `work` over items with at most `limit` at a time; results in item order. */
export async function mapBounded<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Regions enabled for the account (opt-in regions only once opted in). */
async function enabledRegions(aws: Aws, notes: Note[]): Promise<string[] | undefined> {
  return guard(notes, { source: 'ec2:DescribeRegions', region: aws.homeRegion }, async () => {
    const page = await aws.client(EC2Client).send(new DescribeRegionsCommand({ AllRegions: false }));
    return (page.Regions ?? [])
      .filter((r) => r.OptInStatus !== 'not-opted-in' && r.RegionName)
      .map((r) => r.RegionName as string)
      .sort();
  });
}

async function collectRegion(ctx: RegionContext, window: ResourceInventory['metricWindow']) {
  const before = ctx.notes.length;
  const ec2 = await collectEc2(ctx);
  if (Object.keys(ec2).length === 0) {
    // Nothing of EC2 could be read: the region is disabled or denied (an SCP, an opt-in). One note says so.
    const first = ctx.notes[before];
    ctx.notes.splice(before);
    ctx.notes.push({
      kind: first?.kind ?? 'error',
      source: 'inventory',
      region: ctx.region,
      accountId: ctx.accountId,
      message: `region ${ctx.region} not read: ${first?.message ?? 'no EC2 answer'}`,
    });
    return undefined;
  }
  const parts = [ec2, ...(await Promise.all(SERVICES.map((collect) => collect(ctx))))];
  await ctx.metrics.fetch(ctx.aws, ctx.region, window, ctx.notes);
  return parts;
}

/** Read every resource the rules judge, in every configured (or enabled) region. */
export async function collectResources(
  aws: Aws,
  config: Pick<Config, 'regions'> & Partial<Pick<Config, 'priceRefresh'>>,
  notes: Note[],
  options: { asOf: string; accountId: string },
): Promise<ResourceInventory> {
  const window = { days: METRIC_WINDOW_DAYS, start: addDays(options.asOf, -METRIC_WINDOW_DAYS), end: options.asOf };
  const inventory = emptyResources(window);
  const regions = config.regions ?? (await enabledRegions(aws, notes)) ?? [aws.homeRegion];
  const perRegion = await mapBounded(regions, REGION_CONCURRENCY, (region) => {
    const regionNotes: Note[] = [];
    const ctx = {
      aws,
      region,
      accountId: options.accountId,
      asOf: options.asOf,
      notes: regionNotes,
      metrics: new MetricRequests(),
    };
    return collectRegion(ctx, window).then((parts) => ({ region, parts, notes: regionNotes }));
  });
  // Merged in region order, so the inventory does not depend on which region answered first.
  for (const { region, parts, notes: regionNotes } of perRegion) {
    notes.push(...regionNotes);
    if (!parts) continue;
    inventory.regions.push(region);
    for (const part of parts) {
      for (const [kind, list] of Object.entries(part) as [ResourceKind, never[]][]) inventory[kind].push(...list);
    }
  }
  const buckets = await collectBuckets(aws, aws.homeRegion, options.accountId, inventory.regions, notes);
  if (buckets) inventory.buckets = buckets;
  if (config.priceRefresh) {
    const wanted = inventory.instances
      .filter((i) => i.region !== TABLE_REGION)
      .flatMap((i) => typesToPrice(i.instanceType).map((instanceType) => ({ region: i.region, instanceType })));
    inventory.ec2Prices = await fetchEc2Prices(aws, wanted, notes);
  }
  return inventory;
}
