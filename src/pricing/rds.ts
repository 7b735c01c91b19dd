/** RDS and ElastiCache prices beyond the table's own rows: a size within a family, derived from a listed size. */
import { type Rate, rdsPrice } from './index';

/** RDS classes from small to large; within a family each size costs twice the one before (as the list prices do). */
const SIZES = [
  'micro',
  'small',
  'medium',
  'large',
  'xlarge',
  '2xlarge',
  '4xlarge',
  '8xlarge',
  '12xlarge',
  '16xlarge',
  '24xlarge',
];
/** Relative size of each class (vCPU-proportional), for the halving rule above. */
const UNITS: Record<string, number> = {
  micro: 0.125,
  small: 0.25,
  medium: 0.5,
  large: 1,
  xlarge: 2,
  '2xlarge': 4,
  '4xlarge': 8,
  '8xlarge': 16,
  '12xlarge': 24,
  '16xlarge': 32,
  '24xlarge': 48,
};

/**
 * A class's family and its size in normalized units (large = 1), for the size flexibility of reserved DB instances;
 * undefined for a size the table does not know.
 */
export function normalizedClass(instanceClass: string): { family: string; units: number } | undefined {
  const at = instanceClass.lastIndexOf('.');
  const units = UNITS[instanceClass.slice(at + 1)];
  return units === undefined ? undefined : { family: instanceClass.slice(0, at), units };
}

/** The next smaller class of the same family (`db.t3.large` → `db.t3.medium`), or undefined. */
export function smallerClass(instanceClass: string): string | undefined {
  const at = instanceClass.lastIndexOf('.');
  const size = instanceClass.slice(at + 1);
  const i = SIZES.indexOf(size);
  return i > 0 ? `${instanceClass.slice(0, at)}.${SIZES[i - 1]}` : undefined;
}

/**
 * The price of a class (`db.m5.large`, `cache.m5.12xlarge`) as `lookup` finds it, or of another size of its family
 * scaled from the smallest listed size: RDS and ElastiCache list prices within a family are proportional to size, so
 * the scaling is stated in the key and the basis.
 */
export function scaledClassPrice(instanceClass: string, lookup: (cls: string) => Rate | undefined): Rate | undefined {
  const listed = lookup(instanceClass);
  if (listed) return listed;
  const at = instanceClass.lastIndexOf('.');
  const family = instanceClass.slice(0, at);
  const units = UNITS[instanceClass.slice(at + 1)];
  if (units === undefined) return undefined;
  for (const size of SIZES) {
    const base = lookup(`${family}.${size}`);
    const baseUnits = UNITS[size];
    if (base && baseUnits) {
      return {
        ...base,
        usd: (base.usd * units) / baseUnits,
        key: `${base.key} scaled ×${units / baseUnits} to ${instanceClass}`,
      };
    }
  }
  return undefined;
}

/** An RDS class's price per hour, listed or scaled from a listed size of its family (`scaledClassPrice`). */
export const rdsClassPrice = (
  engine: string,
  instanceClass: string,
  multiAz: boolean,
  region: string,
): Rate | undefined => scaledClassPrice(instanceClass, (c) => rdsPrice(engine, c, multiAz, region));
