/**
 * The analyzer on a generated inventory of 100,000 resources: the rule catalog, then scoring and ranking of what it
 * flags. Figures (time, peak memory) are printed by `npm run bench`, never asserted. The inventory is deterministic.
 */

import { mulberry32 } from '../fixtures/sample/random';
import { evaluateRules } from '../src/analyze/rules';
import type { MetricSummary, ResourceBase, ResourceInventory } from '../src/domain/resources';
import { emptyResources } from '../src/domain/resources';
import { rank, scoreDraft } from '../src/ledger/score';
import { addDatabaseKinds } from './analyzer-database';
import { addManagedKinds } from './analyzer-managed';
import { addStorage } from './analyzer-storage';
import { addComputeResources, COMPUTE_SHARE } from './compute';

const AS_OF = '2026-11-20';
const GIB = 1024 ** 3;
const RESOURCES = 100_000;
const ACCOUNTS = ['111111111111', '222222222222', '333333333333'];
const REGIONS = ['us-east-1', 'eu-west-1', 'us-west-2', 'ap-southeast-2'];
const TYPES = [
  'm6g.large',
  'm7g.xlarge',
  'c7g.2xlarge',
  't4g.medium',
  'm6i.large',
  'r6g.xlarge',
  'm5.xlarge',
  't2.small',
];

/**
 * 100,000 resources across kinds, accounts and regions, shaped like an estate that has been looked after a little:
 * roughly one in five resources flagged by some rule, one metric in twenty missing.
 */
