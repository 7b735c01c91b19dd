/**
 * Prices of compute beside On-Demand EC2: Spot (read live from DescribeSpotPriceHistory, never bundled), Fargate
 * tasks and Lambda provisioned concurrency, built from the bundled tables with the estimate helpers.
 */
import { HOURS_PER_MONTH } from '../domain/money';
import type { SpotPrice } from '../domain/resources-compute';
import { type Estimate, monthlyCost, type PriceMethod, price, sum } from './index';

/** The highest of the latest Spot prices of a type across a region's zones (conservative), or undefined. */
export function spotPriceOf(instanceType: string, region: string, prices: SpotPrice[]): SpotPrice | undefined {
  let best: SpotPrice | undefined;
  for (const p of prices) {
    if (p.region !== region || p.instanceType !== instanceType) continue;
    if (!best || p.usdPerHour > best.usdPerHour) best = p;
  }
  return best;
}

/**
 * The monthly cost of `count` instances of a type at its Spot price. Spot hours are never covered by a commitment,
 * and the method follows the On-Demand side it is compared with (the Spot price itself is the region's own).
 */
export function spotCost(spot: SpotPrice, count: number, method: PriceMethod): Estimate {
  const monthlyUsd = Math.round(spot.usdPerHour * count * HOURS_PER_MONTH * 10_000) / 10_000;
  return {
    monthlyUsd,
    method,
    basis: `${count} × ${HOURS_PER_MONTH} h × $${spot.usdPerHour} (latest Linux/UNIX Spot price of ${spot.instanceType} in ${spot.region}, highest of its zones, from DescribeSpotPriceHistory)`,
    committableUsd: 0,
    usageTypes: [`SpotUsage:${spot.instanceType}`],
  };
}

/** Monthly cost of `tasks` Linux/x86 Fargate tasks of a size running around the clock, or undefined. */
export function fargateCost(vcpu: number, memoryGb: number, tasks: number, region: string): Estimate | undefined {
  const cpu = price('fargate.linux_x86.vcpu_hour', region);
  const mem = price('fargate.linux_x86.gb_hour', region);
  if (!cpu || !mem) return undefined;
  return sum([monthlyCost(cpu, vcpu * tasks), monthlyCost(mem, memoryGb * tasks)]);
}

/**
 * Monthly cost of provisioned concurrency held around the clock: arm64 at its GB-second list price, x86 at the
 * approximate GB-hour figure (low-medium confidence in the table); undefined for another architecture.
 */
export function provisionedConcurrencyCost(
  allocated: number,
  memoryMb: number,
  architecture: string,
  region: string,
): Estimate | undefined {
  const gb = (allocated * memoryMb) / 1024;
  if (architecture === 'arm64') {
    const rate = price('lambda.provisioned_concurrency.arm64.gb_second', region);
    return rate && monthlyCost(rate, gb * HOURS_PER_MONTH * 3600);
  }
  if (architecture === 'x86_64') {
    const rate = price('lambda.provisioned_concurrency.x86.gb_hour_approx', region);
    return rate && monthlyCost(rate, gb);
  }
  return undefined;
}
