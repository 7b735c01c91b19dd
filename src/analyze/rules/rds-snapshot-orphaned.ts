import { usdCents } from '../../domain/money';
import { monthlyCost, price } from '../../pricing';
import { daysSince, defineRule, ok, priced, SERVICES, wa } from './define-rule';

export default defineRule({
  id: 'rds-snapshot-orphaned',
  title: 'Manual RDS snapshot of a database instance that no longer exists',
  service: SERVICES.rds,
  strategy: 'unused-resources',
  wellArchitected: wa('COST04-BP05'),
  severity: 'low',
  effort: 'low',
  restartNeeded: false,
  action: 'delete',
  params: {
    minAgeDays: { default: 30, description: 'Ignore snapshots younger than this' },
  },
  iamActions: ['rds:DescribeDBSnapshots', 'rds:DescribeDBInstances'],
  savingsMethod: 'price-table',
  confidence: 'medium',
  check(resources, params, ctx) {
    const instances = new Set(resources.dbInstances.map((d) => `${d.accountId}/${d.region}/${d.id}`));
    return resources.dbSnapshots.flatMap((s) => {
      // Automated snapshots go with their instance.
      if (s.snapshotType !== 'manual') return [];
      if (instances.has(`${s.accountId}/${s.region}/${s.instanceId}`))
        return [ok(s, `instance ${s.instanceId} exists`)];
      const age = daysSince(s.createTime, ctx.asOf);
      if (age === undefined) return [{ resource: s, status: 'skip' as const, reason: 'snapshot has no creation time' }];
      if (age < params.minAgeDays) return [];
      const rate = price('rds.backup_storage_additional', s.region);
      const cost = rate && monthlyCost(rate, s.allocatedStorageGb);
      const reason = `manual snapshot of ${s.instanceId} (gone), ${age} days old, ${s.allocatedStorageGb} GB${cost ? `, up to ${usdCents(cost.monthlyUsd)} a month` : ''}`;
      return [priced(s, reason, cost, 'RDS backup storage')];
    });
  },
});
