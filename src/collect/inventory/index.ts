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
import { collectMetricAlarms } from './alarms';
import { collectRestApis } from './apigateway';
import { collectAutoScalingGroups } from './autoscaling';
import type { RegionContext } from './context';
import { collectDatabaseServices } from './database';
import { collectTables } from './dynamodb';
import { collectEc2 } from './ec2';
import { collectRepositories } from './ecr';
import { collectEcsServices } from './ecs';
import { collectFileSystems } from './efs';
import { collectEksClusters } from './eks';
import { collectCacheClusters } from './elasticache';
import { collectLoadBalancers } from './elb';
import { collectFunctions } from './lambda';
import { collectLogGroups } from './logs';
import { collectManagedServices } from './managed';
import { MetricRequests } from './metrics';
import { collectRds } from './rds';
import { collectHealthChecks } from './route53';
import { collectBuckets } from './s3';
import { collectVpcNetwork } from './vpc';

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
  collectVpcNetwork,
  collectHealthChecks,
  collectMetricAlarms,
  collectAutoScalingGroups,
  collectEksClusters,
  collectEcsServices,
  collectRestApis,
  collectDatabaseServices,
  collectRepositories,
  collectManagedServices,
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

/** What one account's region gave: its resources by kind (undefined when the region could not be read) and notes. */
export interface RegionRead {
  accountId: string;
  region: string;
  parts?: Partial<ResourceInventory>[];
  notes: Note[];
}

/** The statistics window the rules judge on, ending the day before asOf. */
export const metricWindow = (asOf: string): ResourceInventory['metricWindow'] => ({
  days: METRIC_WINDOW_DAYS,
  start: addDays(asOf, -METRIC_WINDOW_DAYS),
  end: asOf,
});

/** The regions to read in an account: the configured ones, else those enabled for it, else the home region. */
export async function regionsOf(aws: Aws, config: Pick<Config, 'regions'>, notes: Note[]): Promise<string[]> {
  return config.regions ?? (await enabledRegions(aws, notes)) ?? [aws.homeRegion];
}

/** Read one region of one account: every service collector, then the region's metrics. */
export async function collectRegionResources(
  aws: Aws,
  where: { accountId: string; region: string },
  asOf: string,
): Promise<RegionRead> {
  const notes: Note[] = [];
  const ctx = { aws, region: where.region, accountId: where.accountId, asOf, notes, metrics: new MetricRequests() };
  const parts = await collectRegion(ctx, metricWindow(asOf));
  return { ...where, ...(parts ? { parts } : {}), notes };
}

/** Merge region reads into one inventory, in the order given, so it never depends on which region answered first. */
export function mergeRegionReads(inventory: ResourceInventory, reads: RegionRead[], notes: Note[]): void {
  for (const read of reads) {
    notes.push(...read.notes);
    if (!read.parts) continue;
    if (!inventory.regions.includes(read.region)) inventory.regions.push(read.region);
    for (const part of read.parts) {
      for (const [kind, list] of Object.entries(part) as [ResourceKind, never[]][]) inventory[kind].push(...list);
    }
  }
}

/** EC2 prices for the instances outside the bundled table's region, read from the Price List API. */
export async function refreshPrices(aws: Aws, inventory: ResourceInventory, notes: Note[]): Promise<void> {
  const wanted = inventory.instances
    .filter((i) => i.region !== TABLE_REGION)
    .flatMap((i) => typesToPrice(i.instanceType).map((instanceType) => ({ region: i.region, instanceType })));
  inventory.ec2Prices = await fetchEc2Prices(aws, wanted, notes);
}

/** Read every resource the rules judge in the credentials' own account, in every configured (or enabled) region. */
export async function collectResources(
  aws: Aws,
  config: Pick<Config, 'regions'> & Partial<Pick<Config, 'priceRefresh'>>,
  notes: Note[],
  options: { asOf: string; accountId: string },
): Promise<ResourceInventory> {
  const inventory = emptyResources(metricWindow(options.asOf));
  const regions = await regionsOf(aws, config, notes);
  const reads = await mapBounded(regions, REGION_CONCURRENCY, (region) =>
    collectRegionResources(aws, { accountId: options.accountId, region }, options.asOf),
  );
  mergeRegionReads(inventory, reads, notes);
  const buckets = await collectBuckets(
    aws,
    aws.homeRegion,
    options.accountId,
    inventory.regions,
    notes,
    inventory.metricWindow,
  );
  if (buckets) inventory.buckets = buckets;
  if (config.priceRefresh) await refreshPrices(aws, inventory, notes);
  return inventory;
}
