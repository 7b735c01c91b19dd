import { GetProductsCommand, type GetProductsCommandInput, PricingClient } from '@aws-sdk/client-pricing';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { createAws } from '../../src/aws';
import type { Inventory } from '../../src/collect/types';
import { addDays } from '../../src/domain/dates';
import { emptyResources } from '../../src/domain/resources';
import { PRICE_DAYS, pricedRuleDrafts } from '../../src/jobs/prices';
import { AS_OF, volume, WINDOW } from '../analyze/rules/fixtures';

const pricing = mockClient(PricingClient);
afterEach(() => pricing.reset());

/** A product whose first On-Demand tier is `usd` per GB-month. */
const gbMonth = (usd: string) =>
  JSON.stringify({
    terms: {
      OnDemand: { T: { priceDimensions: { D: { beginRange: '0', unit: 'GB-Mo', pricePerUnit: { USD: usd } } } } },
    },
  });

/** One 100 GB gp2 volume in Ireland: ebs-gp2-to-gp3 prices it. */
const inventory = (): Inventory => ({
  asOf: AS_OF,
  sample: false,
  resources: {
    ...emptyResources(WINDOW),
    regions: ['eu-west-1'],
    volumes: [volume({ id: 'vol-eu', type: 'gp2', region: 'eu-west-1' })],
  },
  notes: [],
});
const config = { ownerTags: ['owner'], ruleParams: {}, exclude: [] };
const gp2Finding = (drafts: { ruleId?: string; monthlySavingsUsd: number; savingsMethod: string }[]) =>
  drafts.find((d) => d.ruleId === 'ebs-gp2-to-gp3');

describe('the rule catalog priced for its regions', () => {
  const aws = () => createAws({ mode: 'live', homeRegion: 'us-east-1' });

  it('reads the prices it approximated and prices the finding again with them', async () => {
    const byUsageType: Record<string, string> = { 'EU-EBS:VolumeUsage.gp2': '0.11', 'EU-EBS:VolumeUsage.gp3': '0.088' };
    pricing.on(GetProductsCommand).callsFake((input: GetProductsCommandInput) => {
      const usd = byUsageType[input.Filters?.find((f) => f.Field === 'usagetype')?.Value ?? ''];
      return { PriceList: usd ? [gbMonth(usd)] : [] };
    });
    const { drafts, prices } = await pricedRuleDrafts(
      aws(),
      inventory(),
      { ...config, priceRefresh: true },
      { asOf: AS_OF },
    );
    // Golden: 100 GB x ($0.11 - $0.088) per GB-month, the Ireland prices read = $2.20.
    expect(gp2Finding(drafts)).toMatchObject({ monthlySavingsUsd: 2.2, savingsMethod: 'price-list-api' });
    expect(prices['eu-west-1']).toEqual({
      'ebs.gp2.storage': { usd: 0.11, fetchedOn: AS_OF },
      'ebs.gp3.storage': { usd: 0.088, fetchedOn: AS_OF },
    });
  });

  it('without the refresh, prices from what is kept and fresh, else from the us-east-1 table, said to be approximate', async () => {
    const kept = (fetchedOn: string) => ({
      'eu-west-1': { 'ebs.gp2.storage': { usd: 0.11, fetchedOn }, 'ebs.gp3.storage': { usd: 0.088, fetchedOn } },
    });
    const off = { ...config, priceRefresh: false };
    const fresh = await pricedRuleDrafts(aws(), inventory(), off, { asOf: AS_OF, kept: kept('2026-11-01') });
    expect(gp2Finding(fresh.drafts)).toMatchObject({ monthlySavingsUsd: 2.2, savingsMethod: 'price-list-api' });
    const stale = await pricedRuleDrafts(aws(), inventory(), off, {
      asOf: AS_OF,
      kept: kept(addDays(AS_OF, -PRICE_DAYS)),
    });
    // Golden: 100 GB x ($0.10 - $0.08), the bundled us-east-1 prices = $2.00.
    expect(gp2Finding(stale.drafts)).toMatchObject({ monthlySavingsUsd: 2, savingsMethod: 'price-table-approx' });
    expect(stale.prices).toEqual({ 'eu-west-1': {} });
    expect(pricing.commandCalls(GetProductsCommand)).toHaveLength(0);
  });
});
