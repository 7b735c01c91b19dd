/**
 * List prices and the estimate helpers every rule uses. The tables are us-east-1 list prices bundled with their
 * provenance (data/PROVENANCE.md). For any other region there is no regional table: the us-east-1 figure is used and
 * the estimate says so (method 'price-table-approx'). A type the tables do not hold has no price: callers get
 * undefined and must say so, never guess.
 */

import type { SavingsMethod } from '../domain/finding';
import { groupThousands, HOURS_PER_MONTH } from '../domain/money';
import type { RegionalEc2Prices } from '../domain/resources';
import publicPrices from './data/aws_public_prices_us_east_1.json';
import ec2Prices from './data/ec2_ondemand_linux_hourly_usd.json';
import more from './data/more_us_east_1.json';
import supplement from './data/supplement_us_east_1.json';
import { usageTypeOf } from './usage-types';

/** The region the bundled tables were taken for. */
export const TABLE_REGION = 'us-east-1';

export type PriceMethod = Extract<SavingsMethod, 'price-table' | 'price-table-approx' | 'price-list-api'>;

/** A unit price as it applies to one region. */
export interface Rate {
  key: string;
  usd: number;
  unit: string;
  /** Billed by the hour: monthly cost is usd × HOURS_PER_MONTH × quantity. */
  hourly: boolean;
  region: string;
  method: PriceMethod;
}

/** A monthly dollar figure with how it was reached. */
export interface Estimate {
  monthlyUsd: number;
  method: PriceMethod;
  /** Human-readable: quantities, unit prices and the region caveat. */
  basis: string;
  /**
   * The part of monthlyUsd that is compute hours a Reserved Instance or Savings Plan can cover (EC2 instance hours,
   * Fargate and Lambda duration, RDS and ElastiCache node hours, DynamoDB provisioned capacity); never storage,
   * snapshots, IPv4, NAT, load balancers or data transfer.
   */
  committableUsd: number;
  /**
   * The usage types (Cost Explorer USAGE_TYPE, region code left out) the figure's prices are billed under: what
   * checking a claimed saving against the bill measures. A price with no usage type of its own adds none.
   */
  usageTypes: string[];
}

/**
 * Unit prices commitments can pay for: EC2 instance hours (RIs, both Savings Plans), Fargate and Lambda duration
 * (Compute Savings Plans), RDS, ElastiCache and OpenSearch instance/node hours and DynamoDB provisioned capacity (their
 * own reservations), SageMaker instance hours (SageMaker Savings Plans). EBS, snapshots, IPv4, NAT, load balancers,
 * storage, requests and transfer are never covered.
 */
const COMMITTABLE = [
  /^ec2\.(?!cpu_credits)/,
  /^fargate\./,
  /^lambda\.duration/,
  /^rds\.(mysql|postgres|[a-z-]+)\.db\./,
  /^elasticache\.cache\./,
  /^redshift\.[a-z0-9.]+\.node_hour$/,
  /^dynamodb\.(rcu|wcu)_hour$/,
  /^opensearch\.(?!storage|io1|ultrawarm)/,
  /^sagemaker\./,
];

/** Whether a unit price is one commitments can cover. */
export const isCommittable = (key: string): boolean => COMMITTABLE.some((re) => re.test(key));

interface TableEntry {
  value: number;
  unit: string;
}

const UNIT_PRICES = { ...publicPrices.prices, ...supplement.prices, ...more.prices };

/** The key of a unit price in the bundled tables: a typo fails the typecheck instead of pricing nothing. */
export type PriceKey = keyof typeof UNIT_PRICES;

const isPriceKey = (key: string): key is PriceKey => key in UNIT_PRICES;
const EC2_HOURLY: Record<string, number> = ec2Prices.prices[TABLE_REGION];

const rate = (key: string, usd: number, unit: string, region: string, method?: PriceMethod): Rate => ({
  key,
  usd,
  unit,
  hourly: /-hour|per hour/.test(unit),
  region,
  method: method ?? (region === TABLE_REGION ? 'price-table' : 'price-table-approx'),
});

/**
 * Unit prices of regions other than us-east-1 read from the Price List API (DURION_PRICE_REFRESH), by region then
 * price key, each with the day it was read; USD in the bundled table's unit for that key.
 */
