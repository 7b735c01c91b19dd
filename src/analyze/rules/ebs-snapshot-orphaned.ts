import { usdCents } from '../../domain/money';
import { monthlyCost, price } from '../../pricing';
import { imageSnapshotIds, snapshotsWithVolume } from '../storage';
import { daysSince, defineRule, judgeEach, ok, priced, SERVICES, wa } from './define-rule';

export default defineRule({
  id: 'ebs-snapshot-orphaned',
  title: 'EBS snapshot whose volume and AMI are both gone',
  service: SERVICES.ec2Other,
  strategy: 'unused-resources',
  wellArchitected: wa('COST04-BP05'),
  severity: 'medium',
  effort: 'low',
  restartNeeded: false,
  action: 'delete',
  params: {
    minAgeDays: { default: 30, description: 'Ignore snapshots younger than this' },
  },
  iamActions: ['ec2:DescribeSnapshots', 'ec2:DescribeVolumes', 'ec2:DescribeImages'],
  savingsMethod: 'price-table',
  confidence: 'medium',
  check(resources, params, ctx) {
    const withVolume = snapshotsWithVolume(resources);
    const inImages = imageSnapshotIds(resources.images);
    return judgeEach(resources.snapshots, (s) => {
      if (inImages.has(s.id)) return ok(s, 'used by an AMI');
      if (withVolume.has(s)) return ok(s, 'its volume exists');
      const age = daysSince(s.startTime, ctx.asOf);
      if (age === undefined) return { resource: s, status: 'skip' as const, reason: 'snapshot has no start time' };
      if (age < params.minAgeDays) return undefined;
      const gb = s.fullSizeGb ?? s.volumeSizeGb;
      const rate = price(s.storageTier === 'archive' ? 'ebs.snapshot.archive' : 'ebs.snapshot.standard', s.region);
      const cost = rate && monthlyCost(rate, gb);
      const reason = `snapshot of ${s.volumeId ?? 'an unknown volume'} (gone), in no AMI, ${age} days old, ${gb} GB${cost ? `, up to ${usdCents(cost.monthlyUsd)} a month` : ''}`;
      return {
        ...priced(s, reason, cost, 'EBS snapshots'),
        // Snapshots are incremental: the full size is an upper bound of what is billed.
        confidence: s.fullSizeGb === undefined ? ('low' as const) : ('medium' as const),
      };
    });
  },
});