export function generateInventory(total = RESOURCES, seed = 42): ResourceInventory {
  const r = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const inv = emptyResources({ days: 14, start: '2026-11-06', end: AS_OF });
  inv.regions = [...REGIONS];
  const ago = (days: number) => new Date(Date.parse(`${AS_OF}T12:00:00Z`) - days * 86_400_000).toISOString();
  const metric = (level: number): MetricSummary | undefined =>
    r() < 0.05
      ? undefined
      : { average: level, maximum: level * 1.6, maxDailyAverage: level * 1.1, sum: level * 14, datapoints: 14 };
  const base = (i: number, kind: string): ResourceBase => ({
    accountId: pick(ACCOUNTS),
    region: pick(REGIONS),
    id: `${kind}-${i.toString(16).padStart(8, '0')}`,
    tags:
      r() < 0.2
        ? {}
        : {
            owner: `owner-${Math.floor(r() * 50)}`,
            environment: r() < 0.7 ? 'production' : pick(['staging', 'development']),
          },
  });
  const share = {
    instances: 0.3 - Object.values(COMPUTE_SHARE).reduce((a, b) => a + b, 0),
    volumes: 0.3,
    snapshots: 0.12,
    images: 0.03,
    addresses: 0.03,
    natGateways: 0.01,
    loadBalancers: 0.02,
    dbInstances: 0.03,
    dbSnapshots: 0.02,
    logGroups: 0.04,
    buckets: 0.03,
    functions: 0.05,
    tables: 0.01,
    cacheClusters: 0.005,
    reservedInstances: 0.005,
    vpcEndpoints: 0.005,
    transitGatewayAttachments: 0.002,
    healthChecks: 0.002,
    metricAlarms: 0.01,
  };
  let i = 0;
  const count = (k: keyof typeof share) => Math.round(total * share[k]);
  const hex = (n: number) => n.toString(16).padStart(8, '0');
  // Reserved Instances covering part of the fleet (counted as resources too: they are read from the account).
  for (let n = count('reservedInstances'); n > 0; n--, i++) {
    inv.reservedInstances.push({ ...base(i, 'ri'), instanceType: pick(TYPES), count: 10, state: 'active' });
  }
  // Instances, each with its root volume in the same account and region (a quarter of them x86 with a Graviton twin,
  // one in eight previous generation, most production).
  for (let n = count('instances'); n > 0; n--, i++) {
    const stopped = r() < 0.05;
    const where = base(i, 'i');
    const nonProd = where.tags.environment !== undefined && where.tags.environment !== 'production';
    const volumeId = `vol-${hex(i)}`;
    inv.instances.push({
      ...where,
      instanceType: pick(TYPES),
      imageId: `ami-${i % 500}`,
      state: stopped ? 'stopped' : 'running',
      // Non-production instances mostly run on a schedule, so they were started in the last few days.
      launchTime: ago(nonProd && r() < 0.7 ? r() * 5 : r() * 400),
      stoppedSince: stopped ? ago(r() * 90) : undefined,
      platform: r() < 0.05 ? 'windows' : 'linux',
      architecture: 'x86_64',
      lifecycle: 'on-demand',
      volumeIds: [volumeId],
      metrics: { CPUUtilization: metric(5 + r() * 60) },
    });
    inv.volumes.push({
      ...where,
      id: volumeId,
      type: r() < 0.2 ? 'gp2' : 'gp3',
      sizeGb: 8 + Math.ceil(r() * 200),
      iops: 3000,
      state: 'in-use',
      attachedInstanceIds: [where.id],
      createTime: ago(r() * 400),
    });
  }
  // Data volumes: one in ten left unattached.
  for (let n = count('volumes') - inv.volumes.length; n > 0; n--, i++) {
    const attachedTo = r() < 0.9 ? inv.instances[Math.floor(r() * inv.instances.length)] : undefined;
    inv.volumes.push({
      ...base(i, 'vol'),
      ...(attachedTo ? { accountId: attachedTo.accountId, region: attachedTo.region } : {}),
      type: pick(['gp2', 'gp3', 'gp3', 'gp3', 'io1', 'st1']),
      sizeGb: Math.ceil(r() * 1000),
      iops: 3000,
      state: attachedTo ? 'in-use' : 'available',
      attachedInstanceIds: attachedTo ? [attachedTo.id] : [],
      createTime: ago(r() * 500),
    });
  }
  // Snapshots of existing volumes, one in ten of a volume since deleted.
  for (let n = count('snapshots'); n > 0; n--, i++) {
    const of = inv.volumes[Math.floor(r() * inv.volumes.length)];
    const gone = r() < 0.1 || !of;
    inv.snapshots.push({
      ...base(i, 'snap'),
      ...(of ? { accountId: of.accountId, region: of.region } : {}),
      volumeId: gone ? `vol-gone-${hex(i)}` : of.id,
      volumeSizeGb: Math.ceil(r() * 500),
      startTime: ago(r() * 500),
      storageTier: 'standard',
    });
  }
  for (let n = count('images'); n > 0; n--, i++)
    inv.images.push({ ...base(i, 'ami'), creationDate: ago(r() * 600), snapshotIds: [], state: 'available' });
  for (let n = count('addresses'); n > 0; n--, i++)
    inv.addresses.push({
      ...base(i, 'eipalloc'),
      publicIp: '198.51.100.1',
      ...(r() < 0.8 ? { associationId: 'eipassoc-1' } : {}),
    });
  for (let n = count('natGateways'); n > 0; n--, i++)
    inv.natGateways.push({
      ...base(i, 'nat'),
      state: 'available',
      vpcId: `vpc-${i % 40}`,
      metrics: { BytesOutToDestination: metric(r() * 1e10), BytesInFromDestination: metric(r() * 1e10) },
    });
  for (let n = count('loadBalancers'); n > 0; n--, i++)
    inv.loadBalancers.push({
      ...base(i, 'lb'),
      name: `lb-${i}`,
      type: pick(['application', 'network', 'classic'] as const),
      targetCount: Math.floor(r() * 4),
      metrics: { RequestCount: metric(r() < 0.1 ? 0 : r() * 1e6), NewFlowCount: metric(r() * 1e5) },
    });
  for (let n = count('dbInstances'); n > 0; n--, i++)
    inv.dbInstances.push({
      ...base(i, 'db'),
      instanceClass: 'db.t3.large',
      engine: pick(['mysql', 'postgres']),
      engineVersion: pick(['8.0.35', '8.4.3', '12.19', '16.4']),
      multiAz: r() < 0.5,
      status: 'available',
      storageType: 'gp2',
      allocatedStorageGb: 100,
      metrics: {
        DatabaseConnections: metric(r() < 0.1 ? 0 : r() * 100),
        CPUUtilization: metric(r() * 50),
        // 30 of 100 GB free, without drawing from the random source (the rest of the inventory stays as it was).
        FreeStorageSpace: {
          average: 30 * GIB,
          maximum: 33 * GIB,
          maxDailyAverage: 31 * GIB,
          sum: 420 * GIB,
          datapoints: 14,
        },
      },
    });
  for (let n = count('dbSnapshots'); n > 0; n--, i++)
    inv.dbSnapshots.push({
      ...base(i, 'rds-snap'),
      instanceId: `db-${i}`,
      snapshotType: 'manual',
      allocatedStorageGb: 100,
      createTime: ago(r() * 400),
    });
  for (let n = count('logGroups'); n > 0; n--, i++)
    inv.logGroups.push({
      ...base(i, 'lg'),
      ...(r() < 0.5 ? { retentionDays: 30 } : {}),
      storedBytes: r() * 1e11,
      creationTime: ago(r() * 900),
    });
  for (let n = count('buckets'); n > 0; n--, i++)
    inv.buckets.push({
      ...base(i, 'bucket'),
      lifecycle:
        r() < 0.5 ? [] : [{ enabled: true, hasTransitionOrExpiration: true, abortsIncompleteUploads: r() < 0.5 }],
    });
  for (let n = count('functions'); n > 0; n--, i++)
    inv.functions.push({
      ...base(i, 'fn'),
      runtime: 'nodejs20.x',
      memoryMb: pick([128, 512, 1024, 3008]),
      architecture: pick(['x86_64', 'arm64']),
      packageType: 'Zip',
      metrics: { Invocations: metric(r() * 1e5), Duration: metric(r() * 2000), used_memory_max: metric(r() * 500) },
    });
  for (let n = count('tables'); n > 0; n--, i++)
    inv.tables.push({
      ...base(i, 'table'),
      billingMode: 'PROVISIONED',
      readCapacityUnits: 100,
      writeCapacityUnits: 50,
      autoScaling: { read: r() < 0.5, write: r() < 0.5 },
      metrics: {
        ConsumedReadCapacityUnits: metric(r() * 86_400 * 50),
        ConsumedWriteCapacityUnits: metric(r() * 86_400 * 20),
      },
    });
  for (let n = count('cacheClusters'); n > 0; n--, i++)
    inv.cacheClusters.push({
      ...base(i, 'cache'),
      engine: 'redis',
      nodeType: 'cache.m4.large',
      nodes: 2,
      status: 'available',
      metrics: { CurrConnections: metric(r() < 0.1 ? 0 : r() * 100) },
    });
  addNetwork(inv, { count: (k) => count(k), next: () => i++, base, pick, metric, ago, r });
  addComputeResources(inv, total, i, { r, pick, base, ago, metric });
  addDatabaseKinds(inv, total, i, { r, pick, base, metric });
  addStorage(inv, { total, r, base, metric, ago }, i);
  addManagedKinds(inv, total, i, { r, pick, base, metric, ago });
  asCollected(inv);
  return inv;
}

