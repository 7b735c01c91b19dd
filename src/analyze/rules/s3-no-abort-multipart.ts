import { defineRule, ok, SERVICES, wa } from './define-rule';

export default defineRule({
  id: 's3-no-abort-multipart',
  title: 'S3 bucket keeps incomplete multipart uploads forever',
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
      if (b.lifecycle.some((r) => r.enabled && r.abortsIncompleteUploads))
        return ok(b, 'aborts incomplete multipart uploads');
      return {
        resource: b,
        status: 'info' as const,
        reason: `bucket ${b.id} has no lifecycle rule aborting incomplete multipart uploads, whose parts are billed until deleted`,
        unpriced: 'incomplete uploads are not listed, so the saving is not estimated',
      };
    });
  },
});
