import { expect } from 'vitest';
import rdsInstanceIdle from '../../../src/analyze/rules/rds-instance-idle';
import rdsInstanceLowCpu from '../../../src/analyze/rules/rds-instance-low-cpu';
import rdsMultiAzNonprod from '../../../src/analyze/rules/rds-multi-az-nonprod';
import rdsSnapshotOrphaned from '../../../src/analyze/rules/rds-snapshot-orphaned';
import { db, dbSnapshot, flat, ruleCases } from './fixtures';

ruleCases(rdsInstanceIdle, {
  flagged: {
    parts: { dbInstances: [db({ metrics: { DatabaseConnections: flat(0), CPUUtilization: flat(2) } })] },
    // db.t3.large MySQL $0.136/h × 730 + 100 GB gp2 × $0.115
    check: (f) => expect(f.monthlySavingsUsd).toBeCloseTo(99.28 + 11.5, 6),
  },
  clean: { parts: { dbInstances: [db()] } },
  noData: { parts: { dbInstances: [db({ metrics: undefined })] } },
});

ruleCases(rdsInstanceLowCpu, {
  flagged: {
    parts: { dbInstances: [db({ metrics: { DatabaseConnections: flat(5), CPUUtilization: flat(4) } })] },
    // db.t3.medium is half of db.t3.large (RDS sizes price in proportion)
    check: (f) => {
      expect(f.monthlySavingsUsd).toBeCloseTo(49.64, 6);
      expect(f.savingsBasis).toContain('scaled');
    },
  },
  clean: { parts: { dbInstances: [db()] } },
  noData: { parts: { dbInstances: [db({ metrics: { DatabaseConnections: flat(5) } })] } },
});

ruleCases(rdsMultiAzNonprod, {
  flagged: {
    parts: { dbInstances: [db({ multiAz: true, tags: { team: 'erp', environment: 'dev' } })] },
    check: (f) => {
      expect(f.monthlySavingsUsd).toBeCloseTo(99.28, 6);
      expect(f.owner).toBe('erp');
    },
  },
  clean: { parts: { dbInstances: [db({ multiAz: false, tags: { environment: 'dev' } })] } },
  noData: {
    parts: { dbInstances: [db({ multiAz: true, engine: 'oracle-ee', tags: { environment: 'dev' } })] },
    check: (f) => expect(f.reason).toContain('no bundled list price'),
  },
});

ruleCases(rdsSnapshotOrphaned, {
  flagged: {
    parts: { dbSnapshots: [dbSnapshot({ instanceId: 'old-db' })] },
    check: (f) => expect(f.monthlySavingsUsd).toBeCloseTo(9.5, 6),
  },
  clean: { parts: { dbSnapshots: [dbSnapshot()], dbInstances: [db()] } },
  noData: { parts: { dbSnapshots: [dbSnapshot({ instanceId: 'old-db', createTime: undefined })] } },
});
