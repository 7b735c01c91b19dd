import { usdCents } from '../../domain/money';
import { monthlyCost, price } from '../../pricing';
import { imageSnapshotIds, snapshotsWithVolume } from '../storage';
import { daysSince, defineRule, judgeEach, ok, priced, SERVICES, wa } from './define-rule';

export default defineRule({
  id: 'ebs-snapshot-old',
  title: 'EBS snapshot older than the retention period',
  service: SERVICES.ec2Other,
  strategy: 'unused-resources',
  wellArchitected: wa('COST04-BP05'),
  severity: 'low',
  effort: 'low',
  restartNeeded: false,
  action: 'delete',
  params: {
    maxAgeDays: { default: 365, description: 'Snapshots older than this are past retention' },
  },
  iamActions: ['ec2:DescribeSnapshots', 'ec2:DescribeVolumes', 'ec2:DescribeImages'],
  savingsMethod: 'price-table',
  confidence: 'low',
  check(resources, params, ctx) {
    const withVolume = snapshotsWithVolume(resources);
    const inImages = imageSnapshotIds(resources.images);
    return judgeEach(resources.snapshots, (s) => {
      // Snapshots of AMIs go with the AMI; those whose volume is gone are ebs-snapshot-orphaned's.
      if (inImages.has(s.id) || !withVolume.has(s)) return undefined;
      const age = daysSince(s.startTime, ctx.asOf);
      if (age === undefined) return { resource: s, status: 'skip' as const, reason: 'snapshot has no start time' };
      if (age <= params.maxAgeDays) return ok(s, `${age} days old, within ${params.maxAgeDays}`);
      const gb = s.fullSizeGb ?? s.volumeSizeGb;
      const rate = price(s.storageTier === 'archive' ? 'ebs.snapshot.archive' : 'ebs.snapshot.standard', s.region);
      const cost = rate && monthlyCost(rate, gb);
      const reason = `snapshot of ${s.volumeId} is ${age} days old (retention ${params.maxAgeDays}), ${gb} GB${cost ? `, up to ${usdCents(cost.monthlyUsd)} a month` : ''}`;
      return priced(s, reason, cost, 'EBS snapshots');
    });
  },
});