/**
 * Each resource copied into a plain object, as the collectors build theirs (one object literal per kind), so that the
 * resources of a kind share V8's hidden classes. Made with object spreads, every generated resource had a hidden class
 * of its own, every property the rules read missed the inline caches, and the catalog took about 1.5 times as long as
 * on the same resources collected or read back from a snapshot: a cost of the generator, not of the rules.
 */
function asCollected(inv: ResourceInventory): void {
  for (const list of Object.values(inv)) {
    if (!Array.isArray(list)) continue;
    const items: unknown[] = list;
    for (const [k, item] of items.entries())
      if (typeof item === 'object' && item !== null) items[k] = Object.assign({}, item);
  }
}

/** What the network generator borrows from generateInventory. */
interface Gen {
  count: (kind: 'vpcEndpoints' | 'transitGatewayAttachments' | 'healthChecks' | 'metricAlarms') => number;
  next: () => number;
  base: (i: number, kind: string) => ResourceBase;
  pick: <T>(xs: readonly T[]) => T;
  metric: (level: number) => MetricSummary | undefined;
  ago: (days: number) => string;
  r: () => number;
}

/** VPC endpoints, Transit Gateway attachments, health checks, alarms and the Savings Plans cover record. */
function addNetwork(inv: ResourceInventory, g: Gen): void {
  const SERVICES = ['s3', 'dynamodb', 'ssm', 'ecr.api', 'logs', 'sts'] as const;
  for (let n = g.count('vpcEndpoints'); n > 0; n--) {
    const service = g.pick(SERVICES);
    const gateway = service === 's3' || service === 'dynamodb';
    const at = g.base(g.next(), 'vpce');
    inv.vpcEndpoints.push({
      ...at,
      endpointType: gateway ? 'Gateway' : 'Interface',
      serviceName: `com.amazonaws.${at.region}.${service}`,
      vpcId: `vpc-${Math.floor(g.r() * 40)}`,
      state: 'available',
      subnetIds: gateway ? [] : ['subnet-a', 'subnet-b'].slice(0, 1 + Math.floor(g.r() * 2)),
      createTime: g.ago(g.r() * 600),
      metrics: gateway ? undefined : { BytesProcessed: g.metric(g.r() < 0.2 ? 0 : g.r() * 1e9) },
    });
  }
  for (let n = g.count('transitGatewayAttachments'); n > 0; n--) {
    inv.transitGatewayAttachments.push({
      ...g.base(g.next(), 'tgw-attach'),
      transitGatewayId: 'tgw-1',
      resourceType: 'vpc',
      state: 'available',
      metrics: { BytesIn: g.metric(g.r() < 0.1 ? 0 : g.r() * 1e10), BytesOut: g.metric(g.r() * 1e10) },
    });
  }
  for (let n = g.count('healthChecks'); n > 0; n--) {
    inv.healthChecks.push({
      ...g.base(g.next(), 'hc'),
      type: g.pick(['HTTP', 'HTTPS', 'TCP', 'CALCULATED']),
      domainName: 'example.com',
      derived: false,
      metrics: { HealthCheckStatus: g.metric(g.r() < 0.1 ? 0 : 1) },
    });
  }
  for (let n = g.count('metricAlarms'); n > 0; n--) {
    const at = g.base(g.next(), 'alarm');
    const instance = inv.instances[Math.floor(g.r() * inv.instances.length)];
    inv.metricAlarms.push({
      ...at,
      name: at.id,
      state: g.pick(['OK', 'OK', 'ALARM', 'INSUFFICIENT_DATA']),
      stateSince: g.ago(g.r() * 300),
      namespace: 'AWS/EC2',
      metricName: 'CPUUtilization',
      dimensions: { InstanceId: g.r() < 0.9 && instance ? instance.id : `i-gone-${at.id}` },
      metricCount: 1,
      periodSeconds: 300,
      anomalyDetection: g.r() < 0.05,
    });
  }
  for (const accountId of ACCOUNTS) {
    for (const region of REGIONS) {
      const source = 'ec2:DescribeVpcEndpoints';
      inv.listsRead.push({ accountId, region, id: `${source}@${accountId}/${region}`, tags: {}, source });
    }
  }
  inv.commitmentCover.push({
    accountId: 'all',
    region: 'global',
    id: 'savings-plans',
    tags: {},
    plans: [{ id: 'sp-1', type: 'Compute', hourlyUsd: 50 }],
    familyCoverage: ['m5', 'c5', 'r5', 't3'].map((instanceFamily) => ({
      instanceFamily,
      region: 'us-east-1',
      coveredUsd: 600,
      onDemandUsd: 400,
      totalUsd: 1000,
    })),
  });
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

/** Time and peak memory of the rule catalog and scoring over 100,000 generated resources. */
export async function benchAnalyzer(): Promise<Record<string, string | number>> {
  const peak = { rss: 0, heap: 0 };
  const sample = () => {
    const m = process.memoryUsage();
    peak.rss = Math.max(peak.rss, m.rss);
    peak.heap = Math.max(peak.heap, m.heapUsed);
  };
  const resources = generateInventory();
  const total = Object.values(resources).reduce(
    (n, v) => n + (Array.isArray(v) && typeof v[0] === 'object' ? v.length : 0),
    0,
  );
  sample();
  // What the figures below include besides the rules' own: the generated inventory (and the garbage of making it).
  const inventoryHeap = process.memoryUsage().heapUsed;
  const started = performance.now();
  const drafts = evaluateRules(
    { asOf: AS_OF, sample: false, notes: [], resources },
    { ownerTags: ['owner', 'team'], ruleParams: {}, exclude: [] },
  );
  const evaluated = performance.now();
  sample();
  // The drafts are the bench's own: scored in place rather than copied.
  const ranked = rank(drafts.map((d) => Object.assign(d, scoreDraft(d))));
  const done = performance.now();
  sample();
  return {
    resources: total,
    'findings (not ok)': ranked.length,
    'evaluateRules ms': Math.round(evaluated - started),
    'score + rank ms': Math.round(done - evaluated),
    'total ms': Math.round(done - started),
    'peak rss': mib(peak.rss),
    'peak heapUsed': mib(peak.heap),
    'heapUsed at start (generated input)': mib(inventoryHeap),
  };
}
