/**
 * Prices of the managed machine-learning, search and cache kinds: SageMaker instance hours by component (endpoint
 * hosting, notebook instances), OpenSearch domains (node hours and EBS storage) and ElastiCache nodes of any size of a
 * family with a listed size.
 */
import type { EndpointVariant, SearchDomain } from '../domain/resources-managed';
import { GRAVITON_FAMILY } from './ec2-types';
import { type Estimate, elasticachePrice, lookupPrice, monthlyCost, type Rate, sum } from './index';
import { scaledClassPrice } from './rds';

/**
 * The Graviton class of the same size for a managed class on x86 (`db.m5.large` → `db.m6g.large`, `cache.r5.xlarge`
 * → `cache.r6g.xlarge`), from EC2's family pairs: RDS and ElastiCache classes run on the EC2 type of the same name.
 * Undefined for a family with no twin there.
 */
export function gravitonClass(instanceClass: string): string | undefined {
  const [prefix, family = '', size] = instanceClass.split('.');
  const twin = GRAVITON_FAMILY[family];
  return twin && size ? `${prefix}.${twin}.${size}` : undefined;
}

/** Whether a managed class already runs on Graviton (its family ends in `g` after the generation: m6g, r7gd, t4g). */
export const isGravitonClass = (instanceClass: string): boolean =>
  /^\D+\d+g[a-z]*$/.test(instanceClass.split('.')[1] ?? '');

/** A SageMaker real-time endpoint instance's price per hour (`ml.t3.medium`), or undefined. */
export const endpointInstancePrice = (instanceType: string, region: string): Rate | undefined =>
  lookupPrice(`sagemaker.host.${instanceType}`, region);

/** Instance variants' month (count × hours × rate), or undefined when a variant's type has no price. */
export function endpointInstancesCost(variants: EndpointVariant[], region: string): Estimate | undefined {
  const parts = variants.map((v) => {
    const rate = v.instanceType ? endpointInstancePrice(v.instanceType, region) : undefined;
    return rate && monthlyCost(rate, v.instanceCount);
  });
  return parts.length > 0 && parts.every((p): p is Estimate => p !== undefined) ? sum(parts) : undefined;
}

/** A SageMaker notebook instance's price per hour, or undefined. */
export const notebookInstancePrice = (instanceType: string, region: string): Rate | undefined =>
  lookupPrice(`sagemaker.notebook.${instanceType}`, region);

/** An ElastiCache node's price per hour, listed or scaled from a listed size of its family. */
export const cacheNodePrice = (nodeType: string, region: string): Rate | undefined =>
  scaledClassPrice(nodeType, (t) => elasticachePrice(t, region));

/** What an OpenSearch domain bills a month, from the parts that have a price, and the parts that have none. */
export interface DomainCost {
  cost?: Estimate;
  unpriced: string[];
}

/**
 * An OpenSearch domain's month: data, dedicated master and UltraWarm node hours, and each data node's EBS volume
 * (storage, and io1 IOPS). No cost without the data nodes' price; any other part without one is listed instead.
 */
export function searchDomainCost(d: SearchDomain, region: string): DomainCost {
  const unpriced: string[] = [];
  const part = (key: string, quantity: number, what: string): Estimate | undefined => {
    if (quantity <= 0) return undefined;
    const rate = lookupPrice(key, region);
    if (!rate) unpriced.push(what);
    return rate && monthlyCost(rate, quantity);
  };
  const data = part(`opensearch.${d.instanceType}`, d.instanceCount, `${d.instanceType} data nodes`);
  if (!data) return { unpriced };
  const parts = [
    data,
    d.master && part(`opensearch.${d.master.instanceType}`, d.master.count, `${d.master.instanceType} master nodes`),
    d.warm && part(`opensearch.${d.warm.instanceType}`, d.warm.count, `${d.warm.instanceType} UltraWarm nodes`),
    d.ebs &&
      part(`opensearch.storage.${d.ebs.volumeType}`, d.ebs.sizeGb * d.instanceCount, `${d.ebs.volumeType} storage`),
    d.ebs?.volumeType === 'io1' &&
      part('opensearch.io1.iops', (d.ebs.iops ?? 0) * d.instanceCount, 'io1 provisioned IOPS'),
  ].filter((e): e is Estimate => Boolean(e));
  return { cost: sum(parts), unpriced };
}
