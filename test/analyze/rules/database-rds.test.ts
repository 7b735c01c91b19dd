import { describe, expect, it } from 'vitest';
import auroraIoOptimized from '../../../src/analyze/rules/rds-aurora-io-optimized';
import auroraIoOptimizedUnneeded from '../../../src/analyze/rules/rds-aurora-io-optimized-unneeded';
import rdsExtendedSupport from '../../../src/analyze/rules/rds-extended-support';
import rdsGp3Iops from '../../../src/analyze/rules/rds-gp3-iops-overprovisioned';
import rdsIo1ToGp3 from '../../../src/analyze/rules/rds-io1-to-gp3';
import rdsStorageOverprovisioned from '../../../src/analyze/rules/rds-storage-overprovisioned';
import { dbClassVcpus } from '../../../src/pricing/database';
import { db, flat, ruleCases, run } from './fixtures';
import { auroraCluster, GIB } from './fixtures-database';

ruleCases(rdsExtendedSupport, {
  flagged: {
    parts: { dbInstances: [db({ engine: 'postgres', engineVersion: '12.19' })] },
    check: (f) => {
      // Golden: db.t3.large = t3.large, 2 vCPU × 730 h × $0.10 (rds.extended_support.year2.vcpu_hour; year 1's
      // $0.10 is infracost db_instance_test's golden "Extended support (year 1) 1,460 vCPU-hours $146.00") = $146.00.
      expect(f.monthlySavingsUsd).toBe(146);
      expect(f.confidence).toBe('medium');
      expect(f.savingsBasis).toContain('rds.extended_support.year2.vcpu_hour');
      expect(f.reason).toBe(
        'postgres 12.19 left standard support on 2025-02-28 (Extended Support year 2); its 2 vCPUs bill $146.00 a month of Extended Support until it is upgraded',
      );
    },
  },
  clean: { parts: { dbInstances: [db({ engine: 'postgres', engineVersion: '16.4' })] } },
  // Engines without a bundled support calendar are not judged.
  noData: { parts: { dbInstances: [db({ engine: 'sqlserver-se', engineVersion: '15.00' })] }, empty: true },
});

describe('rds-extended-support pricing', () => {
  it('bills year 3 at $0.20 per vCPU-hour and both Multi-AZ copies', () => {
    const [f] = run(rdsExtendedSupport, {
      dbInstances: [db({ engine: 'mysql', engineVersion: '5.7.44', instanceClass: 'db.r5.xlarge', multiAz: true })],
    });
    // Golden: MySQL 5.7 ended 2024-02-29, so 2026-11-20 is year 3: 4 vCPU × 730 h × $0.20 × 2 copies = $1,168.00.
    expect(f?.monthlySavingsUsd).toBe(1168);
    expect(f?.savingsBasis).toContain('200% (Multi-AZ');
  });
  it('is info, unpriced, for a class it cannot size', () => {
    const [f] = run(rdsExtendedSupport, {
      dbInstances: [db({ engine: 'postgres', engineVersion: '12.19', instanceClass: 'db.serverless' })],
    });
    expect(f).toMatchObject({ status: 'info', monthlySavingsUsd: 0, savingsMethod: 'none' });
    expect(f?.savingsBasis).toBe('no bundled list price for Extended Support of db.serverless');
  });
  it('sizes classes from the EC2 type of the same name', () => {
    expect(dbClassVcpus('db.r5.large')).toBe(2);
    expect(dbClassVcpus('db.m6g.2xlarge')).toBe(8);
    expect(dbClassVcpus('db.t2.micro')).toBe(1);
    expect(dbClassVcpus('db.x2g.weird')).toBeUndefined();
  });
});

