/**
 * Database and streaming prices beyond the table lookups of index.ts: RDS storage by type with its Multi-AZ copy,
 * Aurora instance hours by engine, and the vCPU count RDS Extended Support bills by.
 */
import { type Estimate, lookupPrice, monthlyCost, price, type Rate, share, sum } from './index';

/**
 * vCPUs of a DB instance class by size. A `db.` class runs on the EC2 instance type of the same name (db.r5.large is
 * an r5.large), whose vCPU count the EC2 User Guide lists ("Amazon EC2 instance type specifications"): 2 vCPUs from
 * micro to large on the burstable t3/t4g and on m/r classes at large, doubling with each size. t2.micro and t2.small
 * have 1 vCPU (the one family where the rule breaks), and are listed apart.
 */
const VCPUS_BY_SIZE: Record<string, number> = {
  micro: 2,
  small: 2,
  medium: 2,
  large: 2,
  xlarge: 4,
  '2xlarge': 8,
  '4xlarge': 16,
  '8xlarge': 32,
  '12xlarge': 48,
  '16xlarge': 64,
  '24xlarge': 96,
  '32xlarge': 128,
  '48xlarge': 192,
};
const VCPUS_BY_CLASS: Record<string, number> = { 'db.t2.micro': 1, 'db.t2.small': 1 };

/** The vCPUs of a DB instance class (`db.r5.large` → 2), or undefined for a class this table cannot size. */
export function dbClassVcpus(instanceClass: string): number | undefined {
  if (!instanceClass.startsWith('db.') || instanceClass === 'db.serverless') return undefined;
  return VCPUS_BY_CLASS[instanceClass] ?? VCPUS_BY_SIZE[instanceClass.slice(instanceClass.lastIndexOf('.') + 1)];
}

/** Multi-AZ keeps a second copy: RDS bills its storage and IOPS twice (the table's gp3 row: $0.115, $0.23 Multi-AZ). */
const multiAzCopy = (e: Estimate, multiAz: boolean): Estimate =>
  multiAz ? share(e, 2, 'Multi-AZ bills storage and IOPS for both copies') : e;

/** The parts of an RDS instance's storage that its price depends on. */
export interface RdsStorage {
  engine: string;
  storageType?: string;
  allocatedStorageGb?: number;
  iops?: number;
  multiAz: boolean;
}

/**
 * The size from which RDS gp3 includes 12,000 IOPS instead of 3,000 (RDS User Guide, "gp3 storage"): 400 GB for
 * MySQL, MariaDB and PostgreSQL, 200 GB for Oracle; SQL Server and Db2 include 3,000 at any size (undefined). Below
 * that size MySQL, MariaDB, PostgreSQL and Oracle cannot provision IOPS beyond the 3,000.
 */
export function gp3LargeFromGb(engine: string): number | undefined {
  if (/^(mysql|mariadb|postgres)/.test(engine)) return 400;
  return engine.startsWith('oracle') ? 200 : undefined;
}

/** The IOPS RDS gp3 includes for an engine at a size. */
export function gp3BaselineIops(engine: string, sizeGb: number): number {
  const large = gp3LargeFromGb(engine);
  return large !== undefined && sizeGb >= large ? 12_000 : 3000;
}

/**
 * Monthly cost of an RDS instance's storage (gp2, gp3 with IOPS above its baseline, io1 with its IOPS), Multi-AZ
 * counted twice; undefined for a type the table has no price for (io2, magnetic, aurora).
 */
export function rdsStorageCost(s: RdsStorage, region: string): Estimate | undefined {
  const gb = s.allocatedStorageGb;
  const storage = lookupPrice(`rds.storage.${s.storageType ?? 'gp2'}`, region);
  if (!storage || gb === undefined) return undefined;
  const parts = [monthlyCost(storage, gb)];
  if (s.storageType === 'io1') {
    const iops = price('rds.io1.iops', region);
    if (!iops || s.iops === undefined) return undefined;
    parts.push(monthlyCost(iops, s.iops));
  }
  const baseline = gp3BaselineIops(s.engine, gb);
  if (s.storageType === 'gp3' && (s.iops ?? 0) > baseline) {
    const iops = price('rds.gp3.iops_over_baseline', region);
    if (!iops) return undefined;
    parts.push(monthlyCost(iops, (s.iops ?? 0) - baseline));
  }
  return multiAzCopy(sum(parts), s.multiAz);
}

