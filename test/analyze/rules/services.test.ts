import { expect } from 'vitest';
import dynamodbProvisionedNoAutoscaling from '../../../src/analyze/rules/dynamodb-provisioned-no-autoscaling';
import elasticacheClusterIdle from '../../../src/analyze/rules/elasticache-cluster-idle';
import lambdaMemoryOverprovisioned from '../../../src/analyze/rules/lambda-memory-overprovisioned';
import lambdaX86ToArm64 from '../../../src/analyze/rules/lambda-x86-to-arm64';
import logsNoRetention from '../../../src/analyze/rules/logs-no-retention';
import { cache, flat, fn, logGroup, ruleCases, table } from './fixtures';

ruleCases(logsNoRetention, {
  flagged: {
    parts: { logGroups: [logGroup({ retentionDays: undefined })] },
    // 20 GB × $0.03, of which (1 − 90/365) is older than 90 days
    check: (f) => expect(f.monthlySavingsUsd).toBeCloseTo(0.6 * (1 - 90 / 365), 3),
  },
  clean: { parts: { logGroups: [logGroup()] } },
  noData: { parts: { logGroups: [logGroup({ retentionDays: undefined, creationTime: undefined })] } },
});

ruleCases(lambdaX86ToArm64, {
  flagged: {
    parts: { functions: [fn({ architecture: 'x86_64' })] },
    check: (f) => {
      // 100,000 calls a day × 0.2 s × 1 GB × 30.42 days = 608,333 GB-s; x86 − arm64 per GB-s
      const gbs = 100_000 * (730 / 24) * 0.2;
      expect(f.monthlySavingsUsd).toBeCloseTo(gbs * (0.0000166667 - 0.0000133334), 2);
    },
  },
  clean: { parts: { functions: [fn()] } },
  noData: { parts: { functions: [fn({ architecture: 'x86_64', metrics: {} })] } },
});

ruleCases(lambdaMemoryOverprovisioned, {
  flagged: {
    parts: {
      functions: [
        fn({ memoryMb: 3008, metrics: { Invocations: flat(1000), Duration: flat(500), used_memory_max: flat(200) } }),
      ],
    },
    check: (f) => expect(f.evidence.proposedMemoryMb).toBe(320),
  },
  clean: { parts: { functions: [fn()] } },
  noData: { parts: { functions: [fn({ metrics: { Invocations: flat(10), Duration: flat(100) } })] } },
});

ruleCases(dynamodbProvisionedNoAutoscaling, {
  flagged: {
    parts: { tables: [table({ autoScaling: { read: false, write: false } })] },
    // needs ceil(10/0.7)=15 RCU and ceil(5/0.7)=8 WCU: spare 85 RCU, 42 WCU over 730 h
    check: (f) => expect(f.monthlySavingsUsd).toBeCloseTo(730 * (85 * 0.00013 + 42 * 0.00065), 4),
  },
  clean: { parts: { tables: [table()] } },
  noData: { parts: { tables: [table({ autoScaling: undefined })] } },
});

ruleCases(elasticacheClusterIdle, {
  flagged: {
    parts: { cacheClusters: [cache({ metrics: { CurrConnections: flat(0) } })] },
    check: (f) => expect(f.monthlySavingsUsd).toBeCloseTo(2 * 730 * 0.156, 6),
  },
  clean: { parts: { cacheClusters: [cache()] } },
  noData: { parts: { cacheClusters: [cache({ metrics: { CurrConnections: flat(0, 0) } })] } },
});
