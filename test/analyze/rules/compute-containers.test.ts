import { describe, expect, it } from 'vitest';
import ecsNonprodAlwaysOn from '../../../src/analyze/rules/ecs-nonprod-always-on';
import ecsServiceIdle from '../../../src/analyze/rules/ecs-service-idle';
import ecsServiceOverprovisioned, { halfSize } from '../../../src/analyze/rules/ecs-service-overprovisioned';
import eksClusterExtendedSupport from '../../../src/analyze/rules/eks-cluster-extended-support';
import eksClusterNoCompute from '../../../src/analyze/rules/eks-cluster-no-compute';
import { flat, instance, ruleCases } from './fixtures';
import { cluster, ecsService } from './fixtures-compute';

ruleCases(eksClusterExtendedSupport, {
  flagged: {
    parts: {
      eksClusters: [
        cluster({
          version: '1.32',
          versionStatus: 'EXTENDED_SUPPORT',
          endOfStandardSupport: '2026-03-23T00:00:00.000Z',
        }),
      ],
    },
    check: (f) => {
      // Golden: 1 cluster × 730 h × ($0.60 - $0.10) (eks.cluster.*, infracost eks_cluster_test golden: $438.00
      // extended, $73.00 standard) = $365.00.
      expect(f.monthlySavingsUsd).toBe(365);
      expect(f.confidence).toBe('high');
      expect(f.reason).toContain('Kubernetes 1.32, in extended support since 2026-03-23');
    },
  },
  clean: {
    parts: {
      eksClusters: [cluster(), cluster({ id: 'auto', versionStatus: 'EXTENDED_SUPPORT', supportType: 'STANDARD' })],
    },
  },
  noData: { parts: { eksClusters: [cluster({ versionStatus: undefined })] } },
});

ruleCases(ecsServiceIdle, {
  flagged: {
    parts: { ecsServices: [ecsService({ metrics: { CPUUtilization: flat(0.4), MemoryUtilization: flat(8) } })] },
    check: (f) => {
      // Golden: 2 tasks × 730 h × (1 vCPU × $0.04048 + 2 GB × $0.004445) (fargate.linux_x86.*, infracost
      // ecs_service_test golden) = $59.1008 + $12.9794 = $72.0802.
      expect(f.monthlySavingsUsd).toBe(72.0802);
      expect(f.commitmentEligibleUsd).toBe(72.0802);
    },
  },
  clean: { parts: { ecsServices: [ecsService(), ecsService({ id: 'ec2', launchType: 'EC2' })] } },
  noData: { parts: { ecsServices: [ecsService({ metrics: {} })] } },
});

ruleCases(ecsServiceOverprovisioned, {
  flagged: {
    parts: {
      ecsServices: [
        ecsService({ vcpu: 2, memoryGb: 4, metrics: { CPUUtilization: flat(10), MemoryUtilization: flat(20) } }),
      ],
    },
    check: (f) => {
      // Golden: 2 tasks × 730 h × ((2 - 1) vCPU × $0.04048 + (4 - 2) GB × $0.004445) = $144.1604 - $72.0802 =
      // $72.0802 (fargate.linux_x86.*, ecs_service_test golden).
      expect(f.monthlySavingsUsd).toBe(72.0802);
      expect(f.evidence).toMatchObject({ suggestedVcpu: 1, suggestedMemoryGb: 2 });
    },
  },
  clean: {
    parts: {
      ecsServices: [
        ecsService(),
        // Idle is ecs-service-idle's; the smallest size cannot halve.
        ecsService({ id: 'idle', metrics: { CPUUtilization: flat(0.5), MemoryUtilization: flat(5) } }),
        ecsService({
          id: 'tiny',
          vcpu: 0.25,
          memoryGb: 0.5,
          metrics: { CPUUtilization: flat(5), MemoryUtilization: flat(5) },
        }),
      ],
    },
  },
  noData: { parts: { ecsServices: [ecsService({ metrics: { CPUUtilization: flat(10) } })] } },
});

describe('halfSize', () => {
  it('halves to a valid Fargate size or says there is none', () => {
    expect(halfSize(4, 30)).toEqual({ vcpu: 2, memoryGb: 15 });
    expect(halfSize(1, 8)).toEqual({ vcpu: 0.5, memoryGb: 4 });
    expect(halfSize(0.5, 1)).toEqual({ vcpu: 0.25, memoryGb: 0.5 });
    expect(halfSize(0.25, 0.5)).toBeUndefined();
  });
});

ruleCases(ecsNonprodAlwaysOn, {
  flagged: {
    parts: { ecsServices: [ecsService()] },
    check: (f) => {
      // Golden: (1 - 60/168) × 2 tasks × 730 h × (1 vCPU × $0.04048 + 2 GB × $0.004445) = 0.642857 × $72.0802 =
      // $46.3373 (ec2-nonprod-always-on's 60 h a week; fargate.linux_x86.*, ecs_service_test golden).
      expect(f.monthlySavingsUsd).toBe(46.3373);
    },
  },
  clean: {
    parts: {
      ecsServices: [ecsService({ scheduled: true }), ecsService({ id: 'p', tags: { environment: 'production' } })],
    },
  },
  noData: { parts: { ecsServices: [ecsService({ scheduled: undefined })] } },
});

ruleCases(eksClusterNoCompute, {
  flagged: {
    parts: {
      eksClusters: [cluster({ nodegroups: 0 })],
      // A node of another cluster does not count.
      instances: [instance({ tags: { 'eks:cluster-name': 'other' } })],
    },
    check: (f) => {
      // Golden: 1 cluster × 730 h × $0.10 (eks.cluster.standard_support.hour, infracost eks_cluster_test golden
      // "EKS cluster 730 hours $73.00") = $73.00.
      expect(f.monthlySavingsUsd).toBe(73);
      expect(f.reason).toContain('0 managed node group(s), 0 Fargate profile(s), 0 running node(s)');
    },
  },
  clean: {
    parts: {
      eksClusters: [
        cluster(),
        cluster({ id: 'karpenter', nodegroups: 0 }),
        cluster({ id: 'fargate', nodegroups: 0, fargateProfiles: 1 }),
      ],
      instances: [instance({ tags: { 'kubernetes.io/cluster/karpenter': 'owned' } })],
    },
  },
  noData: { parts: { eksClusters: [cluster({ nodegroups: undefined })] } },
});
