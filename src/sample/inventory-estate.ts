/**
 * The resources of the sample estate: for every rule of the catalog at least one resource that trips it, beside
 * clean resources that trip none (SAMPLE_CLEAN_IDS). Ages are days before the as-of date, metrics are daily levels;
 * src/sample/inventory.ts renders them as AWS answers. Ids shared with src/sample/optimizer.ts (i-0a11ce…, i-0c5c5c…,
 * vol-0a2a2a…, vol-0b1b1b…, vol-0ffff…, nat-0a0a…, erp-thumbnailer) let one resource be proposed by a rule and by
 * Compute Optimizer, so deduplication is exercised.
 */

export const PROD = '111111111111';
export const STAGING = '222222222222';
export const DEV = '333333333333';

/** Regions the sample account has enabled; the last is denied by an SCP, so the run reports it as a note. */
export const SAMPLE_REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2'] as const;
export const DENIED_REGION = 'ap-southeast-2';

type Tags = Record<string, string>;
/** Daily levels by CloudWatch metric name (a gauge's daily average; a count's daily sum). Absent: no datapoints. */
type Levels = Record<string, number>;

const prod = (owner: string, team: string): Tags => ({ owner, team, environment: 'production' });
const staging = (team: string): Tags => ({ team, environment: 'staging' });
const dev = (owner: string): Tags => ({ owner, team: 'platform', environment: 'development' });

export interface SampleInstance {
  account: string;
  region: string;
  id: string;
  type: string;
  state: 'running' | 'stopped';
  /** Days since the last start (EC2's LaunchTime). */
  launched: number;
  stoppedDays?: number;
  platform?: 'Windows';
  arch: 'x86_64' | 'arm64';
  image: string;
  volumes: string[];
  tags: Tags;
  metrics: Levels;
}

export const INSTANCES: SampleInstance[] = [
  // Production, covered by a Savings Plan (optimizer.ts); x86 with a Graviton twin.
  {
    account: PROD,
    region: 'us-east-1',
    id: 'i-0a11ce5e5e5e50001',
    type: 'm5.xlarge',
    state: 'running',
    launched: 210,
    arch: 'x86_64',
    image: 'ami-0e7a5c0de0000a001',
    volumes: ['vol-0a2a2a2a2a2a20001', 'vol-0a11ce5e5e5e5root'],
    tags: { Name: 'erp-app-1', ...prod('alice', 'erp-core') },
    metrics: { CPUUtilization: 24 },
  },
  // Over-provisioned: CPU 3% (Compute Optimizer says the same).
  {
    account: PROD,
    region: 'us-east-1',
    id: 'i-0c5c5c5c5c5c50002',
    type: 'c5.2xlarge',
    state: 'running',
    launched: 95,
    arch: 'x86_64',
    image: 'ami-0e7a5c0de0000a001',
    volumes: ['vol-0b1b1b1b1b1b10002', 'vol-0c5c5c5c5c5c5root'],
    tags: { Name: 'erp-batch', ...prod('bob', 'data') },
    metrics: { CPUUtilization: 3.1 },
  },
  // Previous generation.
  {
    account: PROD,
    region: 'us-east-1',
    id: 'i-04a404a404a400009',
    type: 'm4.large',
    state: 'running',
    launched: 400,
    arch: 'x86_64',
    image: 'ami-0e7a5c0de0000a001',
    volumes: ['vol-04a404a404a4root'],
    tags: { Name: 'erp-reports', ...prod('carol', 'data') },
    metrics: { CPUUtilization: 35 },
  },
  // Stopped 45 days with its volume and an Elastic IP still billed.
  {
    account: PROD,
    region: 'us-east-1',
    id: 'i-05f0905f0905f0010',
    type: 't3.large',
    state: 'stopped',
    launched: 120,
    stoppedDays: 45,
    arch: 'x86_64',
    image: 'ami-0e7a5c0de0000a001',
    volumes: ['vol-05f0905f0905root'],
    tags: { Name: 'erp-migration-tool', owner: 'dave' },
    metrics: {},
  },
  // Stopped 12 days: its data volume is flagged (the instance is not yet "stopped long").
  {
    account: PROD,
    region: 'us-east-1',
    id: 'i-0570ed0570ed00011',
    type: 'm5.large',
    state: 'stopped',
    launched: 60,
    stoppedDays: 12,
    arch: 'x86_64',
    image: 'ami-0e7a5c0de0000a001',
    volumes: ['vol-0570ed0570eddata'],
    tags: { Name: 'erp-import-worker', team: 'data' },
    metrics: {},
  },
  // Graviton candidate in Europe (Compute Optimizer's erp-batch-eu).
  {
    account: PROD,
    region: 'eu-west-1',
    id: 'i-0e0e0e0e0e0e00006',
    type: 'm5.large',
    state: 'running',
    launched: 150,
    arch: 'x86_64',
    image: 'ami-0e7a5c0de0000e001',
    volumes: ['vol-0e0e0e0e0e0eroot'],
    tags: { Name: 'erp-batch-eu', ...prod('erin', 'erp-core') },
    metrics: { CPUUtilization: 41 },
  },
  // Clean: Graviton, current generation, busy, covered by a Reserved Instance.
  {
    account: PROD,
    region: 'us-east-1',
    id: 'i-0c1ea0c1ea0c10012',
    type: 'm6g.large',
    state: 'running',
    launched: 300,
    arch: 'arm64',
    image: 'ami-0e7a5c0de0000a002',
    volumes: ['vol-0c1ea0c1ea0croot'],
    tags: { Name: 'erp-web-1', ...prod('alice', 'erp-core') },
    metrics: { CPUUtilization: 46 },
  },
  // Development, running around the clock for 40 days (Compute Optimizer proposes stopping it too).
  {
    account: DEV,
    region: 'us-east-1',
    id: 'i-0de5de5de5de50008',
    type: 'm5.large',
    state: 'running',
    launched: 40,
    arch: 'x86_64',
    image: 'ami-0e7a5c0de0000a001',
    volumes: ['vol-0de5de5de5deroot'],
    tags: { Name: 'dev-erp-1', ...dev('frank') },
    metrics: { CPUUtilization: 22 },
  },
  // Staging, restarted two days ago by its schedule: clean.
  {
    account: STAGING,
    region: 'us-east-1',
    id: 'i-0c1ea0c1ea0c10013',
    type: 'm6g.large',
    state: 'running',
    launched: 2,
    arch: 'arm64',
    image: 'ami-0e7a5c0de0000a002',
    volumes: ['vol-0c1ea0c1ea0c13rt'],
    tags: { Name: 'staging-queue', ...staging('platform') },
    metrics: { CPUUtilization: 55 },
  },
];

