import { expect } from 'vitest';
import ebsGp3IopsOverprovisioned from '../../../src/analyze/rules/ebs-gp3-iops-overprovisioned';
import ebsGp3ThroughputOverprovisioned from '../../../src/analyze/rules/ebs-gp3-throughput-overprovisioned';
import ebsIoIopsOverprovisioned from '../../../src/analyze/rules/ebs-io-iops-overprovisioned';
import ebsMagneticToGp3 from '../../../src/analyze/rules/ebs-magnetic-to-gp3';
import ebsSt1ToSc1 from '../../../src/analyze/rules/ebs-st1-to-sc1';
import ebsVolumeIdle from '../../../src/analyze/rules/ebs-volume-idle';
import { daysAgo, instance, ruleCases, volume } from './fixtures';
import { volumeIo } from './fixtures-storage';

const stopped = instance({ id: 'i-stopped', state: 'stopped' });

ruleCases(ebsGp3IopsOverprovisioned, {
  flagged: {
    parts: { volumes: [volume({ sizeGb: 1000, iops: 10_000, metrics: volumeIo(50, 30) })] },
    check: (f) => {
      // Golden: busiest day 50 + 30 = 80 IOPS, × 10 assumed burst headroom = 800, so 3,000 (the free baseline) is
      // kept: (10,000 − 3,000) IOPS × $0.005 per IOPS-month above 3,000 (ebs.gp3.iops_over_3000, infracost
      // ebs_volume_test golden) = $35.00.
      expect(f.monthlySavingsUsd).toBe(35);
      expect(f.confidence).toBe('low');
      expect(f.savingsBasis).toContain('7,000 × $0.005 (ebs.gp3.iops_over_3000, us-east-1 list price), the quantity');
      expect(f.reason).toBe(
        '1000 GB gp3 volume provisions 10000 IOPS but its busiest day over 14 days averaged 80 IOPS; provisioning 3000 saves $35.00 a month',
      );
    },
  },
  clean: {
    parts: {
      instances: [stopped],
      volumes: [
        volume(),
        volume({ id: 'vol-busy', iops: 6000, metrics: volumeIo(400, 200) }),
        volume({ id: 'vol-stopped', iops: 6000, attachedInstanceIds: ['i-stopped'], metrics: volumeIo(0, 0) }),
      ],
    },
  },
  noData: { parts: { volumes: [volume({ iops: 6000 })] } },
});

ruleCases(ebsGp3ThroughputOverprovisioned, {
  flagged: {
    parts: { volumes: [volume({ sizeGb: 500, throughputMBps: 500, metrics: volumeIo(100, 100, 4, 1) })] },
    check: (f) => {
      // Golden: busiest day 4 + 1 = 5 MB/s, × 10 assumed headroom = 50, so the free 125 is kept: (500 − 125) MB/s ×
      // $0.04 per MB/s-month above 125 (ebs.gp3.throughput_over_125, infracost ebs_volume_test golden) = $15.00.
      expect(f.monthlySavingsUsd).toBe(15);
      expect(f.savingsBasis).toContain('375 × $0.04 (ebs.gp3.throughput_over_125');
    },
  },
  clean: {
    parts: {
      volumes: [volume(), volume({ id: 'vol-busy', throughputMBps: 250, metrics: volumeIo(100, 100, 20, 10) })],
    },
  },
  noData: { parts: { volumes: [volume({ throughputMBps: 250 })] } },
});

ruleCases(ebsVolumeIdle, {
  flagged: {
    parts: { volumes: [volume({ sizeGb: 500, metrics: volumeIo(0, 0) })] },
    check: (f) => {
      // Golden: 500 GB gp3 × $0.08 per GB-month (ebs.gp3.storage, infracost ebs_volume_test golden) = $40.00.
      expect(f.monthlySavingsUsd).toBe(40);
      expect(f.reason).toContain('attached to i-1 did 0 read or write operations over 14 days; it bills $40.00');
    },
  },
  clean: {
    parts: {
      instances: [stopped],
      volumes: [
        volume({ metrics: volumeIo(5, 1) }),
        // Too young to judge, and on a stopped instance (another rule's).
        volume({ id: 'vol-new', createTime: daysAgo(3), metrics: volumeIo(0, 0) }),
        volume({ id: 'vol-stopped', attachedInstanceIds: ['i-stopped'], metrics: volumeIo(0, 0) }),
      ],
    },
  },
  noData: { parts: { volumes: [volume()] } },
});

