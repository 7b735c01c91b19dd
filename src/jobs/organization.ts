/**
 * The organization's fan-out, run in-process: the local runner of the state machine's steps (list the work items,
 * read each slice, merge). It is not a second engine: the Lambda handlers of the state machine call the same steps
 * (src/collect/organization.ts). Slices run `DURION_SLICE_CONCURRENCY` at a time.
 */
import type { Aws, AwsMode } from '../aws';
import type { Account } from '../collect/accounts';
import { mapBounded, refreshPrices } from '../collect/inventory';
import type { OptimizerData } from '../collect/optimizer';
import { collectSlice, listWorkItems, mergeSlices, reachOf } from '../collect/organization';
import type { Config } from '../config';
import type { Note } from '../domain/note';
import type { ResourceInventory } from '../domain/resources';

/** The accounts a run reads: as configured; unset, the sample's organization, else the credentials' own account. */
export const accountScope = (config: Config, mode: AwsMode): 'self' | 'organization' | string[] =>
  config.accounts.scope ?? (mode === 'sample' ? 'organization' : 'self');

export interface OrganizationRead {
  accounts: Account[];
  resources: ResourceInventory;
  optimizer: OptimizerData;
  /** Work items read, and those whose account or region could not be read. */
  slices: { total: number; unread: number };
}

/** Read every account and region of the scope, `concurrency` slices at a time, merged in a fixed order. */
export async function collectOrganization(
  aws: Aws,
  config: Config,
  options: { asOf: string; self: string; scope: 'organization' | string[] },
  notes: Note[],
): Promise<OrganizationRead> {
  const reach = reachOf(options.self, config.accounts.memberRole);
  const { accounts, items } = await listWorkItems(aws, config, reach, options.scope, notes);
  const slices = await mapBounded(items, config.accounts.concurrency, (item) =>
    collectSlice(aws, reach, item, options.asOf),
  );
  const { resources, optimizer } = mergeSlices(slices, options.asOf, notes);
  if (config.priceRefresh) await refreshPrices(aws, resources, notes);
  const unread = slices.filter((s) => !s.read.parts).length;
  return { accounts, resources, optimizer, slices: { total: slices.length, unread } };
}
