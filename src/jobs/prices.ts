/**
 * The rule catalog priced for the regions it ran in. Outside us-east-1 a unit price is the bundled us-east-1 figure,
 * said to be an approximation, unless the Price List API was read for that region and key: with DURION_PRICE_REFRESH
 * the catalog runs once, the prices it had to approximate are read (one query each, free of charge), and it runs
 * again with them. What was read is kept in the snapshot and reused for PRICE_DAYS, so a price is read about once a
 * month whether the refresh is on or not.
 */
import { evaluateRules, type RuleConfig } from '../analyze/rules';
import type { Aws } from '../aws';
import { fetchUnitPrices } from '../collect/prices';
import type { Inventory } from '../collect/types';
import { addDays } from '../domain/dates';
import type { FindingDraft } from '../domain/finding';
import { pricedWith, type RegionalUnitPrices } from '../pricing';

/** Days a price read from the Price List API is reused before it is read again. */
export const PRICE_DAYS = 30;

/** The kept prices still fresh on asOf. */
export function freshPrices(kept: RegionalUnitPrices | undefined, asOf: string): RegionalUnitPrices {
  const since = addDays(asOf, -PRICE_DAYS);
  return Object.fromEntries(
    Object.entries(kept ?? {}).map(([region, keys]) => [
      region,
      Object.fromEntries(Object.entries(keys).filter(([, p]) => p.fetchedOn > since)),
    ]),
  );
}

/** The catalog's drafts and the regional prices they were priced with (to keep in the snapshot). */
export async function pricedRuleDrafts(
  aws: Aws,
  inventory: Inventory,
  config: RuleConfig & { priceRefresh: boolean },
  options: { asOf: string; kept?: RegionalUnitPrices },
): Promise<{ drafts: FindingDraft[]; prices: RegionalUnitPrices }> {
  const kept = freshPrices(options.kept, options.asOf);
  const first = pricedWith(kept, () => evaluateRules(inventory, config));
  if (!config.priceRefresh || first.approximated.length === 0) return { drafts: first.result, prices: kept };
  const prices = await fetchUnitPrices(aws, first.approximated, kept, inventory.notes, options.asOf);
  return { drafts: pricedWith(prices, () => evaluateRules(inventory, config)).result, prices };
}
