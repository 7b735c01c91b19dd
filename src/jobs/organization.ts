/**
 * The organization's fan-out as three steps, the same in the state machine (deploy/organization.asl.json, one Lambda
 * per step: functions/organization.ts) and on the local runner here, which runs them in-process with a memory store:
 *   1. list: the accounts and their work items (account x region), kept as the run's work list;
 *   2. slice: one work item read through its account's role, kept as a slice (the state machine's Map, with
 *      MaxConcurrency; the local runner: DURION_SLICE_CONCURRENCY at a time);
 *   3. aggregate: every slice loaded and merged; then the daily job analyses, reconciles and delivers once.
 * A work item without a slice (it failed after the state machine's retries) is a note naming its account and region.
 */
import type { Aws, AwsMode } from '../aws';
import type { Account } from '../collect/accounts';
import { mapBounded, refreshPrices } from '../collect/inventory';
import type { OptimizerData } from '../collect/optimizer';
import {
  collectSlice,
  listWorkItems,
  mergeSlices,
  type Reach,
  reachOf,
  type Slice,
  type WorkItem,
} from '../collect/organization';
import { memorySliceStore, type RunRef, type SliceStore, s3SliceStore } from '../collect/slices';
import type { Config } from '../config';
import { ConfigError } from '../domain/errors';
import type { Note } from '../domain/note';
import type { ResourceInventory } from '../domain/resources';
import { identify } from './identity';

/** The accounts a run reads: as configured; unset, the sample's organization, else the credentials' own account. */
export const accountScope = (config: Config, mode: AwsMode): 'self' | 'organization' | string[] =>
  config.accounts.scope ?? (mode === 'sample' ? 'organization' : 'self');

/** What every step knows: how it reaches the accounts, the run, where it keeps its slices. */
export interface StepContext {
  aws: Aws;
  config: Config;
  /** The credentials' own account and the member role; the members assumed so far (one AssumeRole each). */
  reach: Reach;
  run: RunRef;
  store: SliceStore;
}

/** A step's context for one process: a Lambda invocation, or the whole local run (whose reach the run shares). */
export const stepContext = (
  aws: Aws,
  config: Config,
  self: string,
  run: RunRef,
  store: SliceStore,
  reach: Reach = reachOf(self, config.accounts.memberRole),
): StepContext => ({ aws, config, reach, run, store });

/** Step 1: list the accounts and work items and keep them; returns the work list's key and size. */
export async function listStep(ctx: StepContext, scope: 'organization' | string[]) {
  const notes: Note[] = [];
  const { accounts, items } = await listWorkItems(ctx.aws, ctx.config, ctx.reach, scope, notes);
  const key = await ctx.store.putWorkList(ctx.run, { accounts, items, notes });
  return { key, items: items.length };
}

/** Step 2: read one work item and keep its slice; returns the slice's key. */
export async function sliceStep(ctx: StepContext, item: WorkItem) {
  return { key: await ctx.store.putSlice(ctx.run, await collectSlice(ctx.aws, ctx.reach, item, ctx.run.asOf)) };
}

export interface OrganizationRead {
  accounts: Account[];
  resources: ResourceInventory;
  optimizer: OptimizerData;
  /** Work items, and those whose account or region could not be read (or that left no slice). */
  slices: { total: number; unread: number };
}

/** Step 3, its collecting half: the work list and every slice, merged; a missing slice is a note. */
export async function aggregateStep(ctx: StepContext, notes: Note[]): Promise<OrganizationRead> {
  const list = await ctx.store.workList(ctx.run);
  if (!list) throw new Error(`no work list for run ${ctx.run.id} of ${ctx.run.asOf}: the list step did not finish`);
  notes.push(...list.notes);
  const slices: Slice[] = [];
  let missing = 0;
  for (const item of list.items) {
    const slice = await ctx.store.slice(ctx.run, item);
    if (slice) slices.push(slice);
    else {
      missing++;
      notes.push({
        kind: 'error',
        source: 'inventory',
        accountId: item.accountId,
        region: item.region,
        message: `slice ${item.accountId} ${item.region} not read: it failed after the state machine's retries (its Map run lists the error)`,
      });
    }
  }
  const { resources, optimizer } = mergeSlices(slices, ctx.run.asOf, notes);
  if (ctx.config.priceRefresh) await refreshPrices(ctx.aws, resources, notes);
  const unread = slices.filter((s) => !s.read.parts).length + missing;
  return { accounts: list.accounts, resources, optimizer, slices: { total: list.items.length, unread } };
}

/** The local runner: the three steps in-process on a memory store, slices `DURION_SLICE_CONCURRENCY` at a time. */
export async function collectOrganization(
  aws: Aws,
  config: Config,
  options: { asOf: string; self: string; scope: 'organization' | string[]; reach?: Reach },
  notes: Note[],
): Promise<OrganizationRead> {
  // One context for the whole run: each member's role is assumed once, whatever its number of slices.
  const run = { asOf: options.asOf, id: 'local' };
  const ctx = stepContext(aws, config, options.self, run, memorySliceStore(), options.reach);
  await listStep(ctx, options.scope);
  const items = (await ctx.store.workList(ctx.run))?.items ?? [];
  await mapBounded(items, config.accounts.concurrency, (item) => sliceStep(ctx, item));
  return aggregateStep(ctx, notes);
}

/** The state machine's store: its bucket, which serverless.yml passes as DURION_SLICE_BUCKET. */
function bucketStore(aws: Aws, config: Config): SliceStore {
  const bucket = config.accounts.sliceBucket;
  if (!bucket) throw new ConfigError('DURION_SLICE_BUCKET is not set: the state machine keeps its slices there');
  return s3SliceStore(aws, bucket);
}

/** The state machine's first step: the work list of the run, and the Map's concurrency. */
export async function startRun(aws: Aws, config: Config, run: RunRef) {
  const self = await identify(aws);
  const scope = accountScope(config, aws.mode);
  const ctx = stepContext(aws, config, self, run, bucketStore(aws, config));
  const { key, items } = await listStep(ctx, scope === 'self' ? [self] : scope);
  return { run, itemsKey: key, items, maxConcurrency: config.accounts.concurrency };
}

/** The state machine's Map iteration: one slice read and kept. */
export async function readSlice(aws: Aws, config: Config, run: RunRef, item: WorkItem) {
  const self = await identify(aws);
  return sliceStep(stepContext(aws, config, self, run, bucketStore(aws, config)), item);
}

/** The store and run the aggregate step reads, for runDaily's fanOut. */
export const fanOutOf = (aws: Aws, config: Config, run: RunRef) => ({ run, store: bucketStore(aws, config) });