/** Active Reserved Instances: one covers the clean production instance. */
export const RESERVED = [
  {
    account: PROD,
    region: 'us-east-1',
    id: '4b2293b4-5813-4cc8-9ce3-1957fc1dcfc8',
    type: 'm6g.large',
    count: 1,
    endInDays: 200,
  },
];

export interface SampleVolume {
  region: string;
  id: string;
  type: string;
  size: number;
  iops?: number;
  throughput?: number;
  attachedTo?: string;
  created: number;
  tags: Tags;
}

/** A root or data volume for each production instance; the interesting ones first. */
export const VOLUMES: SampleVolume[] = [
  {
    region: 'us-east-1',
    id: 'vol-0ffffffffffff0003',
    type: 'gp3',
    size: 200,
    iops: 3000,
    throughput: 125,
    created: 60,
    tags: { Name: 'old-export-scratch' },
  },
  {
    region: 'us-east-1',
    id: 'vol-0a2a2a2a2a2a20001',
    type: 'gp2',
    size: 500,
    iops: 1500,
    attachedTo: 'i-0a11ce5e5e5e50001',
    created: 210,
    tags: prod('alice', 'erp-core'),
  },
  {
    region: 'us-east-1',
    id: 'vol-0b1b1b1b1b1b10002',
    type: 'io1',
    size: 1000,
    iops: 10000,
    attachedTo: 'i-0c5c5c5c5c5c50002',
    created: 95,
    tags: prod('bob', 'data'),
  },
  {
    region: 'us-east-1',
    id: 'vol-0570ed0570eddata',
    type: 'gp3',
    size: 300,
    iops: 3000,
    throughput: 125,
    attachedTo: 'i-0570ed0570ed00011',
    created: 60,
    tags: { team: 'data' },
  },
  ...INSTANCES.filter((i) => i.account === PROD).flatMap((i) =>
    i.volumes
      .filter((v) => v.endsWith('root'))
      .map((v) => ({
        region: i.region,
        id: v,
        type: 'gp3',
        size: 50,
        iops: 3000,
        throughput: 125,
        attachedTo: i.id,
        created: i.launched,
        tags: i.tags,
      })),
  ),
];

