/**
 * The resources a schedule can stop and start, from what the run read: EC2 instances on their own (not Spot, not in an
 * Auto Scaling group, which would replace them), RDS instances outside Aurora, Aurora clusters, Auto Scaling groups
 * and ECS services on Fargate. Each with what its hours cost at list price, so `/durion-cost schedule` can say what a
 * schedule saves and the ledger can claim it, and the usage types the bill check reads. Pure.
 */
import { HOURS_PER_MONTH } from '../domain/money';
import type { ResourceInventory } from '../domain/resources';
import type { SchedulableResource } from '../domain/schedule';
import { type Estimate, ec2Price, monthlyCost, sum } from '../pricing';
import { instancePrice } from '../pricing/ec2-types';
import { rdsClassPrice } from '../pricing/rds';
import { ASG_TAG } from './rules/ec2-nonprod-always-on';
import { isFargate, serviceCost } from './rules/ecs-service-idle';

/** The hourly price of an estimate of 730 hours, and its basis and usage types; nothing without an estimate. */
const priced = (e: Estimate | undefined): Pick<SchedulableResource, 'hourlyUsd' | 'priceBasis' | 'usageTypes'> =>
  e ? { hourlyUsd: e.monthlyUsd / HOURS_PER_MONTH, priceBasis: e.basis, usageTypes: e.usageTypes } : { usageTypes: [] };

/** All of several estimates, or undefined when any part has no price (a half-priced group would understate). */
const all = (parts: (Estimate | undefined)[]): Estimate | undefined =>
  parts.length > 0 && parts.every((p) => p !== undefined) ? sum(parts as Estimate[]) : undefined;

const named = (tags: Record<string, string>) => (tags.Name ? { name: tags.Name } : {});

/** Every resource of the inventory a schedule can act on, priced. */
export function schedulableResources(inv: ResourceInventory): SchedulableResource[] {
  const members = new Set(inv.dbClusters.flatMap((c) => c.memberIds));
  const db = new Map(inv.dbInstances.map((d) => [`${d.accountId}|${d.region}|${d.id}`, d]));
  const base = (r: { accountId: string; region: string; id: string; arn?: string; tags: Record<string, string> }) => ({
    accountId: r.accountId,
    region: r.region,
    id: r.id,
    ...(r.arn ? { arn: r.arn } : {}),
    tags: r.tags,
    ...named(r.tags),
  });
  return [
    ...inv.instances
      .filter((i) => ['running', 'stopped'].includes(i.state) && i.lifecycle !== 'spot' && !i.tags[ASG_TAG])
      .map((i) => {
        const rate = instancePrice(i, inv.ec2Prices);
        return { kind: 'ec2-instance' as const, ...base(i), ...priced(rate && monthlyCost(rate)) };
      }),
    ...inv.dbInstances
      .filter((d) => !members.has(d.id) && !d.engine.startsWith('aurora'))
      .map((d) => {
        const rate = rdsClassPrice(d.engine, d.instanceClass, d.multiAz, d.region);
        return { kind: 'rds-instance' as const, ...base(d), ...priced(rate && monthlyCost(rate)) };
      }),
    ...inv.dbClusters.map((c) => {
      const parts = c.memberIds.map((id) => {
        const m = db.get(`${c.accountId}|${c.region}|${id}`);
        const rate = m && rdsClassPrice(m.engine, m.instanceClass, false, m.region);
        return rate && monthlyCost(rate);
      });
      return { kind: 'aurora-cluster' as const, ...base(c), ...priced(all(parts)) };
    }),
    ...inv.autoScalingGroups.map((g) => {
      const parts = g.instances.map((i) => {
        const rate = ec2Price(i.instanceType, g.region, inv.ec2Prices);
        return rate && monthlyCost(rate);
      });
      return {
        kind: 'asg' as const,
        ...base(g),
        ...priced(all(parts)),
        sizes: { min: g.min, max: g.max, desired: g.desired },
        ...(g.scheduled ? { scheduledElsewhere: true } : {}),
      };
    }),
    ...inv.ecsServices.filter(isFargate).map((s) => ({
      kind: 'ecs-service' as const,
      ...base(s),
      ...priced(serviceCost(s)),
      service: { cluster: s.clusterName, name: s.serviceName, desired: s.desiredCount },
      ...(s.scheduled ? { scheduledElsewhere: true } : {}),
    })),
  ];
}
