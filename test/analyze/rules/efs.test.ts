import { expect } from 'vitest';
import efsIdle from '../../../src/analyze/rules/efs-idle';
import type { EfsFileSystem } from '../../../src/domain/resources';
import { flat, ruleCases } from './fixtures';

const GIB = 1024 ** 3;
const fileSystem = (o: Partial<EfsFileSystem> = {}): EfsFileSystem => ({
  accountId: '222222222222',
  region: 'us-east-1',
  id: 'fs-0123456789abcdef0',
  arn: 'arn:aws:elasticfilesystem:us-east-1:222222222222:file-system/fs-0123456789abcdef0',
  tags: { team: 'erp-core', environment: 'staging' },
  name: 'erp-exports',
  lifeCycleState: 'available',
  sizeBytes: 100 * GIB,
  metrics: { ClientConnections: flat(3) },
  ...o,
});

ruleCases(efsIdle, {
  flagged: {
    // ClientConnections is a count: read with no datapoints means no connection at all.
    parts: { fileSystems: [fileSystem({ metrics: { ClientConnections: flat(0, 0) } })] },
    check: (f) => {
      // Golden: 100 GB of EFS Standard × $0.30 per GB-month (AWS EFS pricing page, us-east-1) = $30.00.
      expect(f.monthlySavingsUsd).toBe(30);
      expect(f.savingsMethod).toBe('price-table');
      expect(f.savingsBasis).toContain('$0.3 (efs.standard.storage');
      expect(f.reason).toBe(
        'EFS file system of 100.00 GB had 0 client connections over 14 days; its storage bills $30.00 a month',
      );
    },
  },
  clean: { parts: { fileSystems: [fileSystem()] } },
  noData: { parts: { fileSystems: [fileSystem({ metrics: {} })] } },
});