ruleCases(rdsIo1ToGp3, {
  flagged: {
    parts: { dbInstances: [db({ storageType: 'io1', allocatedStorageGb: 100, iops: 1000 })] },
    check: (f) => {
      // Golden: io1 100 GB × $0.125 + 1,000 IOPS × $0.10 = $112.50 (infracost db_instance_test: "io1 100 GB $12.50",
      // "Provisioned IOPS 1,000 $100.00"); gp3 100 GB × $0.115 ("gp3 400 GB $46.00"), 3,000 IOPS included = $11.50;
      // saving $101.00.
      expect(f.monthlySavingsUsd).toBe(101);
      expect(f.reason).toBe(
        '100 GB io1 with 1000 provisioned IOPS: gp3 of 100 GB includes 3000 IOPS, modified in place, saving $101.00 a month',
      );
    },
  },
  clean: { parts: { dbInstances: [db()] } },
  noData: { parts: { dbInstances: [db({ storageType: 'io1', iops: undefined })] } },
});

describe('rds-io1-to-gp3 sizing', () => {
  it('grows a small volume to 400 GB when its IOPS exceed the 3,000 baseline, Multi-AZ twice', () => {
    const [f] = run(rdsIo1ToGp3, {
      dbInstances: [db({ storageType: 'io1', allocatedStorageGb: 200, iops: 10_000, multiAz: true })],
    });
    // Now (200 × $0.125 + 10,000 × $0.10) × 2 = $2,050; gp3 400 GB (12,000 IOPS included) × $0.115 × 2 = $92.
    expect(f?.monthlySavingsUsd).toBe(1958);
    expect(f?.reason).toContain('gp3 of 400 GB includes 12000 IOPS');
  });
  it('keeps SQL Server at its size, with 3,000 IOPS included and the rest billed', () => {
    const [f] = run(rdsIo1ToGp3, {
      dbInstances: [db({ engine: 'sqlserver-se', storageType: 'io1', allocatedStorageGb: 500, iops: 5000 })],
    });
    // Now 500 × $0.125 + 5,000 × $0.10 = $562.50; gp3 500 × $0.115 + 2,000 × $0.02 = $97.50; saving $465.
    expect(f?.monthlySavingsUsd).toBe(465);
    expect(f?.reason).toContain('gp3 of 500 GB includes 3000 IOPS, the rest billed');
  });
});

ruleCases(rdsStorageOverprovisioned, {
  flagged: {
    parts: {
      dbInstances: [db({ allocatedStorageGb: 1000, metrics: { ...db().metrics, FreeStorageSpace: flat(800 * GIB) } })],
    },
    check: (f) => {
      // Golden: 200 GB used / 0.7 = 286 GB kept; 714 GB × $0.115 gp2 (infracost db_instance_test "gp2 20 GB $2.30")
      // = $82.11.
      expect(f.monthlySavingsUsd).toBe(82.11);
      expect(f.reason).toContain('800.0 GB of 1000 GB free on average over 14 days; 286 GB keeps 30% free');
      expect(f.reason).toContain('cannot shrink in place');
    },
  },
  clean: { parts: { dbInstances: [db({ metrics: { ...db().metrics, FreeStorageSpace: flat(30 * GIB) } })] } },
  noData: { parts: { dbInstances: [db()] } },
});

const gp3 = { storageType: 'gp3', allocatedStorageGb: 500 };
ruleCases(rdsGp3Iops, {
  flagged: {
    parts: {
      dbInstances: [db({ ...gp3, iops: 20_000, metrics: { ReadIOPS: flat(2000), WriteIOPS: flat(1000) } })],
    },
    check: (f) => {
      // Golden: peak 3,000 IOPS is under the 12,000 included from 400 GB, so 8,000 billed IOPS go × $0.02
      // (rds.gp3.iops_over_baseline, infracost db_instance_test "Provisioned GP3 IOPS (above 12,000) 2,000 $40.00")
      // = $160.00.
      expect(f.monthlySavingsUsd).toBe(160);
      expect(f.reason).toContain('peaked at 3000 IOPS over 14 days; 12000 IOPS keep 30% above the peak');
    },
  },
  clean: { parts: { dbInstances: [db({ ...gp3, iops: 12_000 })] } },
  noData: { parts: { dbInstances: [db({ ...gp3, iops: 20_000, metrics: {} })] } },
});

