import { defineRule, ok, SERVICES, wa } from './define-rule';

export default defineRule({
  id: 's3-no-lifecycle',
  title: 'S3 bucket with no lifecycle rule to tier or expire objects',
  service: SERVICES.s3,
  strategy: 'storage-tiering',
  wellArchitected: wa('COST04-BP05'),
  severity: 'low',
  effort: 'low',
  restartNeeded: false,
  action: 'configure',
  params: {},
  iamActions: ['s3:ListAllMyBuckets', 's3:GetBucketLocation', 's3:GetLifecycleConfiguration'],
  savingsMethod: 'none',
  confidence: 'low',
  check(resources) {
    return resources.buckets.map((b) => {
      if (!b.lifecycle)
        return { resource: b, status: 'skip' as const, reason: `lifecycle configuration of ${b.id} could not be read` };
      if (b.lifecycle.some((r) => r.enabled && r.hasTransitionOrExpiration)) return ok(b, 'has a lifecycle rule');
      return {
        resource: b,
        status: 'info' as const,
        reason: `bucket ${b.id} has no enabled lifecycle rule that transitions or expires objects`,
        unpriced: 'storage by class and object age is not collected, so the saving is not estimated',
      };
    });
  },
});