export type RegionalUnitPrices = Record<string, Record<string, { usd: number; fetchedOn: string }>>;

/** What the current `pricedWith` evaluation reads from, and the region|key pairs it had to approximate. */
let regional: RegionalUnitPrices | undefined;
let approximated: Set<string> | undefined;

/**
 * Run one synchronous evaluation (the rule catalog) with these regional prices: `price()` answers from them where they
 * hold the region and key, else from the us-east-1 table as an approximation, and each approximated region and key is
 * returned so the caller can read those from the Price List API and evaluate again.
 */
export function pricedWith<T>(
  prices: RegionalUnitPrices | undefined,
  evaluate: () => T,
): { result: T; approximated: { region: string; key: PriceKey }[] } {
  const outer = [regional, approximated, unitRates] as const;
  regional = prices;
  approximated = new Set();
  unitRates = new Map();
  try {
    const result = evaluate();
    const pairs = [...approximated].sort().map((pair) => {
      const [region = '', key = ''] = pair.split('|');
      return { region, key: key as PriceKey };
    });
    return { result, approximated: pairs };
  } finally {
    [regional, approximated, unitRates] = outer;
  }
}

/**
 * A unit price (keys as in data/*.json, e.g. `ebs.gp3.storage`) for a region: the region's own price when this run read
 * it, else the bundled us-east-1 table's (stated as an approximation outside us-east-1); undefined for a key the
 * tables do not hold.
 */
export function price(key: PriceKey, region: string): Rate | undefined {
  const known = ratesOf(unitRates, region);
  let found = known.get(key);
  if (!found) {
    found = unitRate(key, region);
    if (found) known.set(key, found);
  }
  return found;
}

function unitRate(key: PriceKey, region: string): Rate | undefined {
  const entry: TableEntry = UNIT_PRICES[key];
  if (!entry) return undefined;
  if (region !== TABLE_REGION) {
    const read = regional?.[region]?.[key];
    if (read) return rate(key, read.usd, entry.unit, region, 'price-list-api');
    approximated?.add(`${region}|${key}`);
  }
  return rate(key, entry.value, entry.unit, region);
}

/**
 * Rates already worked out, by region then key: the catalog asks for the same few prices tens of thousands of times a
 * run, and each rate's estimates share what `termsOf` derives from it. Unit prices are kept per `pricedWith`
 * evaluation (its regional prices and approximations are its own), EC2 prices per regional table they were read from.
 */
type Rates = Map<string, Map<string, Rate>>;
let unitRates: Rates = new Map();
const ec2Rates = new WeakMap<RegionalEc2Prices, Rates>();
/** The key of ec2Rates for EC2 prices worked out with no regional table. */
const NO_REGIONAL: RegionalEc2Prices = {};

function ratesOf(rates: Rates, region: string): Map<string, Rate> {
  let known = rates.get(region);
  if (!known) {
    known = new Map();
    rates.set(region, known);
  }
  return known;
}

/** The bundled table's unit for a key (to check a Price List answer is in the same unit), or undefined. */
export const tableUnit = (key: string): string | undefined => (isPriceKey(key) ? UNIT_PRICES[key].unit : undefined);

/** A unit price under a key built at run time from what AWS reported (a volume type, a node type), or undefined. */
export const lookupPrice = (key: string, region: string): Rate | undefined =>
  isPriceKey(key) ? price(key, region) : undefined;

/**
 * EC2 On-Demand Linux price per hour for an instance type: the region's price read this run when there is one, else
 * the bundled table's; undefined when neither holds the type.
 */
export function ec2Price(instanceType: string, region: string, regional?: RegionalEc2Prices): Rate | undefined {
  const table = regional ?? NO_REGIONAL;
  let rates = ec2Rates.get(table);
  if (!rates) {
    rates = new Map();
    ec2Rates.set(table, rates);
  }
  const known = ratesOf(rates, region);
  let found = known.get(instanceType);
  if (!found) {
    found = ec2Rate(instanceType, region, regional);
    if (found) known.set(instanceType, found);
  }
  return found;
}

