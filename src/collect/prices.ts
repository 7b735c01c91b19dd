/**
 * Regional EC2 prices from the AWS Price List API (pricing:GetProducts), for runs that want exact figures outside
 * us-east-1 (DURION_PRICE_REFRESH=true). One filtered query per region and instance type in the inventory; a failure is
 * a note and the bundled table (with its stated approximation) is used instead.
 */
import { type Filter, PricingClient, paginateGetProducts } from '@aws-sdk/client-pricing';
import type { Aws } from '../aws';
import type { Note } from '../domain/note';
import type { RegionalEc2Prices } from '../domain/resources';
import { guard } from './guard';

/** The Price List API answers from a few regions only; us-east-1 serves every region's prices. */
export const PRICING_API_REGION = 'us-east-1';

const term = (Field: string, Value: string): Filter => ({ Type: 'TERM_MATCH', Field, Value });

/** The On-Demand hourly USD of a Price List product (a JSON document), or undefined when it has none. */
export function onDemandHourly(product: string): number | undefined {
  const doc = JSON.parse(product) as {
    terms?: {
      OnDemand?: Record<
        string,
        { priceDimensions?: Record<string, { unit?: string; pricePerUnit?: { USD?: string } }> }
      >;
    };
  };
  for (const offer of Object.values(doc.terms?.OnDemand ?? {})) {
    for (const dim of Object.values(offer.priceDimensions ?? {})) {
      const usd = Number(dim.pricePerUnit?.USD);
      if (dim.unit?.startsWith('Hr') && Number.isFinite(usd) && usd > 0) return usd;
    }
  }
  return undefined;
}

/** Prices of Linux, shared-tenancy instance types by region (regions other than us-east-1: that one is bundled). */
export async function fetchEc2Prices(
  aws: Aws,
  wanted: { region: string; instanceType: string }[],
  notes: Note[],
): Promise<RegionalEc2Prices> {
  const client = aws.client(PricingClient, PRICING_API_REGION);
  const prices: RegionalEc2Prices = {};
  const pairs = [...new Set(wanted.map((w) => `${w.region}|${w.instanceType}`))].sort();
  for (const pair of pairs) {
    const [region = '', instanceType = ''] = pair.split('|');
    await guard(notes, { source: 'pricing:GetProducts', region }, async () => {
      const filters = [
        term('regionCode', region),
        term('instanceType', instanceType),
        term('operatingSystem', 'Linux'),
        term('tenancy', 'Shared'),
        term('preInstalledSw', 'NA'),
        term('capacitystatus', 'Used'),
      ];
      for await (const page of paginateGetProducts({ client }, { ServiceCode: 'AmazonEC2', Filters: filters })) {
        for (const product of page.PriceList ?? []) {
          const usd = onDemandHourly(String(product));
          if (usd !== undefined) {
            prices[region] = { ...prices[region], [instanceType]: usd };
            return;
          }
        }
      }
    });
  }
  return prices;
}
