/**
 * Whether the tag keys that name teams and owners are activated as cost-allocation tags. Cost Explorer, Budgets and
 * the bill break spend down only by active keys (Billing console, Cost allocation tags), so a key that is on the
 * resources but inactive leaves its spend "untagged" in every report. ce:ListCostAllocationTags is a Cost Explorer
 * request ($0.01 a page), read weekly with the commitments' other weekly items (src/collect/commitments.ts).
 */
import { type CostExplorerClient, paginateListCostAllocationTags } from '@aws-sdk/client-cost-explorer';
import { itemsOf, pager } from './pages';

/** One tag key's state in billing: `absent` when billing has never seen the key on a resource. */
export interface AllocationTag {
  key: string;
  status: 'Active' | 'Inactive' | 'absent';
  /** The last day billing saw the key on a resource, when it says. */
  lastUsed?: string;
}

/** The user-defined keys asked for, each with its status; keys are matched as billing spells them (case-sensitive). */
export async function readAllocationTags(
  ce: CostExplorerClient,
  count: () => void,
  keys: string[],
): Promise<AllocationTag[]> {
  const asked = [...new Set(keys)];
  const known = await itemsOf(
    paginateListCostAllocationTags(pager(ce, count), { TagKeys: asked, Type: 'UserDefined' }),
    (r) => r.CostAllocationTags,
  );
  return asked.map((key) => {
    const tag = known.find((t) => t.TagKey === key);
    if (!tag) return { key, status: 'absent' };
    const status = tag.Status === 'Active' ? 'Active' : 'Inactive';
    return { key, status, ...(tag.LastUsedDate ? { lastUsed: tag.LastUsedDate.slice(0, 10) } : {}) };
  });
}