export interface SampleSnapshot {
  region: string;
  id: string;
  volume: string;
  size: number;
  fullGb?: number;
  age: number;
  tier?: 'archive';
  tags: Tags;
}

export const SNAPSHOTS: SampleSnapshot[] = [
  // Volume deleted long ago, in no AMI.
  {
    region: 'us-east-1',
    id: 'snap-0d0d0d0d0d0d00001',
    volume: 'vol-0deadbeefdead0001',
    size: 250,
    fullGb: 180,
    age: 200,
    tags: { team: 'data' },
  },
  // Of a live volume, beyond a year.
  {
    region: 'us-east-1',
    id: 'snap-0a1d0a1d0a1d00002',
    volume: 'vol-0a2a2a2a2a2a20001',
    size: 500,
    fullGb: 320,
    age: 500,
    tags: prod('alice', 'erp-core'),
  },
  // Of a live volume, five months in the standard tier.
  {
    region: 'us-east-1',
    id: 'snap-0a2c0a2c0a2c00003',
    volume: 'vol-0b1b1b1b1b1b10002',
    size: 1000,
    fullGb: 600,
    age: 150,
    tags: prod('bob', 'data'),
  },
  // Clean: recent, of a live volume.
  {
    region: 'us-east-1',
    id: 'snap-0c1ea0c1ea0c10004',
    volume: 'vol-0c1ea0c1ea0croot',
    size: 50,
    fullGb: 12,
    age: 3,
    tags: prod('alice', 'erp-core'),
  },
  // Behind the AMIs.
  { region: 'us-east-1', id: 'snap-0a3a0a3a0a3a00005', volume: 'vol-ffffffff', size: 30, age: 300, tags: {} },
  { region: 'us-east-1', id: 'snap-0a3a0a3a0a3a00006', volume: 'vol-ffffffff', size: 30, age: 90, tags: {} },
];

export const IMAGES = [
  // Used by no instance and 300 days old.
  {
    region: 'us-east-1',
    id: 'ami-0e7a5c0de0000a000',
    name: 'erp-app-2025-01',
    age: 300,
    snapshot: 'snap-0a3a0a3a0a3a00005',
    tags: { team: 'erp-core' },
  },
  // Clean: the AMI the production instances run.
  {
    region: 'us-east-1',
    id: 'ami-0e7a5c0de0000a001',
    name: 'erp-app-2026-08',
    age: 90,
    snapshot: 'snap-0a3a0a3a0a3a00006',
    tags: { team: 'erp-core' },
  },
];

export const ADDRESSES = [
  // Associated with nothing.
  { region: 'eu-west-1', id: 'eipalloc-0e1f0e1f0e1f00001', ip: '198.51.100.23', tags: {} },
  // On the instance stopped for 45 days.
  {
    region: 'us-east-1',
    id: 'eipalloc-0e1f0e1f0e1f00002',
    ip: '198.51.100.24',
    instance: 'i-05f0905f0905f0010',
    tags: { owner: 'dave' },
  },
  // Clean: on a running instance.
  {
    region: 'us-east-1',
    id: 'eipalloc-0e1f0e1f0e1f00003',
    ip: '198.51.100.25',
    instance: 'i-0c1ea0c1ea0c10012',
    tags: prod('alice', 'erp-core'),
  },
];

const GB = 1024 ** 3;
export const NAT_GATEWAYS = [
  // A few KB a day: idle.
  {
    region: 'eu-west-1',
    id: 'nat-0a0a0a0a0a0a0a0a1',
    age: 400,
    tags: { Name: 'eu-legacy-nat', team: 'platform' },
    metrics: { BytesOutToDestination: 4096 } as Levels,
  },
  // Clean: carries the production egress.
  {
    region: 'us-east-1',
    id: 'nat-0c1ea0c1ea0c10001',
    age: 500,
    tags: prod('grace', 'platform'),
    metrics: { BytesOutToDestination: 40 * GB, BytesInFromDestination: 120 * GB } as Levels,
  },
];

