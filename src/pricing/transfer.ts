/**
 * Data transfer priced by the GB: tiered internet egress (straight from a region, or through CloudFront) and the
 * flat cross-AZ and inter-region rates. A month's GB fill the tiers in order, each at its own price; tiers are 1,024 GB
 * to the TB, as AWS bills them. Free allowances (100 GB a month of direct egress, CloudFront's 1 TB and 10 million
 * requests) are the payer's, once a month for every account together, so no estimate here counts them.
 */
import { type Estimate, monthlyCost, type PriceKey, price, type Rate, sum, TABLE_REGION } from './index';

/** A tier: its price and how many GB it spans (the last spans the rest). */
interface Tier {
  key: PriceKey;
  gb: number;
}

const TB = 1024;

/** Egress to the internet straight from a region (EC2, S3, load balancers). */
export const INTERNET_EGRESS_TIERS: readonly Tier[] = [
  { key: 'data_transfer.internet_egress.first_10tb.gb', gb: 10 * TB },
  { key: 'data_transfer.internet_egress.next_40tb.gb', gb: 40 * TB },
  { key: 'data_transfer.internet_egress.next_100tb.gb', gb: 100 * TB },
  { key: 'data_transfer.internet_egress.over_150tb.gb', gb: Number.POSITIVE_INFINITY },
];

/** CloudFront to viewers in the United States, Mexico and Canada (Europe and Israel are priced the same). */
export const CLOUDFRONT_TIERS: readonly Tier[] = [
  { key: 'cloudfront.us_mexico_canada.first_10tb.gb', gb: 10 * TB },
  { key: 'cloudfront.us_mexico_canada.next_40tb.gb', gb: 40 * TB },
  { key: 'cloudfront.us_mexico_canada.next_100tb.gb', gb: 100 * TB },
  { key: 'cloudfront.us_mexico_canada.next_350tb.gb', gb: 350 * TB },
  { key: 'cloudfront.us_mexico_canada.next_524tb.gb', gb: 524 * TB },
  { key: 'cloudfront.us_mexico_canada.next_4pb.gb', gb: 4 * TB * TB },
  { key: 'cloudfront.us_mexico_canada.over_5pb.gb', gb: Number.POSITIVE_INFINITY },
];

/** The month's cost of `gb` through the tiers, or undefined when a tier it reaches has no price. */
export function tieredCost(tiers: readonly Tier[], gb: number, region: string): Estimate | undefined {
  const parts: Estimate[] = [];
  let left = gb;
  for (const tier of tiers) {
    if (left <= 0 && parts.length > 0) break;
    const rate = price(tier.key, region);
    if (!rate) return undefined;
    const here = Math.min(left, tier.gb);
    parts.push(monthlyCost(rate, here));
    left -= here;
  }
  return sum(parts);
}

/** What CloudFront bills a month for `gb` and `requests` (HTTPS) to viewers in its cheapest areas; it is global. */
export function cloudFrontCost(gb: number, requests: number): Estimate | undefined {
  const transfer = tieredCost(CLOUDFRONT_TIERS, gb, TABLE_REGION);
  const perTenThousand = price('cloudfront.us_mexico_canada.https_requests.per_10k', TABLE_REGION);
  if (!transfer || !perTenThousand) return undefined;
  return sum([transfer, monthlyCost(perTenThousand, requests / 10_000)]);
}

/** The rate of a GB from one region to another: $0.01 between us-east-1 and us-east-2, else the table's other rate. */
export function interRegionRate(from: string, to: string): Rate | undefined {
  const east = ['us-east-1', 'us-east-2'];
  const key: PriceKey =
    east.includes(from) && east.includes(to)
      ? 'data_transfer.inter_region.us_east_1_to_us_east_2.gb'
      : 'data_transfer.inter_region.us_east_1_to_other_regions.gb';
  return price(key, from);
}
