import { expect } from 'vitest';
import dynamodbStandardIaCandidate from '../../../src/analyze/rules/dynamodb-standard-ia-candidate';
import ecrRepositoryNoLifecycle from '../../../src/analyze/rules/ecr-repository-no-lifecycle';
import efsNoIaLifecycle from '../../../src/analyze/rules/efs-no-ia-lifecycle';
import logsInfrequentAccessCandidate from '../../../src/analyze/rules/logs-infrequent-access-candidate';
import logsRetentionTooLong from '../../../src/analyze/rules/logs-retention-too-long';
import type { EfsFileSystem } from '../../../src/domain/resources';
import { daysAgo, flat, logGroup, ruleCases, table } from './fixtures';
import { GIB, repository } from './fixtures-storage';

const ingesting = (gbPerDay: number) => ({ IncomingBytes: flat(gbPerDay * GIB) });

ruleCases(logsInfrequentAccessCandidate, {
  flagged: {
    parts: { logGroups: [logGroup({ logGroupClass: 'STANDARD', metricFilterCount: 0, metrics: ingesting(12) })] },
    check: (f) => {
      // Golden: 12 GB a day × 30.42 days (730 h) = 365 GB a month × ($0.50 Standard − $0.25 Infrequent Access per GB
      // ingested) (cloudwatch.logs.ingest.standard.gb: infracost cloudwatch_log_group_test golden;
      // cloudwatch.logs.ingest.infrequent_access.gb: low-medium confidence) = $91.25.
      expect(f.monthlySavingsUsd).toBe(91.25);
      expect(f.confidence).toBe('low');
    },
  },
  clean: {
    parts: {
      logGroups: [
        logGroup({ logGroupClass: 'STANDARD', metricFilterCount: 0, metrics: ingesting(0.1) }),
        logGroup({ id: 'filtered', logGroupClass: 'STANDARD', metricFilterCount: 2, metrics: ingesting(12) }),
      ],
    },
  },
  noData: { parts: { logGroups: [logGroup({ logGroupClass: 'STANDARD', metricFilterCount: 0 })] } },
});

ruleCases(logsRetentionTooLong, {
  flagged: {
    parts: { logGroups: [logGroup({ retentionDays: 3653, storedBytes: 500 * GIB, creationTime: daysAgo(730) })] },
    check: (f) => {
      // Golden: 500 GB stored over 730 days, assumed even: the half older than 365 days × $0.03 per GB-month
      // (logs.storage, infracost cloudwatch_log_group_test golden) = $7.50.
      expect(f.monthlySavingsUsd).toBe(7.5);
      expect(f.savingsBasis).toContain(
        '50% (stored logs older than 365 of the 730 days held, assuming even ingestion)',
      );
    },
  },
  clean: {
    parts: {
      logGroups: [
        logGroup(),
        logGroup({ id: 'young', retentionDays: 3653, storedBytes: 500 * GIB, creationTime: daysAgo(200) }),
        logGroup({ id: 'small', retentionDays: 3653, storedBytes: GIB }),
      ],
    },
  },
  noData: {
    parts: { logGroups: [logGroup({ retentionDays: 3653, storedBytes: 500 * GIB, creationTime: undefined })] },
  },
});