export const LOAD_BALANCERS = [
  // ALB left with no targets.
  {
    region: 'us-east-1',
    kind: 'application',
    name: 'erp-legacy-alb',
    suffix: 'app/erp-legacy-alb/50dc6c495c0c9188',
    targets: 0,
    age: 300,
    tags: { team: 'erp-core' },
    metrics: {} as Levels,
  },
  // Classic LB with an instance but no requests.
  {
    region: 'us-east-1',
    kind: 'classic',
    name: 'erp-old-clb',
    suffix: 'erp-old-clb',
    targets: 1,
    age: 900,
    tags: { owner: 'carol' },
    metrics: {} as Levels,
  },
  // Clean: the production ALB and an NLB with traffic.
  {
    region: 'us-east-1',
    kind: 'application',
    name: 'erp-web-alb',
    suffix: 'app/erp-web-alb/7f3a1c2b9d8e6f50',
    targets: 2,
    age: 500,
    tags: prod('alice', 'erp-core'),
    metrics: { RequestCount: 1_200_000 } as Levels,
  },
  {
    region: 'eu-west-1',
    kind: 'network',
    name: 'erp-sftp-nlb',
    suffix: 'net/erp-sftp-nlb/1a2b3c4d5e6f7a8b',
    targets: 1,
    age: 400,
    tags: prod('erin', 'data'),
    metrics: { NewFlowCount: 3_000 } as Levels,
  },
] as const;

export const DB_INSTANCES = [
  // No connections for the whole window.
  {
    account: PROD,
    region: 'us-east-1',
    id: 'erp-reporting-old',
    class: 'db.t3.large',
    engine: 'mysql',
    version: '8.4.3',
    multiAz: false,
    storage: 200,
    age: 700,
    tags: { team: 'data' },
    metrics: { DatabaseConnections: 0, CPUUtilization: 1.2 } as Levels,
  },
  // In use, CPU 4%.
  {
    account: PROD,
    region: 'us-east-1',
    id: 'erp-prod-db',
    class: 'db.t3.large',
    engine: 'mysql',
    version: '8.4.3',
    multiAz: true,
    storage: 500,
    age: 600,
    tags: prod('heidi', 'erp-core'),
    metrics: { DatabaseConnections: 45, CPUUtilization: 4.2 } as Levels,
  },
  // Staging on Multi-AZ.
  {
    account: STAGING,
    region: 'us-east-1',
    id: 'erp-staging-db',
    class: 'db.t3.large',
    engine: 'mysql',
    version: '8.4.3',
    multiAz: true,
    storage: 100,
    age: 300,
    tags: staging('erp-core'),
    metrics: { DatabaseConnections: 8, CPUUtilization: 22 } as Levels,
  },
  // PostgreSQL 12, past standard support.
  {
    account: STAGING,
    region: 'eu-west-1',
    id: 'erp-legacy-pg',
    class: 'db.t3.large',
    engine: 'postgres',
    version: '12.19',
    multiAz: false,
    storage: 100,
    age: 1500,
    tags: { team: 'data', environment: 'production' },
    metrics: { DatabaseConnections: 12, CPUUtilization: 30 } as Levels,
  },
  // Clean.
  {
    account: PROD,
    region: 'eu-west-1',
    id: 'erp-eu-db',
    class: 'db.t3.large',
    engine: 'postgres',
    version: '16.4',
    multiAz: false,
    storage: 100,
    age: 200,
    tags: prod('erin', 'erp-core'),
    metrics: { DatabaseConnections: 30, CPUUtilization: 38 } as Levels,
  },
];

export const DB_SNAPSHOTS = [
  // Manual snapshot of an instance deleted long ago.
  {
    account: PROD,
    region: 'us-east-1',
    id: 'erp-reporting-2025-final',
    instance: 'erp-reporting-2025',
    storage: 300,
    age: 200,
    tags: { team: 'data' },
  },
  // Clean: of a live instance.
  {
    account: PROD,
    region: 'us-east-1',
    id: 'erp-prod-db-pre-upgrade',
    instance: 'erp-prod-db',
    storage: 500,
    age: 40,
    tags: prod('heidi', 'erp-core'),
  },
];

export const LOG_GROUPS = [
  { account: PROD, region: 'us-east-1', name: '/aws/lambda/erp-thumbnailer', retention: undefined, gb: 60, age: 400 },
  { account: PROD, region: 'us-east-1', name: '/aws/lambda/erp-api', retention: 30, gb: 12, age: 400 },
  { account: PROD, region: 'eu-west-1', name: '/ecs/erp-batch-eu', retention: 90, gb: 4, age: 150 },
];

