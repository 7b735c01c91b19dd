import { usdCents } from '../../domain/money';
import { monthlyCost, price } from '../../pricing';
import { daysSince, defineRule, ok, priced, SERVICES, wa } from './define-rule';

export default defineRule({
  id: 'ec2-ami-unused',
  title: 'AMI used by no instance, its snapshots still billed',
  service: SERVICES.ec2Other,
  strategy: 'unused-resources',
  wellArchitected: wa('COST04-BP05'),
  severity: 'low',
  effort: 'low',
  restartNeeded: false,
  action: 'delete',
  params: {
    minAgeDays: { default: 90, description: 'Ignore AMIs created less than this many days ago' },
  },
  iamActions: ['ec2:DescribeImages', 'ec2:DescribeInstances', 'ec2:DescribeSnapshots'],
  savingsMethod: 'price-table',
  confidence: 'medium',
  check(resources, params, ctx) {
    const used = new Set(resources.instances.map((i) => i.imageId));
    const snapshots = new Map(resources.snapshots.map((s) => [s.id, s]));
    return resources.images.flatMap((img) => {
      if (used.has(img.id)) return [ok(img, 'used by an instance')];
      const age = daysSince(img.creationDate, ctx.asOf);
      if (age === undefined) return [{ resource: img, status: 'skip' as const, reason: 'AMI has no creation date' }];
      if (age < params.minAgeDays) return [];
      const gb = img.snapshotIds.reduce((n, id) => n + (snapshots.get(id)?.volumeSizeGb ?? 0), 0);
      const rate = price('ebs.snapshot.standard', img.region);
      const cost = gb > 0 && rate ? monthlyCost(rate, gb) : undefined;
      const reason = `AMI ${img.name ?? img.id} is ${age} days old and no instance uses it; its ${img.snapshotIds.length} snapshot(s) hold ${gb} GB${cost ? `, up to ${usdCents(cost.monthlyUsd)} a month` : ''}`;
      return [priced(img, reason, cost, gb > 0 ? 'EBS snapshots' : 'snapshots not found in the inventory')];
    });
  },
});