function ec2Rate(instanceType: string, region: string, regional?: RegionalEc2Prices): Rate | undefined {
  const read = regional?.[region]?.[instanceType];
  if (read !== undefined) return rate(`ec2.${instanceType}`, read, 'USD per instance-hour', region, 'price-list-api');
  const usd = EC2_HOURLY[instanceType];
  return usd === undefined ? undefined : rate(`ec2.${instanceType}`, usd, 'USD per instance-hour', region);
}

/** Whether the EC2 table holds a type (to choose among candidate types without pricing them yet). */
export const hasEc2Price = (instanceType: string): boolean => EC2_HOURLY[instanceType] !== undefined;

/** RDS instance price per hour (engine family `mysql`/`postgres`, class `db.t3.large`), or undefined. */
export function rdsPrice(engine: string, instanceClass: string, multiAz: boolean, region: string): Rate | undefined {
  const family = engine.includes('postgres') ? 'postgres' : engine.includes('mysql') ? 'mysql' : engine;
  return lookupPrice(`rds.${family}.${instanceClass}.${multiAz ? 'multi_az' : 'single_az'}`, region);
}

/** ElastiCache node price per hour, or undefined. */
export const elasticachePrice = (nodeType: string, region: string): Rate | undefined =>
  lookupPrice(`elasticache.${nodeType}`, region);

const round = (usd: number): number => Math.round(usd * 10_000) / 10_000;

const regionNote = (r: Rate): string =>
  r.method === 'price-list-api'
    ? `${r.region} list price from the Price List API`
    : r.method === 'price-table'
      ? `${TABLE_REGION} list price`
      : `${TABLE_REGION} list price used for ${r.region}, no regional table bundled`;

/** Thousands separated without Intl, which is slow at the analyzer's volume (100,000 resources). */
const num = (n: number): string =>
  Number.isInteger(n) ? (n < 0 ? `-${groupThousands(String(-n))}` : groupThousands(String(n))) : String(round(n));

/** What every estimate at a rate repeats: the end of its basis after the quantity, its cover, its usage types. */
interface RateTerms {
  basisTail: string;
  committable: boolean;
  /** Shared by every estimate at the rate: never changed in place. */
  usageTypes: string[];
}

/** Each rate's terms, worked out once (rates are kept per region and key, see Rates). */
const rateTerms = new WeakMap<Rate, RateTerms>();

function termsOf(r: Rate): RateTerms {
  let terms = rateTerms.get(r);
  if (!terms) {
    const usageType = usageTypeOf(r.key);
    terms = {
      basisTail: `${r.hourly ? ` × ${HOURS_PER_MONTH} h` : ''} × $${r.usd} (${r.key}, ${regionNote(r)})`,
      committable: isCommittable(r.key),
      usageTypes: usageType === undefined ? [] : [usageType],
    };
    rateTerms.set(r, terms);
  }
  return terms;
}

/** The monthly cost of `quantity` units at a rate (hourly rates over HOURS_PER_MONTH hours). */
export function monthlyCost(r: Rate, quantity = 1): Estimate {
  const terms = termsOf(r);
  const monthlyUsd = round(r.usd * quantity * (r.hourly ? HOURS_PER_MONTH : 1));
  return {
    monthlyUsd,
    method: r.method,
    basis: `${num(quantity)}${terms.basisTail}`,
    committableUsd: terms.committable ? monthlyUsd : 0,
    usageTypes: terms.usageTypes,
  };
}

/**
 * The usage types of several estimates, each once, in order. An estimate's own list never repeats one, so a single
 * part's list is shared rather than copied.
 */
function usageTypesOf(parts: readonly Estimate[]): string[] {
  let all: string[] = [];
  let copied = false;
  for (const { usageTypes } of parts) {
    if (all.length === 0) {
      all = usageTypes;
      continue;
    }
    for (const u of usageTypes) {
      if (all.includes(u)) continue;
      if (!copied) {
        all = [...all];
        copied = true;
      }
      all.push(u);
    }
  }
  return all.length === 0 ? [] : all;
}

/** How exact each method is, least last: an estimate is as exact as its least exact part. */
const EXACTNESS: Record<PriceMethod, number> = { 'price-table': 0, 'price-list-api': 1, 'price-table-approx': 2 };
const leastExact = (a: PriceMethod, b: PriceMethod): PriceMethod => (EXACTNESS[b] > EXACTNESS[a] ? b : a);

