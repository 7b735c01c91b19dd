import { monthlyCost } from '../../pricing';
import { cacheNodePrice, gravitonClass, isGravitonClass } from '../../pricing/managed';
import { defineRule, ok, SERVICES, wa } from './define-rule';
import { gravitonMove } from './shapes';

export default defineRule({
  id: 'elasticache-graviton-candidate',
  title: 'ElastiCache cluster on an x86 node type where the Graviton type of the same size is cheaper',
  service: SERVICES.elasticache,
  strategy: 'database-optimization',
  wellArchitected: wa('COST06-BP02'),
  severity: 'low',
  effort: 'medium',
  restartNeeded: true,
  action: 'modernize',
  params: {},
  iamActions: ['elasticache:DescribeCacheClusters'],
  savingsMethod: 'price-table',
  confidence: 'medium',
  check(resources) {
    return resources.cacheClusters.flatMap((c) => {
      if (c.status !== 'available') return [];
      if (isGravitonClass(c.nodeType)) return [ok(c, `${c.nodeType} already runs on Graviton`)];
      const target = gravitonClass(c.nodeType);
      // Families with no Graviton twin (previous generations among them) are not this rule's.
      if (!target) return [];
      const now = cacheNodePrice(c.nodeType, c.region);
      const next = cacheNodePrice(target, c.region);
      return [
        gravitonMove(c, {
          label: `${c.engine} cluster of ${c.nodes} ${c.nodeType} node(s)`,
          target,
          now: now && monthlyCost(now, c.nodes),
          next: next && monthlyCost(next, c.nodes),
          unpriced: `ElastiCache ${c.nodeType} or ${target}`,
        }),
      ];
    });
  },
});
