/** Resource builders and a harness that runs one rule with its default parameters: each rule's three cases. */
import { describe, expect, it } from 'vitest';
import { resolveParams } from '../../../src/analyze/rules';
import type { Params, Rule } from '../../../src/analyze/rules/define-rule';
import type { FindingDraft } from '../../../src/domain/finding';
import type {
  Ami,
  CacheCluster,
  DynamoTable,
  EbsSnapshot,
  EbsVolume,
  Ec2Instance,
  ElasticIp,
  LambdaFunction,
  LoadBalancer,
  LogGroup,
  MetricSummary,
  NatGateway,
  RdsInstance,
  RdsSnapshot,
  ResourceInventory,
  S3Bucket,
} from '../../../src/domain/resources';
import { emptyResources } from '../../../src/domain/resources';

export const AS_OF = '2026-11-20';
export const WINDOW = { days: 14, start: '2026-11-06', end: AS_OF };
const base = { accountId: '111111111111', region: 'us-east-1', tags: { owner: 'alice' } };

/** An ISO time `n` days before AS_OF. */
export const daysAgo = (n: number): string => new Date(Date.parse(`${AS_OF}T12:00:00Z`) - n * 86_400_000).toISOString();

/** A metric with the same value every day of the window. */
export const flat = (value: number, datapoints = WINDOW.days): MetricSummary => ({
  average: value,
  maximum: value,
  maxDailyAverage: value,
  sum: value * datapoints,
  datapoints,
});

export const volume = (o: Partial<EbsVolume> = {}): EbsVolume => ({
  ...base,
  id: 'vol-1',
  type: 'gp3',
  sizeGb: 100,
  iops: 3000,
  throughputMBps: 125,
  state: 'in-use',
  attachedInstanceIds: ['i-1'],
  createTime: daysAgo(100),
  ...o,
});
export const snapshot = (o: Partial<EbsSnapshot> = {}): EbsSnapshot => ({
  ...base,
  id: 'snap-1',
  volumeId: 'vol-1',
  volumeSizeGb: 100,
  startTime: daysAgo(120),
  storageTier: 'standard',
  ...o,
});
export const image = (o: Partial<Ami> = {}): Ami => ({
  ...base,
  id: 'ami-1',
  name: 'erp-base',
  creationDate: daysAgo(200),
  snapshotIds: ['snap-ami'],
  state: 'available',
  ...o,
});
export const instance = (o: Partial<Ec2Instance> = {}): Ec2Instance => ({
  ...base,
  id: 'i-1',
  instanceType: 'm5.xlarge',
  imageId: 'ami-used',
  state: 'running',
  launchTime: daysAgo(60),
  platform: 'linux',
  architecture: 'x86_64',
  lifecycle: 'on-demand',
  volumeIds: ['vol-1'],
  metrics: { CPUUtilization: flat(40) },
  ...o,
});
export const address = (o: Partial<ElasticIp> = {}): ElasticIp => ({
  ...base,
  id: 'eipalloc-1',
  publicIp: '198.51.100.7',
  associationId: 'eipassoc-1',
  instanceId: 'i-1',
  ...o,
});
export const nat = (o: Partial<NatGateway> = {}): NatGateway => ({
  ...base,
  id: 'nat-1',
  state: 'available',
  metrics: { BytesOutToDestination: flat(5 * 1024 ** 3), BytesInFromDestination: flat(1024 ** 3) },
  ...o,
});
export const loadBalancer = (o: Partial<LoadBalancer> = {}): LoadBalancer => ({
  ...base,
  id: 'app/erp/1',
  name: 'erp',
  type: 'application',
  createdTime: daysAgo(300),
  targetCount: 2,
  metrics: { RequestCount: flat(10_000) },
  ...o,
});
export const db = (o: Partial<RdsInstance> = {}): RdsInstance => ({
  ...base,
  id: 'erp-db',
  instanceClass: 'db.t3.large',
  engine: 'mysql',
  engineVersion: '8.4.3',
  multiAz: false,
  status: 'available',
  storageType: 'gp2',
  allocatedStorageGb: 100,
  createTime: daysAgo(400),
  metrics: { DatabaseConnections: flat(12), CPUUtilization: flat(35) },
  ...o,
});
export const dbSnapshot = (o: Partial<RdsSnapshot> = {}): RdsSnapshot => ({
  ...base,
  id: 'erp-db-final',
  instanceId: 'erp-db',
  snapshotType: 'manual',
  allocatedStorageGb: 100,
  createTime: daysAgo(90),
  ...o,
});
export const logGroup = (o: Partial<LogGroup> = {}): LogGroup => ({
  ...base,
  id: '/aws/lambda/erp',
  retentionDays: 30,
  storedBytes: 20 * 1024 ** 3,
  creationTime: daysAgo(365),
  ...o,
});
export const bucket = (o: Partial<S3Bucket> = {}): S3Bucket => ({
  ...base,
  id: 'erp-data',
  lifecycle: [{ enabled: true, hasTransitionOrExpiration: true, abortsIncompleteUploads: true }],
  ...o,
});
export const fn = (o: Partial<LambdaFunction> = {}): LambdaFunction => ({
  ...base,
  id: 'erp-api',
  runtime: 'nodejs22.x',
  memoryMb: 1024,
  architecture: 'arm64',
  packageType: 'Zip',
  metrics: { Invocations: flat(100_000), Duration: flat(200), used_memory_max: flat(700) },
  ...o,
});
export const table = (o: Partial<DynamoTable> = {}): DynamoTable => ({
  ...base,
  id: 'erp-sessions',
  billingMode: 'PROVISIONED',
  readCapacityUnits: 100,
  writeCapacityUnits: 50,
  autoScaling: { read: true, write: true },
  metrics: { ConsumedReadCapacityUnits: flat(86_400 * 10), ConsumedWriteCapacityUnits: flat(86_400 * 5) },
  ...o,
});
export const cache = (o: Partial<CacheCluster> = {}): CacheCluster => ({
  ...base,
  id: 'erp-cache',
  engine: 'redis',
  nodeType: 'cache.m4.large',
  nodes: 2,
  status: 'available',
  metrics: { CurrConnections: flat(40) },
  ...o,
});

