/**
 * What a resource costs to keep as it is, a month at list price: the figure resources without an owner are ranked by
 * (src/analyze/tagging.ts). Only the kinds whose standing charge the table prices whole: running instances (Linux
 * On-Demand hours), volumes, public IPv4 addresses, NAT gateways and load balancers before traffic, RDS instances
 * with their storage, ElastiCache and Redshift nodes, EFS storage at the Standard rate, SageMaker endpoint and
 * notebook instances in service, OpenSearch domains (nodes and storage that have a price). Kinds billed by use (S3,
 * Lambda, on-demand tables and streams) or by traffic have no run cost here; commitments and discounts are not taken
 * off (it is what the resource is billed before them).
 */
import type { Ec2Instance, RdsInstance, ResourceInventory } from '../domain/resources';
import { loadBalancerPrice } from './elb';
import {
  type Estimate,
  ebsVolumeCost,
  ec2Price,
  elasticachePrice,
  lookupPrice,
  monthlyCost,
  price,
  type Rate,
  sum,
} from './index';
import { endpointInstancesCost, notebookInstancePrice, searchDomainCost } from './managed';
import { rdsClassPrice } from './rds';
import { redshiftNodePrice } from './streaming';

const GB = 1024 ** 3;

type Item<K extends keyof ResourceInventory> = ResourceInventory[K] extends (infer T)[] ? T : never;

/** The run cost of each priced kind; a resource that is stopped, deleting or of an unlisted type has none. */
type RunCosts = {
  [K in keyof ResourceInventory]?: (r: Item<K>, inventory: ResourceInventory) => Estimate | undefined;
};

const of = (rate: Rate | undefined, quantity = 1): Estimate | undefined => rate && monthlyCost(rate, quantity);

const linuxHours = (i: Ec2Instance, inventory: ResourceInventory) =>
  i.state === 'running' && i.platform === 'linux'
    ? of(ec2Price(i.instanceType, i.region, inventory.ec2Prices))
    : undefined;

/** An RDS instance's hours and allocated storage a month (the hours alone where the storage has no price). */
export function dbInstanceCost(db: RdsInstance): Estimate | undefined {
  const hours = of(rdsClassPrice(db.engine, db.instanceClass, db.multiAz, db.region));
  const storage = of(lookupPrice(`rds.storage.${db.storageType ?? 'gp2'}`, db.region), db.allocatedStorageGb ?? 0);
  return hours && storage && db.allocatedStorageGb ? sum([hours, storage]) : hours;
}

const RUN_COSTS: RunCosts = {
  instances: linuxHours,
  volumes: (v) => ebsVolumeCost(v, v.region),
  addresses: (a) => of(price('vpc.public_ipv4', a.region)),
  natGateways: (n) => (n.state === 'available' ? of(price('vpc.nat_gateway.hour', n.region)) : undefined),
  loadBalancers: (lb) => of(loadBalancerPrice(lb.type, lb.region)),
  dbInstances: (db) => (db.status === 'available' ? dbInstanceCost(db) : undefined),
  cacheClusters: (c) => (c.status === 'available' ? of(elasticachePrice(c.nodeType, c.region), c.nodes) : undefined),
  redshiftClusters: (c) =>
    c.status === 'available' ? of(redshiftNodePrice(c.nodeType, c.region), c.nodes) : undefined,
  fileSystems: (f) => of(price('efs.standard.storage', f.region), Math.round((f.sizeBytes / GB) * 100) / 100),
  endpoints: (e) =>
    e.status === 'InService'
      ? endpointInstancesCost(
          e.variants.filter((v) => !v.serverless),
          e.region,
        )
      : undefined,
  notebooks: (n) => (n.status === 'InService' ? of(notebookInstancePrice(n.instanceType, n.region)) : undefined),
  searchDomains: (d) => searchDomainCost(d, d.region).cost,
};

/** The kinds that have a run cost. */
export const RUN_COST_KINDS = Object.keys(RUN_COSTS) as (keyof ResourceInventory)[];

/** A resource's run cost a month, or undefined when its kind or type is not priced. */
export function runCost<K extends keyof ResourceInventory>(
  kind: K,
  resource: Item<K>,
  inventory: ResourceInventory,
): Estimate | undefined {
  const cost = RUN_COSTS[kind] as ((r: Item<K>, inv: ResourceInventory) => Estimate | undefined) | undefined;
  return cost?.(resource, inventory);
}
