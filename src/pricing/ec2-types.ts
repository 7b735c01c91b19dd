/** EC2 instance-type arithmetic the rules share: sizes within a family, newer and Graviton families. */
import type { RegionalEc2Prices } from '../domain/resources';
import { ec2Price, hasEc2Price, type Rate } from './index';

/** Sizes from small to large, as EC2 names them. */
const SIZES = [
  'nano',
  'micro',
  'small',
  'medium',
  'large',
  'xlarge',
  '2xlarge',
  '3xlarge',
  '4xlarge',
  '6xlarge',
  '8xlarge',
  '9xlarge',
  '10xlarge',
  '12xlarge',
  '16xlarge',
  '18xlarge',
  '24xlarge',
  '32xlarge',
  '48xlarge',
] as const;

/** `m5.xlarge` → { family: 'm5', size: 'xlarge' }; worked out once per type (the rules ask for every instance). */
export function splitType(instanceType: string): Readonly<{ family: string; size: string }> {
  let split = splits.get(instanceType);
  if (!split) {
    const dot = instanceType.indexOf('.');
    split =
      dot < 0
        ? { family: instanceType, size: '' }
        : { family: instanceType.slice(0, dot), size: instanceType.slice(dot + 1) };
    splits.set(instanceType, split);
  }
  return split;
}

const splits = new Map<string, Readonly<{ family: string; size: string }>>();

/** The next smaller size of the same family that the price table holds, or undefined. */
export function smallerType(instanceType: string): string | undefined {
  const { family, size } = splitType(instanceType);
  const at = SIZES.indexOf(size as (typeof SIZES)[number]);
  for (let i = at - 1; i >= 0; i--) {
    const candidate = `${family}.${SIZES[i]}`;
    if (hasEc2Price(candidate)) return candidate;
  }
  return undefined;
}

/** Previous-generation families and the current family that replaces each (same sizes). */
export const NEWER_FAMILY: Record<string, string> = {
  t1: 't3',
  t2: 't3',
  m1: 'm5',
  m3: 'm5',
  m4: 'm5',
  c1: 'c5',
  c3: 'c5',
  c4: 'c5',
  r3: 'r5',
  r4: 'r5',
  i2: 'i3',
  d2: 'd3',
};

/** Current x86 families and the Graviton (arm64) family of the same shape. */
export const GRAVITON_FAMILY: Record<string, string> = {
  t3: 't4g',
  t3a: 't4g',
  m5: 'm6g',
  m5a: 'm6g',
  m6i: 'm7g',
  m6a: 'm7g',
  m7i: 'm7g',
  c5: 'c6g',
  c5a: 'c6g',
  c6i: 'c7g',
  c6a: 'c7g',
  c7i: 'c7g',
  r5: 'r6g',
  r5a: 'r6g',
  r6i: 'r7g',
  r6a: 'r7g',
  r7i: 'r7g',
};

/** The same size in another family, e.g. (`m4.large`, 'm5') → `m5.large`. */
export const inFamily = (instanceType: string, family: string): string => `${family}.${splitType(instanceType).size}`;

/** On-Demand price of an instance: the bundled table is Linux only, so other platforms have no price. */
export const instancePrice = (
  i: { instanceType: string; platform: string; region: string },
  regional?: RegionalEc2Prices,
): Rate | undefined => (i.platform === 'linux' ? ec2Price(i.instanceType, i.region, regional) : undefined);

/** A type and the types the rules may propose instead (smaller, newer, Graviton): the prices a region needs. */
export const typesToPrice = (instanceType: string): string[] => {
  const family = splitType(instanceType).family;
  const newer = NEWER_FAMILY[family];
  const graviton = GRAVITON_FAMILY[family];
  return [
    instanceType,
    smallerType(instanceType),
    newer && inFamily(instanceType, newer),
    graviton && inFamily(instanceType, graviton),
  ].filter((t): t is string => Boolean(t));
};
