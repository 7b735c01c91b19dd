import { expect } from 'vitest';
import ebsGp2ToGp3 from '../../../src/analyze/rules/ebs-gp2-to-gp3';
import ebsIoToGp3 from '../../../src/analyze/rules/ebs-io-to-gp3';
import ebsSnapshotArchiveCandidate from '../../../src/analyze/rules/ebs-snapshot-archive-candidate';
import ebsSnapshotOld from '../../../src/analyze/rules/ebs-snapshot-old';
import ebsSnapshotOrphaned from '../../../src/analyze/rules/ebs-snapshot-orphaned';
import ebsVolumeOnStoppedInstance from '../../../src/analyze/rules/ebs-volume-on-stopped-instance';
import ebsVolumeUnattached from '../../../src/analyze/rules/ebs-volume-unattached';
import ec2AmiUnused from '../../../src/analyze/rules/ec2-ami-unused';
import { daysAgo, image, instance, ruleCases, snapshot, volume } from './fixtures';

ruleCases(ebsVolumeUnattached, {
  flagged: {
    parts: { volumes: [volume({ state: 'available', attachedInstanceIds: [] })] },
    check: (f) => {
      expect(f.monthlySavingsUsd).toBeCloseTo(8, 6);
      expect(f.owner).toBe('alice');
      expect(f.action).toBe('delete');
    },
  },
  clean: { parts: { volumes: [volume()] } },
  noData: {
    parts: { volumes: [volume({ state: 'available', attachedInstanceIds: [], type: 'gp9' })] },
    check: (f) => expect(f.reason).toContain('no bundled list price for EBS gp9'),
  },
});

ruleCases(ebsVolumeOnStoppedInstance, {
  flagged: {
    parts: { volumes: [volume()], instances: [instance({ state: 'stopped', stoppedSince: daysAgo(12) })] },
    check: (f) => expect(f.reason).toContain('stopped for 12 days'),
  },
  clean: { parts: { volumes: [volume()], instances: [instance()] } },
  noData: {
    parts: {
      volumes: [volume({ type: 'gp9' })],
      instances: [instance({ state: 'stopped', stoppedSince: daysAgo(12) })],
    },
  },
});

ruleCases(ebsGp2ToGp3, {
  flagged: {
    parts: { volumes: [volume({ type: 'gp2', iops: 300, throughputMBps: undefined })] },
    check: (f) => expect(f.monthlySavingsUsd).toBeCloseTo(2, 6),
  },
  clean: { parts: { volumes: [volume()] } },
  noData: {
    parts: { volumes: [volume({ type: 'gp2', sizeGb: 2000, iops: undefined })] },
    check: (f) => expect(f.reason).toContain('reports no IOPS'),
  },
});

ruleCases(ebsIoToGp3, {
  flagged: {
    parts: { volumes: [volume({ type: 'io1', sizeGb: 30, iops: 300 })] },
    // io1: 30 GB × $0.125 + 300 IOPS × $0.065 = $23.25; gp3: 30 GB × $0.08 = $2.40
    check: (f) => expect(f.monthlySavingsUsd).toBeCloseTo(20.85, 6),
  },
  clean: { parts: { volumes: [volume({ type: 'io2', iops: 40_000 })] } },
  noData: { parts: { volumes: [volume({ type: 'io1', iops: undefined })] } },
});

ruleCases(ebsSnapshotOrphaned, {
  flagged: {
    parts: { snapshots: [snapshot({ volumeId: 'vol-gone' })] },
    check: (f) => expect(f.monthlySavingsUsd).toBeCloseTo(5, 6),
  },
  clean: { parts: { snapshots: [snapshot()], volumes: [volume()] } },
  noData: { parts: { snapshots: [snapshot({ volumeId: 'vol-gone', startTime: '' })] } },
});

ruleCases(ebsSnapshotOld, {
  flagged: { parts: { snapshots: [snapshot({ startTime: daysAgo(500) })], volumes: [volume()] } },
  clean: { parts: { snapshots: [snapshot({ startTime: daysAgo(30) })], volumes: [volume()] } },
  noData: { parts: { snapshots: [snapshot({ startTime: 'not a date' })], volumes: [volume()] } },
});

ruleCases(ebsSnapshotArchiveCandidate, {
  flagged: {
    parts: { snapshots: [snapshot({ startTime: daysAgo(120), fullSizeGb: 40 })], volumes: [volume()] },
    // 40 GB × ($0.05 − $0.0125)
    check: (f) => expect(f.monthlySavingsUsd).toBeCloseTo(1.5, 6),
  },
  clean: { parts: { snapshots: [snapshot({ storageTier: 'archive' })], volumes: [volume()] } },
  noData: { parts: { snapshots: [snapshot({ startTime: '' })], volumes: [volume()] } },
});

ruleCases(ec2AmiUnused, {
  flagged: {
    parts: { images: [image()], snapshots: [snapshot({ id: 'snap-ami', volumeSizeGb: 8 })] },
    check: (f) => expect(f.monthlySavingsUsd).toBeCloseTo(0.4, 6),
  },
  clean: { parts: { images: [image({ id: 'ami-used' })], instances: [instance()] } },
  noData: {
    parts: { images: [image()] },
    check: (f) => expect(f.status).toBe('info'),
  },
});