/** An inventory with just these resources. */
export const resources = (parts: Partial<ResourceInventory>): ResourceInventory => ({
  ...emptyResources(WINDOW),
  ...parts,
});

/** Run a rule as the catalog would: default parameters (with overrides), owner from `owner` then `team`. */
export function run(rule: Rule, parts: Partial<ResourceInventory>, overrides: Params = {}): FindingDraft[] {
  const params = resolveParams(rule, { [rule.id]: overrides });
  return rule.evaluate(resources(parts), params, {
    asOf: AS_OF,
    ownerTags: ['owner', 'team'],
    exclude: [],
    ec2Prices: parts.ec2Prices,
  });
}

interface Case {
  parts: Partial<ResourceInventory>;
  /** For no-data cases where the rule has nothing to judge: no finding at all (and so none ok). */
  empty?: boolean;
  /** Extra checks on the one finding of the case. */
  check?: (f: FindingDraft) => void;
}

/**
 * The three cases every rule has: flagged (alarm, or info when the rule cannot price), clean (ok, or nothing),
 * and no data (skip or info, never ok).
 */
export function ruleCases(
  rule: Rule,
  cases: { flagged: Case & { status?: 'alarm' | 'info' }; clean: Case; noData: Case },
) {
  describe(rule.id, () => {
    it('flags the wasteful resource with a reason and, for an alarm, its monthly saving', () => {
      const findings = run(rule, cases.flagged.parts);
      expect(findings).toHaveLength(1);
      const f = findings[0]!;
      expect(f.status).toBe(cases.flagged.status ?? 'alarm');
      expect(f.reason.length).toBeGreaterThan(20);
      if (f.status === 'alarm') {
        expect(f.monthlySavingsUsd).toBeGreaterThan(0);
        expect(f.savingsMethod).not.toBe('none');
      }
      cases.flagged.check?.(f);
    });
    it('leaves the clean resource ok', () => {
      const findings = run(rule, cases.clean.parts);
      expect(findings.every((f) => f.status === 'ok')).toBe(true);
      for (const f of findings) cases.clean.check?.(f);
    });
    it('never calls a resource ok without the data to judge it', () => {
      const findings = run(rule, cases.noData.parts);
      if (cases.noData.empty) {
        expect(findings).toEqual([]);
        return;
      }
      expect(findings.length).toBeGreaterThan(0);
      for (const f of findings) {
        expect(['skip', 'info']).toContain(f.status);
        expect(f.monthlySavingsUsd).toBe(0);
        expect(f.savingsMethod).toBe('none');
        cases.noData.check?.(f);
      }
    });
  });
}