ruleCases(dynamodbStandardIaCandidate, {
  flagged: {
    parts: {
      tables: [
        table({ tableClass: 'STANDARD', tableSizeBytes: 1000 * GIB, readCapacityUnits: 100, writeCapacityUnits: 40 }),
      ],
    },
    check: (f) => {
      // Golden: 1,000 GB × ($0.25 Standard − $0.10 Standard-IA per GB-month) = $150.00, less 25% more for the
      // capacity: (100 RCU × $0.00013 + 40 WCU × $0.00065) × 730 h = $28.47 × 25% = $7.1175: $142.8825
      // (dynamodb.storage.*: AWS agent toolkit calculate_costs.py, IA derived; dynamodb.rcu_hour/wcu_hour: supplement).
      expect(f.monthlySavingsUsd).toBe(142.8825);
      expect(f.confidence).toBe('medium');
    },
  },
  clean: {
    parts: {
      tables: [
        table({ tableClass: 'STANDARD', tableSizeBytes: 10 * GIB }),
        // 60 GB but 4,000 WCU: IA's dearer writes outweigh the storage saved.
        table({ id: 'hot', tableClass: 'STANDARD', tableSizeBytes: 60 * GIB, writeCapacityUnits: 4000 }),
      ],
    },
  },
  noData: {
    parts: {
      tables: [
        table({ tableClass: 'STANDARD', tableSizeBytes: undefined }),
        table({
          id: 'od',
          billingMode: 'PAY_PER_REQUEST',
          tableClass: 'STANDARD',
          tableSizeBytes: 500 * GIB,
          metrics: {},
        }),
      ],
    },
  },
});

const fileSystem = (o: Partial<EfsFileSystem> = {}): EfsFileSystem => ({
  accountId: '111111111111',
  region: 'us-east-1',
  id: 'fs-1',
  tags: { owner: 'alice' },
  name: 'erp-media',
  lifeCycleState: 'available',
  sizeBytes: 500 * GIB,
  standardBytes: 500 * GIB,
  lifecycle: {},
  metrics: { ClientConnections: flat(4) },
  ...o,
});

ruleCases(efsNoIaLifecycle, {
  flagged: {
    parts: { fileSystems: [fileSystem()] },
    check: (f) => {
      // Golden: 500 GB × 50% assumed cold × ($0.30 Standard − $0.025 IA per GB-month) (efs.standard.storage: AWS EFS
      // pricing page; efs.ia.gb_month: infracost efs_file_system_test golden) = $68.75.
      expect(f.monthlySavingsUsd).toBe(68.75);
      expect(f.confidence).toBe('low');
    },
  },
  clean: {
    parts: {
      fileSystems: [
        fileSystem({ lifecycle: { transitionToIa: 'AFTER_30_DAYS' } }),
        fileSystem({ id: 'fs-small', standardBytes: GIB }),
        // Idle: efs-idle's finding.
        fileSystem({ id: 'fs-idle', metrics: { ClientConnections: flat(0, 0) } }),
      ],
    },
  },
  noData: { parts: { fileSystems: [fileSystem({ lifecycle: undefined }), fileSystem({ id: 'fs-2', metrics: {} })] } },
});

ruleCases(ecrRepositoryNoLifecycle, {
  flagged: {
    parts: {
      repositories: [
        repository({
          hasLifecyclePolicy: false,
          images: {
            total: 120,
            bytes: 60 * GIB,
            olderThan: [
              { days: 30, images: 100, bytes: 50 * GIB },
              { days: 90, images: 80, bytes: 40 * GIB },
              { days: 180, images: 20, bytes: 10 * GIB },
              { days: 365, images: 0, bytes: 0 },
            ],
          },
        }),
      ],
    },
    check: (f) => {
      // Golden: 40 GB of images idle over 90 days × $0.10 per GB-month (ecr.storage.gb_month, infracost
      // ecr_repository_test golden) = $4.00.
      expect(f.monthlySavingsUsd).toBe(4);
      expect(f.reason).toContain('80 of its 120 images were neither pushed nor pulled for over 90 days');
    },
  },
  clean: {
    parts: {
      repositories: [
        repository(),
        repository({
          id: 'tiny',
          hasLifecyclePolicy: false,
          images: { total: 1, bytes: GIB / 10, olderThan: [{ days: 90, images: 1, bytes: GIB / 10 }] },
        }),
      ],
    },
  },
  noData: {
    parts: {
      repositories: [
        repository({ hasLifecyclePolicy: undefined }),
        repository({ id: 'x', hasLifecyclePolicy: false, images: undefined }),
      ],
    },
  },
});
