import { daysSince, defineRule, ok, SERVICES, tagValue, wa } from './define-rule';

export default defineRule({
  id: 'ec2-no-commitment-cover',
  title: 'Long-running On-Demand EC2 instance not covered by a Reserved Instance',
  service: SERVICES.ec2,
  strategy: 'reserved-instances',
  wellArchitected: wa('COST07-BP01'),
  severity: 'low',
  effort: 'medium',
  restartNeeded: false,
  action: 'purchase',
  params: {
    minRunningDays: { default: 30, description: 'Running without a stop for at least this many days' },
    environmentTag: { default: 'environment', description: 'Tag key naming the environment' },
    nonProdValues: {
      default: 'dev,development,staging,stage,test,qa,sandbox',
      description: 'Non-production values (scheduled instead)',
    },
  },
  iamActions: ['ec2:DescribeInstances', 'ec2:DescribeReservedInstances'],
  savingsMethod: 'none',
  confidence: 'low',
  check(resources, params, ctx) {
    const nonProd = new Set(params.nonProdValues.split(',').map((v) => v.trim().toLowerCase()));
    // Active RIs by account, region and type; each covers `count` instances.
    const cover = new Map<string, number>();
    for (const ri of resources.reservedInstances) {
      if (ri.state !== 'active') continue;
      const key = `${ri.accountId}/${ri.region}/${ri.instanceType}`;
      cover.set(key, (cover.get(key) ?? 0) + ri.count);
    }
    return resources.instances.flatMap((i) => {
      if (i.state !== 'running' || i.lifecycle !== 'on-demand') return [];
      const env = tagValue(i, params.environmentTag);
      if (env !== undefined && nonProd.has(env)) return [];
      const days = daysSince(i.launchTime, ctx.asOf);
      if (days === undefined) return [{ resource: i, status: 'skip' as const, reason: 'instance has no launch time' }];
      if (days < params.minRunningDays) return [];
      const key = `${i.accountId}/${i.region}/${i.instanceType}`;
      const left = cover.get(key) ?? 0;
      if (left > 0) {
        cover.set(key, left - 1);
        return [ok(i, `covered by an active Reserved Instance for ${i.instanceType}`)];
      }
      return [
        {
          resource: i,
          status: 'info' as const,
          reason: `${i.instanceType} has run On-Demand for ${days} days with no active Reserved Instance of its type in ${i.region}; check Savings Plans coverage before buying`,
          unpriced: 'commitment rates are not in the bundled tables; the commitments analysis prices coverage',
        },
      ];
    });
  },
});
