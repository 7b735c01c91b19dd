import { usdCents } from '../../domain/money';
import type { IncompleteUpload } from '../../domain/resources-storage';
import { type Estimate, monthlyCost, type PriceKey, price, sum } from '../../pricing';
import { fmt, toGb } from '../storage';
import { daysSince, defineRule, ok, SERVICES, type Verdict, wa } from './define-rule';

/** The storage price of each class an upload's parts can be billed at, where the table has one. */
const CLASS_PRICE: Record<string, PriceKey> = {
  STANDARD: 's3.standard.gb_month',
  STANDARD_IA: 's3.standard_ia.gb_month',
  ONEZONE_IA: 's3.onezone_ia.gb_month',
  GLACIER_IR: 's3.glacier_instant_retrieval.gb_month',
  GLACIER: 's3.glacier_flexible.gb_month',
  DEEP_ARCHIVE: 's3.glacier_deep_archive.gb_month',
};

/** The monthly storage of sized uploads, class by class; undefined when no class of theirs has a price. */
function uploadsCost(sized: IncompleteUpload[], region: string): Estimate | undefined {
  const byClass = new Map<string, number>();
  for (const u of sized) byClass.set(u.storageClass, (byClass.get(u.storageClass) ?? 0) + (u.bytes ?? 0));
  const parts = [...byClass].flatMap(([cls, bytes]) => {
    const key = CLASS_PRICE[cls];
    const rate = key && price(key, region);
    return rate ? [monthlyCost(rate, toGb(bytes))] : [];
  });
  return parts.length ? sum(parts) : undefined;
}

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
  params: {
    minAgeDays: { default: 7, description: 'Uploads started more than this many days ago count as abandoned' },
  },
  iamActions: [
    's3:ListAllMyBuckets',
    's3:GetBucketLocation',
    's3:GetLifecycleConfiguration',
    's3:ListBucketMultipartUploads',
    's3:ListMultipartUploadParts',
  ],
  savingsMethod: 'price-table',
  confidence: 'medium',
  check(resources, params, ctx) {
    return resources.buckets.map((b): Verdict => {
      if (!b.lifecycle)
        return { resource: b, status: 'skip', reason: `lifecycle configuration of ${b.id} could not be read` };
      if (b.lifecycle.some((r) => r.enabled && r.abortsIncompleteUploads))
        return ok(b, 'aborts incomplete multipart uploads');
      const base = `bucket ${b.id} has no lifecycle rule aborting incomplete multipart uploads, whose parts are billed until deleted`;
      if (!b.incompleteUploads)
        return { resource: b, status: 'info', reason: base, unpriced: 'its incomplete uploads could not be listed' };
      const stale = b.incompleteUploads.uploads.filter(
        (u) => (daysSince(u.initiated, ctx.asOf) ?? 0) > params.minAgeDays,
      );
      if (stale.length === 0) return ok(b, `no incomplete upload started over ${params.minAgeDays} days ago`);
      const sized = stale.filter((u) => u.bytes !== undefined);
      const cost = uploadsCost(sized, b.region);
      const gb = toGb(sized.reduce((s, u) => s + (u.bytes ?? 0), 0));
      const capped = `${sized.length} of them sized from their parts (at most 20 per bucket)${b.incompleteUploads.truncated ? ', and only the first 1,000 uploads listed' : ''}`;
      const reason = `${base}: ${stale.length} uploads started over ${params.minAgeDays} days ago hold at least ${fmt(gb)} GB (${capped})`;
      if (!cost || cost.monthlyUsd === 0)
        return {
          resource: b,
          status: 'info',
          reason,
          unpriced: 'the parts of its stale uploads could not be sized or priced',
        };
      return {
        resource: b,
        status: 'alarm',
        reason: `${reason}; aborting them saves at least ${usdCents(cost.monthlyUsd)} a month`,
        savings: cost,
        evidence: { staleUploads: stale.length, sizedUploads: sized.length, sizedGb: gb },
      };
    });
  },
});
