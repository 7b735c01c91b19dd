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
    return resources.metricAlarms.flatMap((a): Verdict[] => {
      const dimension = Object.keys(a.dimensions).find((d) => WATCHED[d]);
      if (!dimension) return [];
      const id = a.dimensions[dimension] ?? '';
      const kind = (WATCHED[dimension] as (r: ResourceInventory) => ResourceBase[])(resources);
      const here = kind.filter((r) => r.accountId === a.accountId && r.region === a.region);
      if (here.some((r) => r.id === id)) return [ok(a, `${dimension} ${id} still exists`)];
      // With none of the kind read in this account and region, a missing resource may just be an unread list.
      if (here.length === 0) {
        return [
          {
            resource: a,
            status: 'skip',
            reason: `no ${dimension} resources were read here, so ${id} cannot be checked`,
          },
        ];
      }
      return [
        alarmCost(a, `alarm ${a.name} watches ${dimension} ${id}, which the inventory no longer holds`, {
          dimension,
          id,
        }),
      ];
    });
  },
});
