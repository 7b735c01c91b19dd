import { usdCents } from '../../domain/money';
import { monthlyCost, price, saving } from '../../pricing';
import { imageSnapshotIds, snapshotsWithVolume } from '../storage';
import { daysSince, defineRule, judgeEach, noPrice, ok, SERVICES, wa } from './define-rule';

export default defineRule({
  id: 'ebs-snapshot-archive-candidate',
  title: 'EBS snapshot kept for months in the standard tier instead of the archive tier',
  service: SERVICES.ec2Other,
  strategy: 'storage-tiering',
  wellArchitected: wa('COST04-BP05'),
  severity: 'low',
  effort: 'low',
  restartNeeded: false,
  action: 'configure',
  params: {
    minAgeDays: { default: 90, description: 'Archive pays off for snapshots kept at least 90 days (its minimum)' },
    maxAgeDays: { default: 365, description: 'Older snapshots are for deletion (ebs-snapshot-old)' },
  },
  iamActions: ['ec2:DescribeSnapshots', 'ec2:DescribeVolumes', 'ec2:DescribeImages'],
  savingsMethod: 'price-table',
  confidence: 'low',
  check(resources, params, ctx) {
    const withVolume = snapshotsWithVolume(resources);
    const inImages = imageSnapshotIds(resources.images);
    return judgeEach(resources.snapshots, (s) => {
      if (inImages.has(s.id) || !withVolume.has(s)) return undefined;
      if (s.storageTier === 'archive') return ok(s, 'already in the archive tier');
      const age = daysSince(s.startTime, ctx.asOf);
      if (age === undefined) return { resource: s, status: 'skip' as const, reason: 'snapshot has no start time' };
      if (age < params.minAgeDays || age > params.maxAgeDays) return ok(s, `${age} days old`);
      const gb = s.fullSizeGb ?? s.volumeSizeGb;
      const standard = price('ebs.snapshot.standard', s.region);
      const archive = price('ebs.snapshot.archive', s.region);
      const reason = `snapshot of ${s.volumeId} kept ${age} days in the standard tier, ${gb} GB`;
      if (!standard || !archive) return noPrice(s, reason, 'EBS snapshot tiers');
      // The archive tier stores a full copy; standard bills increments, so this is an upper bound.
      const save = saving(monthlyCost(standard, gb), monthlyCost(archive, gb));
      return {
        resource: s,
        status: 'alarm' as const,
        reason: `${reason}; archiving saves up to ${usdCents(save.monthlyUsd)} a month`,
        savings: save,
      };
    });
  },
});
