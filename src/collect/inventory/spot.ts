/**
 * Spot prices for the instance types the Spot rules price (running On-Demand Linux instances, Auto Scaling groups):
 * DescribeSpotPriceHistory for Linux/UNIX at the as-of instant, which answers the price in effect then for each type
 * and zone. Capped, so a large fleet costs a few calls.
 */
import { type _InstanceType, type EC2Client, paginateDescribeSpotPriceHistory } from '@aws-sdk/client-ec2';
import type { SpotPrice } from '../../domain/resources-compute';
import { iso, type RegionContext } from './context';

/** Types read per region at most (the most common first), and per call (the filter's list). */
export const MAX_SPOT_TYPES = 40;
const TYPES_PER_CALL = 20;

/** The latest Linux/UNIX Spot price of each type in each zone of the region, for at most MAX_SPOT_TYPES types. */
export async function readSpotPrices(client: EC2Client, ctx: RegionContext, types: string[]): Promise<SpotPrice[]> {
  const counts = new Map<string, number>();
  for (const t of types) counts.set(t, (counts.get(t) ?? 0) + 1);
  const wanted = [...counts]
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .slice(0, MAX_SPOT_TYPES)
    .map(([t]) => t);
  const at = new Date(`${ctx.asOf}T00:00:00Z`);
  const latest = new Map<string, SpotPrice>();
  for (let i = 0; i < wanted.length; i += TYPES_PER_CALL) {
    const input = {
      InstanceTypes: wanted.slice(i, i + TYPES_PER_CALL) as _InstanceType[],
      ProductDescriptions: ['Linux/UNIX'],
      StartTime: at,
      EndTime: at,
    };
    for await (const page of paginateDescribeSpotPriceHistory({ client }, input)) {
      for (const p of page.SpotPriceHistory ?? []) {
        const usd = Number(p.SpotPrice);
        if (!p.InstanceType || !p.AvailabilityZone || !Number.isFinite(usd)) continue;
        const price: SpotPrice = {
          accountId: ctx.accountId,
          region: ctx.region,
          availabilityZone: p.AvailabilityZone,
          instanceType: p.InstanceType,
          usdPerHour: usd,
          timestamp: iso(p.Timestamp),
        };
        const key = `${p.InstanceType}|${p.AvailabilityZone}`;
        const seen = latest.get(key);
        if (!seen || (price.timestamp ?? '') > (seen.timestamp ?? '')) latest.set(key, price);
      }
    }
  }
  return [...latest.values()].sort((a, b) =>
    `${a.instanceType}|${a.availabilityZone}`.localeCompare(`${b.instanceType}|${b.availabilityZone}`),
  );
}
