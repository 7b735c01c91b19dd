/**
 * The managed kinds of the bench inventory (SageMaker endpoints and notebook instances, OpenSearch domains, and cache
 * clusters on x86 node types with Graviton twins), a small share each, generated with the bench's own random source
 * and builders (BenchTools, analyzer-database.ts).
 */
import type { ResourceInventory } from '../src/domain/resources';
import type { BenchTools } from './analyzer-database';

export const MANAGED_SHARES = { endpoints: 0.003, notebooks: 0.003, searchDomains: 0.002, x86Caches: 0.002 };

/** Add the managed kinds to `inv` with ids from `start`; `ago` gives an ISO time that many days back. */
export function addManagedKinds(
  inv: ResourceInventory,
  total: number,
  start: number,
  t: BenchTools & { ago: (days: number) => string },
): void {
  const { r, pick, base, metric, ago } = t;
  const count = (k: keyof typeof MANAGED_SHARES) => Math.round(total * MANAGED_SHARES[k]);
  let i = start;
  for (let n = count('endpoints'); n > 0; n--, i++) {
    inv.endpoints.push({
      ...base(i, 'endpoint'),
      status: 'InService',
      variants: [
        {
          name: 'AllTraffic',
          instanceType: pick(['ml.t3.medium', 'ml.m5.xlarge', 'ml.g4dn.xlarge']),
          instanceCount: pick([1, 2, 4]),
          serverless: r() < 0.1,
          metrics: { Invocations: metric(r() < 0.2 ? 0 : r() * 100_000) },
        },
      ],
    });
  }
  for (let n = count('notebooks'); n > 0; n--, i++) {
    const b = base(i, 'notebook');
    inv.notebooks.push({
      ...b,
      tags: { ...b.tags, environment: pick(['staging', 'development', 'production']) },
      status: 'InService',
      instanceType: pick(['ml.t3.medium', 'ml.m5.xlarge']),
      lastModifiedTime: ago(Math.floor(r() * 60)),
    });
  }
  for (let n = count('searchDomains'); n > 0; n--, i++) {
    inv.searchDomains.push({
      ...base(i, 'search'),
      deleted: false,
      instanceType: pick(['c4.2xlarge.search', 'r6g.large.search']),
      instanceCount: pick([1, 2, 3]),
      ebs: { volumeType: pick(['gp2', 'gp3']), sizeGb: pick([100, 500]) },
      metrics: { SearchRate: metric(r() < 0.2 ? 0 : r() * 500), IndexingRate: metric(r() < 0.2 ? 0 : r() * 100) },
    });
  }
  for (let n = count('x86Caches'); n > 0; n--, i++) {
    inv.cacheClusters.push({
      ...base(i, 'cache-x86'),
      engine: 'redis',
      nodeType: pick(['cache.m5.large', 'cache.m5.12xlarge', 'cache.r5.large']),
      nodes: pick([1, 2]),
      status: 'available',
      metrics: { CurrConnections: metric(r() * 500) },
    });
  }
}