/** Several costs added up (a volume's storage and IOPS). */
export function sum(parts: Estimate[]): Estimate {
  let monthlyUsd = 0;
  let committableUsd = 0;
  let method: PriceMethod = 'price-table';
  for (const e of parts) {
    monthlyUsd += e.monthlyUsd;
    committableUsd += e.committableUsd;
    method = leastExact(method, e.method);
  }
  const kept = parts.length === 1 ? parts : parts.filter((e) => e.monthlyUsd !== 0);
  return {
    monthlyUsd: round(monthlyUsd),
    method,
    basis: (kept.length ? kept : parts).map((e) => e.basis).join(' + '),
    committableUsd: round(committableUsd),
    usageTypes: usageTypesOf(parts),
  };
}

/** What moving from one cost to another saves a month (never below zero), and how much of it is compute hours. */
export function saving(from: Estimate, to: Estimate): Estimate {
  const monthlyUsd = round(Math.max(0, from.monthlyUsd - to.monthlyUsd));
  return {
    monthlyUsd,
    committableUsd: round(Math.min(monthlyUsd, Math.max(0, from.committableUsd - to.committableUsd))),
    method: leastExact(from.method, to.method),
    // The bill changes on both sides: what stops (m5.xlarge hours, gp2) and what starts (m5.large hours, gp3).
    usageTypes: usageTypesOf([from, to]),
    basis: `now ${from.basis} = $${from.monthlyUsd.toFixed(2)}; after ${to.basis} = $${to.monthlyUsd.toFixed(2)}`,
  };
}

/** A share of a cost (e.g. the hours a schedule switches off), with the share stated. */
export function share(of: Estimate, fraction: number, why: string): Estimate {
  return {
    monthlyUsd: round(of.monthlyUsd * fraction),
    committableUsd: round(of.committableUsd * fraction),
    usageTypes: of.usageTypes,
    method: of.method,
    basis: `${Math.round(fraction * 100)}% (${why}) of ${of.basis}`,
  };
}

/** EBS volume shape the price depends on. */
export interface VolumeSpec {
  type: string;
  sizeGb: number;
  iops?: number;
  throughputMBps?: number;
}

/** gp3 includes 3,000 IOPS and 125 MB/s; io1/io2 bill every provisioned IOPS. */
const GP3_FREE_IOPS = 3000;
const GP3_FREE_THROUGHPUT = 125;

/** Monthly cost of an EBS volume (storage, plus provisioned IOPS and throughput where billed), or undefined. */
export function ebsVolumeCost(v: VolumeSpec, region: string): Estimate | undefined {
  const storage = lookupPrice(`ebs.${v.type}.storage`, region);
  if (!storage) return undefined;
  const parts = [monthlyCost(storage, v.sizeGb)];
  if (v.type === 'gp3') {
    const iops = price('ebs.gp3.iops_over_3000', region);
    const tput = price('ebs.gp3.throughput_over_125', region);
    if (iops && (v.iops ?? 0) > GP3_FREE_IOPS) parts.push(monthlyCost(iops, (v.iops ?? 0) - GP3_FREE_IOPS));
    if (tput && (v.throughputMBps ?? 0) > GP3_FREE_THROUGHPUT) {
      parts.push(monthlyCost(tput, (v.throughputMBps ?? 0) - GP3_FREE_THROUGHPUT));
    }
  }
  if (v.type === 'io1' || v.type === 'io2') {
    const iops = price(v.type === 'io1' ? 'ebs.io1.iops' : 'ebs.io2.iops_tier1_upto_32000', region);
    if (!iops || v.iops === undefined) return undefined;
    parts.push(monthlyCost(iops, v.iops));
  }
  return sum(parts);
}

/** The gp3 volume that serves what a volume serves: same size, its IOPS (≥ 3,000), its throughput (≥ 125 MB/s). */
export const gp3Equivalent = (v: VolumeSpec): VolumeSpec => ({
  type: 'gp3',
  sizeGb: v.sizeGb,
  iops: Math.max(GP3_FREE_IOPS, v.iops ?? 0),
  throughputMBps: Math.max(GP3_FREE_THROUGHPUT, v.throughputMBps ?? 0),
});
