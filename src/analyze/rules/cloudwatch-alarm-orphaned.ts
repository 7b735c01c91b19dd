import type { ResourceBase, ResourceInventory } from '../../domain/resources';
import { alarmCost } from './cloudwatch-alarm-insufficient-data';
import { defineRule, ok, SERVICES, type Verdict, wa } from './define-rule';

/** Alarm dimensions that name one resource of a kind the inventory lists completely, and that kind. */
const WATCHED: Record<string, (r: ResourceInventory) => ResourceBase[]> = {
  InstanceId: (r) => r.instances,
  VolumeId: (r) => r.volumes,
  DBInstanceIdentifier: (r) => r.dbInstances,
  NatGatewayId: (r) => r.natGateways,
  FunctionName: (r) => r.functions,
  FileSystemId: (r) => r.fileSystems,
  CacheClusterId: (r) => r.cacheClusters,
};

export default defineRule({
  id: 'cloudwatch-alarm-orphaned',
  title: 'CloudWatch alarm watches a resource that no longer exists',
  service: SERVICES.logs,
  strategy: 'unused-resources',
  wellArchitected: wa('COST04-BP03'),
  severity: 'low',
  effort: 'low',
  restartNeeded: false,
  action: 'delete',
  params: {},
  iamActions: ['cloudwatch:DescribeAlarms'],
  savingsMethod: 'price-table',
  confidence: 'medium',
  check(resources) {
    // Ids of each watched kind by account and region, built once per kind the alarms name.
    const index = new Map<string, Map<string, Set<string>>>();
    const idsOf = (dimension: string, where: string): Set<string> | undefined => {
      let byPlace = index.get(dimension);
      if (!byPlace) {
        byPlace = new Map();
        for (const r of (WATCHED[dimension] as (r: ResourceInventory) => ResourceBase[])(resources)) {
          const key = `${r.accountId}/${r.region}`;
          byPlace.set(key, (byPlace.get(key) ?? new Set()).add(r.id));
        }
        index.set(dimension, byPlace);
      }
      return byPlace.get(where);
    };
    return resources.metricAlarms.flatMap((a): Verdict[] => {
      const dimension = Object.keys(a.dimensions).find((d) => WATCHED[d]);
      if (!dimension) return [];
      const id = a.dimensions[dimension] ?? '';
      const here = idsOf(dimension, `${a.accountId}/${a.region}`);
      // With none of the kind read in this account and region, a missing resource may just be an unread list.
      if (!here) {
        return [
          {
            resource: a,
            status: 'skip',
            reason: `no ${dimension} resources were read here, so ${id} cannot be checked`,
          },
        ];
      }
      if (here.has(id)) return [ok(a, `${dimension} ${id} still exists`)];
      return [
        alarmCost(a, `alarm ${a.name} watches ${dimension} ${id}, which the inventory no longer holds`, {
          dimension,
          id,
        }),
      ];
    });
  },
});