ruleCases(ebsSt1ToSc1, {
  flagged: {
    parts: { volumes: [volume({ type: 'st1', sizeGb: 2000, metrics: volumeIo(10, 10, 4, 1) })] },
    check: (f) => {
      // Golden: 5 MB/s on the busiest day, within sc1's 12 MB/s per TiB × 1.95 TiB = 23.44 MB/s: 2,000 GB × ($0.045
      // st1 − $0.015 sc1 per GB-month) (ebs.st1.storage, ebs.sc1.storage, infracost ebs_volume_test golden) = $60.00.
      expect(f.monthlySavingsUsd).toBe(60);
      expect(f.savingsBasis).toBe(
        'now 2,000 × $0.045 (ebs.st1.storage, us-east-1 list price) = $90.00; after 2,000 × $0.015 (ebs.sc1.storage, us-east-1 list price) = $30.00',
      );
    },
  },
  clean: { parts: { volumes: [volume({ type: 'st1', sizeGb: 500, metrics: volumeIo(100, 100, 20, 10) })] } },
  noData: { parts: { volumes: [volume({ type: 'st1', sizeGb: 500 })] } },
});

ruleCases(ebsIoIopsOverprovisioned, {
  flagged: {
    parts: { volumes: [volume({ type: 'io1', sizeGb: 1000, iops: 20_000, metrics: volumeIo(300, 200) })] },
    check: (f) => {
      // Golden: busiest day 300 + 200 = 500 IOPS × 10 assumed burst headroom = 5,000 kept: (20,000 − 5,000) IOPS ×
      // $0.065 per provisioned IOPS-month (ebs.io1.iops, infracost ebs_volume_test golden) = $975.00.
      expect(f.monthlySavingsUsd).toBe(975);
      expect(f.savingsBasis).toContain('15,000 × $0.065 (ebs.io1.iops');
    },
  },
  clean: {
    parts: {
      volumes: [
        volume({ type: 'io2', iops: 40_000, metrics: volumeIo(3000, 2000) }),
        // Within gp3's 16,000 IOPS: ebs-io-to-gp3's.
        volume({ id: 'vol-gp3able', type: 'io1', iops: 10_000, metrics: volumeIo(1, 1) }),
      ],
    },
  },
  noData: { parts: { volumes: [volume({ type: 'io2', iops: 20_000 })] } },
});

ruleCases(ebsIoIopsOverprovisioned, {
  flagged: {
    // io2 at 64,000 IOPS doing 1,000 a day on average: only the tier-1 IOPS removed are priced.
    parts: { volumes: [volume({ type: 'io2', sizeGb: 2000, iops: 64_000, metrics: volumeIo(600, 400) })] },
    check: (f) => {
      // Golden: 10,000 IOPS kept; of the 54,000 removed, those within the first 32,000: 22,000 × $0.065
      // (ebs.io2.iops_tier1_upto_32000, infracost ebs_volume_test golden) = $1,430.00 at least.
      expect(f.monthlySavingsUsd).toBe(1430);
      expect(f.savingsBasis).toContain('counting only those within io2 tier 1');
    },
  },
  clean: { parts: { volumes: [volume()] } },
  noData: { parts: { volumes: [volume({ type: 'io1', iops: 20_000, metrics: {} })] } },
});

ruleCases(ebsMagneticToGp3, {
  flagged: {
    parts: { volumes: [volume({ type: 'standard', sizeGb: 500, metrics: volumeIo(300, 100) })] },
    check: (f) => {
      // Golden: 400 IOPS × 86,400 s × 30.42 days = 1,051.2 million requests × $0.05 per million + 500 GB × $0.05 =
      // $77.56 magnetic, against 500 GB × $0.08 gp3 = $40.00 (ebs.standard.*, ebs.gp3.storage: infracost
      // ebs_volume_test golden): $37.56.
      expect(f.monthlySavingsUsd).toBe(37.56);
      expect(f.savingsBasis).toContain('1051.2 × $0.05 (ebs.standard.io_requests');
    },
  },
  clean: { parts: { volumes: [volume({ type: 'standard', sizeGb: 500, metrics: volumeIo(20, 10) })] } },
  noData: { parts: { volumes: [volume({ type: 'standard', sizeGb: 500 })] } },
});