const members = [
  db({ id: 'erp-aurora-1', engine: 'aurora-mysql', instanceClass: 'db.r4.large', storageType: 'aurora' }),
  db({ id: 'erp-aurora-2', engine: 'aurora-mysql', instanceClass: 'db.r4.large', storageType: 'aurora' }),
];
ruleCases(auroraIoOptimized, {
  flagged: {
    parts: {
      dbInstances: members,
      dbClusters: [
        auroraCluster({
          metrics: { VolumeReadIOPs: flat(60e6), VolumeWriteIOPs: flat(40e6), VolumeBytesUsed: flat(100 * GIB) },
        }),
      ],
    },
    check: (f) => {
      // Golden: Standard = 2 × 730 h × $0.29 db.r4.large (infracost rds_cluster_instance_test "730 hours $211.70")
      // + 100 GB × $0.10 + 3,042 M I/Os (100 M a day × 30.4167) × $0.20 = $423.40 + $10.00 + $608.40 = $1,041.80;
      // I/O-Optimized = $423.40 × 1.3 + 100 GB × $0.225 = $550.42 + $22.50 = $572.92; saving $468.88.
      expect(f.monthlySavingsUsd).toBe(468.88);
      expect(f.reason).toContain('I/O is 58% of its $1,041.80 a month');
    },
  },
  clean: { parts: { dbInstances: members, dbClusters: [auroraCluster()] } },
  noData: { parts: { dbInstances: members, dbClusters: [auroraCluster({ metrics: {} })] } },
});

describe('rds-aurora-io-optimized pricing', () => {
  it('is info for a member class the table has no Aurora price for', () => {
    const [f] = run(auroraIoOptimized, {
      dbInstances: [db({ id: 'erp-aurora-1', engine: 'aurora-mysql', instanceClass: 'db.r6g.large' })],
      dbClusters: [
        auroraCluster({
          memberIds: ['erp-aurora-1'],
          metrics: { ...auroraCluster().metrics, VolumeReadIOPs: flat(9e8) },
        }),
      ],
    });
    expect(f).toMatchObject({ status: 'info', savingsBasis: 'no bundled list price for aurora-mysql db.r6g.large' });
  });
  it('leaves I/O-Optimized clusters ok', () => {
    const [f] = run(auroraIoOptimized, {
      dbInstances: members,
      dbClusters: [auroraCluster({ storageType: 'aurora-iopt1' })],
    });
    expect(f?.status).toBe('ok');
  });
});

const heavyIo = { VolumeReadIOPs: flat(60e6), VolumeWriteIOPs: flat(40e6), VolumeBytesUsed: flat(100 * GIB) };
ruleCases(auroraIoOptimizedUnneeded, {
  flagged: {
    parts: { dbInstances: members, dbClusters: [auroraCluster({ storageType: 'aurora-iopt1' })] },
    check: (f) => {
      // Golden: I/O-Optimized = 2 × 730 h × $0.29 db.r4.large (infracost rds_cluster_instance_test "730 hours
      // $211.70") × 1.3 + 100 GB × $0.225 = $550.42 + $22.50 = $572.92; Standard = $423.40 + 100 GB × $0.10 + 61 M I/Os
      // (2 M a day × 30.4167) × $0.20 = $445.60; saving $127.32.
      expect(f.monthlySavingsUsd).toBe(127.32);
      expect(f.reason).toContain('on Standard its I/O would bill $12.20 a month');
    },
  },
  clean: {
    parts: { dbInstances: members, dbClusters: [auroraCluster({ storageType: 'aurora-iopt1', metrics: heavyIo })] },
  },
  noData: {
    parts: { dbInstances: members, dbClusters: [auroraCluster({ storageType: 'aurora-iopt1', metrics: {} })] },
  },
});