export const BUCKETS = [
  { name: 'durion-erp-exports-111111111111', region: 'us-east-1', age: 800, tags: { team: 'data' }, rules: undefined },
  {
    name: 'durion-erp-backups-111111111111',
    region: 'eu-west-1',
    age: 700,
    tags: prod('grace', 'platform'),
    rules: [{ transition: true, abort: false }],
  },
  {
    name: 'durion-erp-logs-111111111111',
    region: 'us-east-1',
    age: 900,
    tags: prod('grace', 'platform'),
    rules: [{ transition: true, abort: true }],
  },
];

export const FUNCTIONS = [
  // x86 where arm64 fits (Compute Optimizer proposes the same); no Lambda Insights.
  {
    account: PROD,
    region: 'us-east-1',
    name: 'erp-thumbnailer',
    runtime: 'nodejs20.x',
    memory: 1024,
    arch: 'x86_64',
    tags: prod('ivan', 'erp-core'),
    metrics: { Invocations: 60_000, Duration: 850 } as Levels,
  },
  // 3 GB of memory, 400 MB used.
  {
    account: PROD,
    region: 'us-east-1',
    name: 'erp-pdf-render',
    runtime: 'python3.12',
    memory: 3008,
    arch: 'arm64',
    tags: prod('ivan', 'data'),
    metrics: { Invocations: 20_000, Duration: 1900, used_memory_max: 410 } as Levels,
  },
  // Clean.
  {
    account: DEV,
    region: 'us-east-1',
    name: 'erp-api',
    runtime: 'nodejs22.x',
    memory: 512,
    arch: 'arm64',
    tags: dev('judy'),
    metrics: { Invocations: 300_000, Duration: 120, used_memory_max: 380 } as Levels,
  },
];

export const TABLES = [
  // Fixed capacity, no auto scaling, mostly unused.
  {
    account: PROD,
    region: 'us-east-1',
    name: 'erp-sessions',
    mode: 'PROVISIONED',
    rcu: 400,
    wcu: 200,
    scaled: false,
    tags: prod('alice', 'erp-core'),
    metrics: { ConsumedReadCapacityUnits: 20 * 86_400, ConsumedWriteCapacityUnits: 6 * 86_400 } as Levels,
  },
  // Clean: auto scaled, and on demand.
  {
    account: PROD,
    region: 'us-east-1',
    name: 'erp-orders',
    mode: 'PROVISIONED',
    rcu: 100,
    wcu: 50,
    scaled: true,
    tags: prod('alice', 'erp-core'),
    metrics: { ConsumedReadCapacityUnits: 60 * 86_400, ConsumedWriteCapacityUnits: 30 * 86_400 } as Levels,
  },
  {
    account: PROD,
    region: 'eu-west-1',
    name: 'erp-audit',
    mode: 'PAY_PER_REQUEST',
    rcu: 0,
    wcu: 0,
    scaled: false,
    tags: prod('erin', 'data'),
    metrics: {} as Levels,
  },
];

export const CACHE_CLUSTERS = [
  {
    account: PROD,
    region: 'us-east-1',
    id: 'erp-cache-old',
    nodeType: 'cache.m4.large',
    nodes: 2,
    age: 800,
    tags: { team: 'erp-core' },
    metrics: { CurrConnections: 0 } as Levels,
  },
  {
    account: PROD,
    region: 'us-east-1',
    id: 'erp-cache',
    nodeType: 'cache.m4.large',
    nodes: 2,
    age: 500,
    tags: prod('alice', 'erp-core'),
    metrics: { CurrConnections: 64 } as Levels,
  },
];

/** Resources that must trip no rule (checked by the sample tests). */
export const SAMPLE_CLEAN_IDS = [
  'i-0c1ea0c1ea0c10012',
  'i-0c1ea0c1ea0c10013',
  'vol-0c1ea0c1ea0croot',
  'snap-0c1ea0c1ea0c10004',
  'ami-0e7a5c0de0000a001',
  'eipalloc-0e1f0e1f0e1f00003',
  'nat-0c1ea0c1ea0c10001',
  'app/erp-web-alb/7f3a1c2b9d8e6f50',
  'net/erp-sftp-nlb/1a2b3c4d5e6f7a8b',
  'erp-eu-db',
  'erp-prod-db-pre-upgrade',
  '/aws/lambda/erp-api',
  '/ecs/erp-batch-eu',
  'durion-erp-logs-111111111111',
  'erp-api',
  'erp-orders',
  'erp-audit',
  'erp-cache',
] as const;