/** The monthly cost of `gb` of an RDS storage type (no IOPS), Multi-AZ counted twice; undefined without a price. */
export function rdsStorageGbCost(storageType: string, gb: number, multiAz: boolean, region: string) {
  const storage = lookupPrice(`rds.storage.${storageType}`, region);
  return storage && multiAzCopy(monthlyCost(storage, gb), multiAz);
}

/**
 * Aurora instance price per hour (engine `aurora-mysql`/`aurora-postgresql`, Aurora Standard), or undefined. Aurora
 * is priced apart from RDS for MySQL/PostgreSQL: its rows are `rds.aurora-mysql.<class>.single_az`.
 */
export const auroraPrice = (engine: string, instanceClass: string, region: string): Rate | undefined =>
  lookupPrice(`rds.${engine}.${instanceClass}.single_az`, region);

/** RDS Extended Support's rate for its year (1, 2, 3 and later), counted from the end of standard support. */
export function extendedSupportRate(year: number, region: string): Rate | undefined {
  if (year <= 1) return price('rds.extended_support.year1.vcpu_hour', region);
  if (year === 2) return price('rds.extended_support.year2.vcpu_hour', region);
  return price('rds.extended_support.year3.vcpu_hour', region);
}

/** DynamoDB on-demand cost of a month of request units (Standard table class), or undefined without the prices. */
export function dynamoOnDemandCost(readUnits: number, writeUnits: number, region: string): Estimate | undefined {
  const rru = price('dynamodb.ondemand.read.per_million_rru', region);
  const wru = price('dynamodb.ondemand.write.per_million_wru', region);
  if (!rru || !wru) return undefined;
  const millions = (n: number) => Math.round(n / 10_000) / 100;
  return sum([monthlyCost(rru, millions(readUnits)), monthlyCost(wru, millions(writeUnits))]);
}

/** DynamoDB provisioned capacity for a month (RCU and WCU by the hour), or undefined without the prices. */
export function dynamoProvisionedCost(rcu: number, wcu: number, region: string): Estimate | undefined {
  const r = price('dynamodb.rcu_hour', region);
  const w = price('dynamodb.wcu_hour', region);
  return r && w ? sum([monthlyCost(r, rcu), monthlyCost(w, wcu)]) : undefined;
}

/** An Aurora cluster's month on both storage configurations, and the parts the rules quote. */
export interface AuroraCosts {
  /** Aurora Standard: instance hours + storage + I/O requests. */
  standard: Estimate;
  /** Aurora I/O-Optimized: instance hours × the ratio + storage at its rate, no I/O charge. */
  optimized: Estimate;
  io: Estimate;
  ratio: number;
  optimizedStorageUsd: number;
}

/**
 * What an Aurora cluster (its members' classes, `gb` of volume, `millionIos` a month) costs on Standard and on
 * I/O-Optimized; undefined when a member class or a rate has no price.
 */
export function auroraCosts(
  engine: string,
  classes: string[],
  usage: { gb: number; millionIos: number },
  region: string,
): AuroraCosts | undefined {
  const rates = classes.map((c) => auroraPrice(engine, c, region));
  const io = price('aurora.standard.io.per_million', region);
  const ratio = price('aurora.io_optimized.instance_price_ratio', region);
  const stdStorage = price('aurora.standard.storage.gb_month', region);
  const optStorage = price('aurora.io_optimized.storage.gb_month', region);
  if (!io || !ratio || !stdStorage || !optStorage || rates.some((r) => !r)) return undefined;
  const instances = sum(rates.map((r) => monthlyCost(r as Rate)));
  const ioCost = monthlyCost(io, usage.millionIos);
  return {
    standard: sum([instances, monthlyCost(stdStorage, usage.gb), ioCost]),
    optimized: sum([
      share(instances, ratio.usd, 'I/O-Optimized instance-hour ratio, aurora.io_optimized.instance_price_ratio'),
      monthlyCost(optStorage, usage.gb),
    ]),
    io: ioCost,
    ratio: ratio.usd,
    optimizedStorageUsd: optStorage.usd,
  };
}
