/**
 * The bench's compute, container and serverless kinds (the compute rules' inputs): Auto Scaling groups, EKS
 * clusters, ECS services, Lambda provisioned concurrency, REST APIs and Spot prices, plus the instance fields the
 * compute rules read (public IPv4, detailed monitoring, surplus credits). A small share each, deterministic.
 */
import type { MetricSummary, ResourceBase, ResourceInventory } from '../src/domain/resources';

/** Shares of the bench's resources, taken from its instances' share. */
export const COMPUTE_SHARE = {
  autoScalingGroups: 0.008,
  eksClusters: 0.002,
  ecsServices: 0.01,
  provisionedConcurrency: 0.005,
  restApis: 0.005,
};

interface Tools {
  r: () => number;
  pick: <T>(xs: readonly T[]) => T;
  base: (i: number, kind: string) => ResourceBase;
  ago: (days: number) => string;
  metric: (level: number) => MetricSummary | undefined;
}

const SPOT_TYPES = ['m6g.large', 'm6i.large', 'm5.xlarge', 'm5.large', 'c5.large', 't2.small'];

/** Add the compute kinds to a generated inventory, ids numbered from `from`. */
export function addComputeResources(inv: ResourceInventory, total: number, from: number, t: Tools): void {
  const { r, pick, base, ago, metric } = t;
  let i = from;
  const n = (k: keyof typeof COMPUTE_SHARE) => Math.round(total * COMPUTE_SHARE[k]);
  for (const region of inv.regions) {
    for (const instanceType of SPOT_TYPES) {
      const zone = `${region}a`;
      const usdPerHour = 0.01 + r() * 0.05;
      inv.spotPrices.push({ accountId: '111111111111', region, availabilityZone: zone, instanceType, usdPerHour });
    }
  }
  for (const x of inv.instances) {
    if (r() < 0.1) x.publicIp = '198.51.100.9';
    if (r() < 0.05) x.monitoring = 'enabled';
    // Most burstable instances stay under their baseline; about one in seven pays for surplus credits.
    if (/^t\d/.test(x.instanceType)) {
      x.metrics = { ...x.metrics, CPUSurplusCreditsCharged: metric(r() < 0.15 ? r() * 2000 : 0) };
    }
  }
  for (let k = n('autoScalingGroups'); k > 0; k--, i++) {
    const type = pick(SPOT_TYPES);
    const desired = Math.floor(r() * 6);
    inv.autoScalingGroups.push({
      ...base(i, 'asg'),
      desired,
      min: 0,
      max: 10,
      createdTime: ago(r() * 600),
      instances: Array.from({ length: desired }, (_, m) => ({
        id: `i-asg-${i}-${m}`,
        instanceType: type,
        lifecycleState: 'InService',
      })),
      onDemandPercentAboveBase: r() < 0.3 ? 0 : 100,
      onDemandBase: 0,
      scheduled: r() < 0.4,
    });
  }
  for (let k = n('eksClusters'); k > 0; k--, i++) {
    const version = pick(['1.31', '1.32', '1.33', '1.34']);
    inv.eksClusters.push({
      ...base(i, 'eks'),
      version,
      status: 'ACTIVE',
      supportType: 'EXTENDED',
      versionStatus: version === '1.34' ? 'STANDARD_SUPPORT' : 'EXTENDED_SUPPORT',
      createdAt: ago(r() * 700),
      nodegroups: r() < 0.1 ? 0 : 2,
      fargateProfiles: 0,
    });
  }
  for (let k = n('ecsServices'); k > 0; k--, i++) {
    const b = base(i, 'svc');
    inv.ecsServices.push({
      ...b,
      clusterName: 'bench',
      serviceName: b.id,
      launchType: r() < 0.8 ? 'FARGATE' : 'EC2',
      desiredCount: Math.floor(r() * 4),
      runningCount: 2,
      vcpu: pick([0.25, 0.5, 1, 2, 4]),
      memoryGb: pick([1, 2, 4, 8]),
      cpuArchitecture: r() < 0.8 ? 'X86_64' : 'ARM64',
      createdAt: ago(r() * 500),
      scheduled: r() < 0.3,
      metrics: { CPUUtilization: metric(r() * 60), MemoryUtilization: metric(r() * 80) },
    });
  }
  for (let k = n('provisionedConcurrency'); k > 0; k--, i++) {
    const b = base(i, 'pc');
    inv.provisionedConcurrency.push({
      ...b,
      functionName: b.id,
      qualifier: 'live',
      allocated: 1 + Math.floor(r() * 50),
      status: 'READY',
      memoryMb: pick([512, 1024, 2048]),
      architecture: pick(['x86_64', 'arm64']),
      metrics: { ProvisionedConcurrencyUtilization: metric(r()) },
    });
  }
  for (let k = n('restApis'); k > 0; k--, i++) {
    inv.restApis.push({
      ...base(i, 'api'),
      name: `api-${i}`,
      endpointTypes: ['REGIONAL'],
      restOnly: r() < 0.4 ? ['resource policy'] : [],
      metrics: { Count: metric(r() * 5e6) },
    });
  }
}
